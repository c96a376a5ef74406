package io.kafkaops.orchestrator.provision;

import io.kafkaops.orchestrator.plan.HostPlan;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** What provision prints: the planned changes per host (with file diffs) and the closing table of results. */
final class ProvisionReport {
    private ProvisionReport() {}

    static void changes(List<HostPlan> hosts, Map<String, HostChanges> diffs, Consumer<String> say) {
        for (HostPlan h : hosts) {
            HostChanges d = diffs.get(h.host());
            if (d == null) continue;
            if (!d.refusals().isEmpty()) {
                d.refusals().forEach(r -> say.accept("[" + h.host() + "] REFUSED: " + r));
            } else if (d.changes().isEmpty()) {
                say.accept("[" + h.host() + "] no changes");
            } else {
                for (Change c : d.changes()) {
                    say.accept("[" + h.host() + "] will " + c.describe());
                    if (c instanceof Change.WriteFile w && !w.diff().isEmpty()) {
                        w.diff().lines().forEach(l -> say.accept("    " + l));
                    }
                }
            }
        }
    }

    static void summary(List<HostPlan> hosts, Map<String, HostOutcome> outcomes, Consumer<String> say) {
        say.accept("");
        say.accept(String.format("%-28s %s", "HOST", "RESULT"));
        for (HostPlan h : hosts) {
            say.accept(String.format("%-28s %s", h.host(), outcomes.containsKey(h.host()) ? outcomes.get(h.host()).result() : "planned"));
        }
    }
}
