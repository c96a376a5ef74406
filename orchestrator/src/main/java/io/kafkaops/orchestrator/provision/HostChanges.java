package io.kafkaops.orchestrator.provision;

import java.util.List;

/** What provision would do on one host, and why it refuses to, if it does. */
public record HostChanges(String host, List<Change> changes, List<String> refusals) {
    public boolean noChanges() {
        return changes.stream().allMatch(c -> c instanceof Change.NeedsRestart) && refusals.isEmpty();
    }
}
