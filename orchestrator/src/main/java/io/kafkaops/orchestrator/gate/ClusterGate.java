package io.kafkaops.orchestrator.gate;

import io.kafkaops.orchestrator.upgrade.KafkaVersion;
import io.kafkaops.orchestrator.upgrade.UpgradePath;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The whole-cluster gates: G0 before a roll (or phase) starts, G3 after the last broker. */
public final class ClusterGate {
    private ClusterGate() {}

    /**
     * G0: anything wrong refuses the whole roll; nothing has been touched yet, so nothing waits.
     * Pass carries the risk report's warnings.
     */
    public static GateVerdict beforeRoll(ClusterSnapshot s, UpgradePath path, GateSettings settings) {
        RiskReport risks = RiskReport.of(s, settings);
        GateVerdict.Tally tally = new GateVerdict.Tally()
                .refuse(ClusterHealth.registration(s))
                .refuse(ClusterHealth.offline(s))
                .refuse(ClusterHealth.underReplicated(s))
                .refuse(ClusterHealth.underMinIsr(s))
                .refuse(ClusterHealth.reassignmentsAndThrottles(s))
                .refuse(ClusterHealth.quorum(s, settings))
                .refuse(risks.refusals())
                .refuse(versions(s, path))
                .warn(risks.warnings());
        return tally.verdict();
    }

    /** G3: every broker back, on the target version, every partition in sync and led by its preferred leader. */
    public static GateVerdict afterRoll(ClusterSnapshot s, String targetVersion, GateSettings settings) {
        List<String> wrongVersion = new ArrayList<>();
        for (BrokerState b : s.brokers()) {
            if (!b.inInventory()) continue;
            BrokerGate.versionMismatch(b, targetVersion).ifPresent(wrongVersion::add);
        }
        List<String> leadership = s.partitions().stream().filter(p -> !p.offline() && !p.ledByPreferred())
                .map(p -> "partition " + p.name() + " is led by " + s.brokerLabel(p.leader().orElseThrow()) + ", not its preferred leader "
                        + s.brokerLabel(p.preferredLeader()) + "; a preferred-leader election is due")
                .toList();
        return new GateVerdict.Tally()
                .refuse(wrongVersion)
                .refuse(ClusterHealth.offline(s))
                .refuse(ClusterHealth.underMinIsr(s))
                .refuse(ClusterHealth.reassignmentsAndThrottles(s))
                .waitFor(ClusterHealth.registration(s))
                .waitFor(ClusterHealth.underReplicated(s))
                .waitFor(ClusterHealth.quorum(s, settings))
                .waitFor(leadership)
                .verdict();
    }

    /** G0.6: the step is allowed, the plan starts from what runs, and no broker is half-way. */
    static List<String> versions(ClusterSnapshot s, UpgradePath path) {
        List<String> problems = new ArrayList<>();
        if (path instanceof UpgradePath.Refused refused) problems.add("the requested version step is refused: " + refused.reason());
        Map<String, List<Integer>> byVersion = new TreeMap<>();
        for (BrokerState b : s.brokers()) {
            if (!b.inInventory()) continue;
            Optional<String> running = b.brokerVersion().or(b::hostVersion);
            if (running.isEmpty()) {
                problems.add("the version of " + b.label() + " is unknown (neither the host nor the broker told)");
                continue;
            }
            if (b.hostVersion().isPresent() && b.brokerVersion().isPresent() && !same(b.hostVersion().get(), b.brokerVersion().get())) {
                problems.add(b.label() + " runs " + b.brokerVersion().get() + " but its host is set up for " + b.hostVersion().get()
                        + "; an earlier roll stopped half-way on it");
            }
            byVersion.computeIfAbsent(KafkaVersion.parse(running.get()).map(KafkaVersion::toString).orElse(running.get()),
                    v -> new ArrayList<>()).add(b.id());
        }
        if (byVersion.size() > 1) {
            problems.add("the brokers run different versions: " + byVersion.entrySet().stream()
                    .map(e -> e.getKey() + " on brokers " + e.getValue()).toList()
                    + "; resume or roll back the interrupted roll before starting a new one");
        } else if (byVersion.size() == 1 && path instanceof UpgradePath.Planned planned
                && !same(byVersion.keySet().iterator().next(), planned.from())) {
            problems.add("the plan starts from " + planned.from() + " but the brokers run " + byVersion.keySet().iterator().next()
                    + "; plan again");
        }
        return problems;
    }

    static boolean same(String a, String b) {
        Optional<KafkaVersion> va = KafkaVersion.parse(a);
        return va.isPresent() ? va.equals(KafkaVersion.parse(b)) : a.trim().equals(b.trim());
    }
}
