package io.kafkaops.orchestrator.gate;

import io.kafkaops.orchestrator.version.UpgradePath;

import java.util.ArrayList;
import java.util.List;

/** The whole-cluster gates: G0 before a roll (or phase) starts, G3 after the last broker. */
public final class ClusterGate {
    private ClusterGate() {}

    /**
     * G0: anything wrong refuses the whole roll; nothing has been touched yet, so nothing waits.
     * Pass carries the risk report's warnings.
     */
    public static GateVerdict beforeRoll(ClusterSnapshot s, UpgradePath path, GateSettings settings) {
        RiskReport risks = RiskReport.of(s, settings);
        Reasons tally = new Reasons()
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
        GateVerdict health = new Reasons()
                .refuse(wrongVersion)
                .refuse(ClusterHealth.offline(s))
                .refuse(ClusterHealth.underMinIsr(s))
                .refuse(ClusterHealth.reassignmentsAndThrottles(s))
                .waitFor(ClusterHealth.registration(s))
                .waitFor(ClusterHealth.underReplicated(s))
                .waitFor(ClusterHealth.quorum(s, settings))
                .verdict();
        // as in G2: leadership still moving back is a healthy wait, the elections are the roll's own doing
        return health instanceof GateVerdict.Pass && !leadership.isEmpty() ? new GateVerdict.Wait(leadership, true) : health;
    }

    /** G0.6: the step is allowed, the brokers agree on version and pins, and the plan starts from what runs. */
    static List<String> versions(ClusterSnapshot s, UpgradePath path) {
        List<String> problems = new ArrayList<>();
        if (path instanceof UpgradePath.Refused refused) problems.add("the requested version step is refused: " + refused.reason());
        VersionCensus census = VersionCensus.of(s);
        problems.addAll(census.problems());
        if (path instanceof UpgradePath.Planned planned && census.version().isPresent()
                && !VersionCensus.sameVersion(census.version().get(), planned.from())) {
            problems.add("the plan starts from " + planned.from() + " but the brokers run " + census.version().get() + "; plan again");
        }
        return problems;
    }
}
