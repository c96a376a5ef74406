package io.kafkaops.orchestrator.gate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The per-broker gates: G1 before stopping broker B, G2 after starting it again. */
public final class BrokerGate {
    private BrokerGate() {}

    /**
     * G1. Waits on what heals by itself (under-replication, a registration blip, a ZooKeeper
     * election); refuses what does not (outages, reassignments, throttles, RF <= min ISR on B).
     */
    public static GateVerdict beforeStop(ClusterSnapshot s, int broker, GateSettings settings) {
        Optional<BrokerState> b = s.broker(broker).filter(BrokerState::inInventory);
        if (b.isEmpty()) return GateVerdict.refuse("broker " + broker + " is not in the inventory; it cannot be rolled");
        String who = b.get().label();
        List<String> refusals = new ArrayList<>();
        List<String> waits = new ArrayList<>();
        ownView(s, broker).ifPresent(waits::add);
        b.get().recovery().ifPresent(r -> refusals.add(who + " is " + r.describe()
                + "; stopping it now would start the recovery over, let it finish"));
        // topics allowed at risk in G0 are exempt here, or the allowance could never let a roll through
        for (PartitionState p : s.partitionsOn(broker)) {
            if (!p.isr().contains(broker) || p.offline() || settings.allowedAtRisk(p.topic())) continue;
            int minIsr = s.minIsr(p);
            if (p.isr().size() - 1 >= minIsr) continue;
            String why = p.replicationFactor() == 1
                    ? "partition " + p.name() + " has its only replica on " + who + "; stopping it takes the partition offline"
                    : "partition " + p.name() + " has ISR " + p.isr() + " and min.insync.replicas " + minIsr
                      + "; stopping " + who + " would take it below min.insync.replicas";
            (p.fullyInSync() ? refusals : waits).add(why + "; broker " + broker + " must not stop");
        }
        return new Reasons()
                .refuse(ClusterHealth.offline(s))
                .refuse(ClusterHealth.underMinIsr(s))
                .refuse(ClusterHealth.reassignmentsAndThrottles(s))
                .refuse(refusals)
                .waitFor(ClusterHealth.registration(s))
                .waitFor(ClusterHealth.underReplicated(s))
                .waitFor(ClusterHealth.quorum(s, settings))
                .waitFor(waits)
                .verdict();
    }

    /**
     * G2, over the snapshots taken since broker B was started. Registration gets a deadline that
     * extends while log recovery progresses; under-replication fails only once the ISRs stopped
     * making progress for {@link GateSettings#isrStallTimeout()}.
     */
    public static GateVerdict afterStart(int broker, String expectedVersion, Instant startedAt, SnapshotHistory history,
                                         GateSettings settings) {
        ClusterSnapshot s = history.latest();
        Instant now = history.now();
        Optional<BrokerState> found = s.broker(broker).filter(BrokerState::inInventory);
        if (found.isEmpty()) return GateVerdict.refuse("broker " + broker + " is not in the inventory; it cannot be gated");
        BrokerState b = found.get();

        if (!b.registered()) return notRegisteredYet(b, startedAt, history, settings);

        List<String> refusals = new ArrayList<>();
        List<String> waits = new ArrayList<>();
        ownView(s, broker).ifPresent(waits::add);
        versionMismatch(b, expectedVersion).ifPresent(refusals::add);
        // G1 saw every broker registered: one gone now went down during this broker's roll - a second failure, halt
        s.brokers().stream().filter(o -> o.inInventory() && o.id() != broker && !o.registered())
                .map(o -> o.label() + " dropped out of the cluster while " + b.label()
                        + " was being rolled; two brokers are down or restarting")
                .forEach(refusals::add);
        if (b.hostVersion().isEmpty()) waits.add("the version installed on " + b.label() + " has not been read yet");
        if (b.startLogRead() && b.brokerVersion().isEmpty()) {
            waits.add(b.label() + " has not announced its version in its start-up log yet (\"Kafka version: ...\")");
        }

        // partitions that are down only because B is still catching up wait; any other outage refuses
        refusals.addAll(ClusterHealth.offline(s, p -> !waitingOnlyFor(b.id(), p, settings)));
        refusals.addAll(ClusterHealth.underMinIsr(s, p -> !waitingOnlyFor(b.id(), p, settings)));
        List<String> catchingUp = new ArrayList<>(ClusterHealth.offline(s, p -> waitingOnlyFor(b.id(), p, settings)));
        catchingUp.addAll(ClusterHealth.underMinIsr(s, p -> waitingOnlyFor(b.id(), p, settings)));
        catchingUp.addAll(ClusterHealth.underReplicated(s));

        if (!catchingUp.isEmpty()) {
            Instant registered = history.firstRegistered(broker, startedAt).orElse(now);
            Instant lastProgress = history.lastIsrProgress().filter(t -> t.isAfter(registered)).orElse(registered);
            Duration stalled = Duration.between(lastProgress, now);
            if (stalled.compareTo(settings.isrStallTimeout()) >= 0) {
                refusals.add("no ISR progress for " + stalled.toSeconds() + " s (limit " + settings.isrStallTimeout().toSeconds()
                        + " s) after " + b.label() + " started: " + String.join("; ", catchingUp));
            } else {
                waits.addAll(catchingUp);
            }
        }
        GateVerdict health = new Reasons()
                .refuse(refusals)
                .refuse(ClusterHealth.reassignmentsAndThrottles(s))
                .waitFor(ClusterHealth.registration(s))
                .waitFor(ClusterHealth.quorum(s, settings))
                .waitFor(waits)
                .verdict();
        if (!(health instanceof GateVerdict.Pass)) return health;
        // G2.5 only once B is caught up and all else is healthy: an election before that would move leadership to a lagging replica
        List<String> leadership = awaitingPreferredLeader(s, broker).stream()
                .map(p -> "partition " + p.name() + " is led by " + s.brokerLabel(p.leader().orElseThrow())
                        + ", not by its preferred leader "
                        + b.label() + "; run a preferred-leader election")
                .toList();
        return leadership.isEmpty() ? health : new GateVerdict.Wait(leadership, true);
    }

    /** Partitions G2.5 wants B to lead again: the input for the preferred-leader election. */
    public static List<PartitionState> awaitingPreferredLeader(ClusterSnapshot s, int broker) {
        return s.partitions().stream().filter(p -> p.preferredLeader() == broker && !p.offline() && !p.ledByPreferred()).toList();
    }

    /** health-gates.md sampling: a broker's own metadata can be stale about itself. */
    static Optional<String> ownView(ClusterSnapshot s, int broker) {
        return s.readFrom().filter(r -> r == broker)
                .map(r -> "this snapshot was read from broker " + broker + " itself; read the metadata through another broker");
    }

    static Optional<String> versionMismatch(BrokerState b, String expected) {
        List<String> wrong = new ArrayList<>();
        b.hostVersion().filter(v -> !VersionCensus.sameVersion(v, expected)).ifPresent(v -> wrong.add("its host is set up for " + v));
        b.brokerVersion().filter(v -> !VersionCensus.sameVersion(v, expected)).ifPresent(v -> wrong.add("the broker reports " + v));
        return wrong.isEmpty() ? Optional.empty()
                : Optional.of(b.label() + " should run " + expected + " but " + String.join(" and ", wrong));
    }

    /** Down only for want of B: every missing replica is B, and the topic's risk was accepted or B merely lags. */
    private static boolean waitingOnlyFor(int broker, PartitionState p, GateSettings settings) {
        List<Integer> missing = p.offline() ? p.replicas() : p.outOfSync();
        return missing.equals(List.of(broker)) && (settings.allowedAtRisk(p.topic()) || p.offline() && p.replicationFactor() == 1);
    }

    private static GateVerdict notRegisteredYet(BrokerState b, Instant startedAt, SnapshotHistory history, GateSettings settings) {
        Instant now = history.now();
        Instant deadline = startedAt.plus(settings.registrationDeadline());
        Optional<Instant> recoveryProgress = history.lastRecoveryProgress(b.id());
        if (recoveryProgress.isPresent()) {
            Instant extended = recoveryProgress.get().plus(settings.recoveryStallTimeout());
            if (extended.isAfter(deadline)) deadline = extended;
        }
        long since = Duration.between(startedAt, now).toSeconds();
        String state = b.recovery().map(LogRecovery::describe).orElse("not registered");
        if (now.isBefore(deadline)) {
            return GateVerdict.waitFor(b.label() + " is " + state + ", " + since + " s after its start; waiting up to "
                    + Duration.between(now, deadline).toSeconds() + " s more"
                    + (recoveryProgress.isPresent() ? " (extended while recovery progresses)" : ""));
        }
        Instant stuckSince = recoveryProgress.orElse(startedAt);
        return GateVerdict.refuse(b.label() + " did not register within " + since + " s of its start (" + state + ")"
                + (b.recovering() ? " and its log recovery made no progress for " + Duration.between(stuckSince, now).toSeconds()
                        + " s (limit " + settings.recoveryStallTimeout().toSeconds() + " s)" : "")
                + "; it was left running, not killed: read its server.log, then resume");
    }
}
