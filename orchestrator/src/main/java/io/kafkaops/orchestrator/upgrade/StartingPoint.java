package io.kafkaops.orchestrator.upgrade;

import io.kafkaops.orchestrator.host.HostState;

import io.kafkaops.orchestrator.version.ClusterMode;
import io.kafkaops.orchestrator.version.Phase;
import io.kafkaops.orchestrator.version.Pins;
import io.kafkaops.orchestrator.version.UpgradePath;
import io.kafkaops.orchestrator.version.VersionMatrix;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where an upgrade plan starts, from what the brokers run now. */
public final class StartingPoint {
    private StartingPoint() {}

    /**
     * One state: that one. Two states: an interrupted phase, planned from the less advanced state when the other is exactly
     * that phase's result. Anything else is refused.
     */
    public static Optional<HostState> of(VersionMatrix matrix, Map<Integer, HostState> states, String to, PrintWriter out) {
        return of(matrix, ClusterMode.ZOOKEEPER, states, to, out);
    }

    /** The same for a cluster of a mode (KRaft: the controllers' states are among them, by node.id). */
    public static Optional<HostState> of(VersionMatrix matrix, ClusterMode mode, Map<Integer, HostState> states, String to,
                                         PrintWriter out) {
        List<HostState> distinct = states.values().stream().distinct().toList();
        if (distinct.size() == 1) return Optional.of(distinct.get(0));
        if (distinct.size() == 2) {
            for (int i = 0; i < 2; i++) {
                HostState a = distinct.get(i);
                HostState b = distinct.get(1 - i);
                if (plan(matrix, mode, a, to) instanceof UpgradePath.Planned planned) {
                    Optional<Phase> firstRoll = planned.phases().stream().filter(Phase::restartsBrokers).findFirst();
                    if (firstRoll.isPresent() && resultOf(firstRoll.get(), a).equals(b)) {
                        out.println("an earlier run stopped half-way through \"" + firstRoll.get().title() + "\": brokers on " + a
                                + " are still to roll, "
                                + "brokers on " + b + " are done; resuming");
                        return Optional.of(a);
                    }
                }
            }
        }
        out.println("REFUSED: the brokers are in states no single interrupted phase of an upgrade to " + to + " explains:");
        states.forEach((id, st) -> out.println("  broker " + id + ": " + st));
        out.println("nothing was touched: bring every broker to one version and pin set (or resume the roll that left them so) first");
        return Optional.empty();
    }

    /** The matrix's path from a host state to {@code to}. */
    public static UpgradePath plan(VersionMatrix matrix, HostState from, String to) {
        return plan(matrix, ClusterMode.ZOOKEEPER, from, to);
    }

    public static UpgradePath plan(VersionMatrix matrix, ClusterMode mode, HostState from, String to) {
        return matrix.plan(mode, from.version(), Optional.ofNullable(from.pins().get(Pins.IBP)), Optional.ofNullable(from.pins().get(Pins.LMF)),
                to);
    }

    private static HostState resultOf(Phase phase, HostState before) {
        return new HostState(phase.binaries().orElse(before.version()), phase.pinsAfter());
    }
}
