package io.kafkaops.orchestrator.gate;

import io.kafkaops.orchestrator.gate.MetadataQuorum.KRaftQuorum;
import io.kafkaops.orchestrator.gate.MetadataQuorum.KRaftQuorum.Voter;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** The per-controller gates of a KRaft controller roll, one controller at a time: G1 before stopping it, G2 after starting it. */
public final class ControllerGate {
    private ControllerGate() {}

    /**
     * G1 for controller c: stopping it must leave a caught-up majority of the voters, or the quorum can elect no leader
     * and commit nothing. Lagging voters may catch up, so that waits; a voter set that is not the inventory's does not heal
     * by itself (the quorum is static), so that refuses.
     */
    public static GateVerdict beforeStop(KRaftQuorum q, int controller, Set<Integer> expectedVoters, GateSettings settings) {
        Optional<GateVerdict> notVoter = notAVoter(q, controller, "rolled");
        if (notVoter.isPresent()) return notVoter.get();
        List<String> voterSet = ClusterHealth.voterSet(q, expectedVoters);
        if (!voterSet.isEmpty()) return new GateVerdict.Refuse(voterSet);
        Optional<String> leaderless = ClusterHealth.leaderless(q);
        if (leaderless.isPresent()) return GateVerdict.waitFor(leaderless.get());
        Voter leader = ClusterHealth.leader(q).orElseThrow();
        int voters = q.voters().size();
        int majority = voters / 2 + 1;
        List<String> othersBehind = q.voters().stream().filter(v -> v.id() != controller)
                .map(v -> ClusterHealth.behind(leader, v, settings)).flatMap(Optional::stream).toList();
        long othersCaughtUp = voters - 1 - othersBehind.size();
        if (othersCaughtUp >= majority) return GateVerdict.pass();
        return new Reasons().waitFor(List.of("stopping KRaft controller " + controller + " would leave " + othersCaughtUp
                        + " of the " + voters + " voters caught up, fewer than the majority of " + majority + "; controller "
                        + controller + " must not stop yet"))
                .waitFor(othersBehind)
                .verdict();
    }

    /** G2 for controller c: a leader exists and c is a caught-up voter again (the leader is caught up by definition). */
    public static GateVerdict afterStart(KRaftQuorum q, int controller, GateSettings settings) {
        return afterStart(q, controller, settings, OptionalLong.empty());
    }

    /**
     * G2 for controller c, restarted when the leader's own clock read {@code restartSeenAt}: besides being caught up, c
     * must have caught up at or after that time. The leader's view of c from before its stop can look caught up for a
     * moment; the leader's own time keeps the check free of the clocks of this machine.
     */
    public static GateVerdict afterStart(KRaftQuorum q, int controller, GateSettings settings, OptionalLong restartSeenAt) {
        Optional<GateVerdict> notVoter = notAVoter(q, controller, "gated");
        if (notVoter.isPresent()) return notVoter.get();
        Optional<String> leaderless = ClusterHealth.leaderless(q);
        if (leaderless.isPresent()) return GateVerdict.waitFor(leaderless.get());
        Voter self = q.voters().stream().filter(v -> v.id() == controller).findFirst().orElseThrow();
        Optional<String> behind = ClusterHealth.behind(ClusterHealth.leader(q).orElseThrow(), self, settings);
        if (behind.isPresent()) return GateVerdict.waitFor(behind.get());
        if (restartSeenAt.isPresent() && self.lastCaughtUpTimestamp().isPresent()
                && self.lastCaughtUpTimestamp().getAsLong() < restartSeenAt.getAsLong()) {
            return GateVerdict.waitFor("KRaft controller " + controller + " has not caught up with the leader since its restart (last "
                    + (restartSeenAt.getAsLong() - self.lastCaughtUpTimestamp().getAsLong()) + " ms before it)");
        }
        return GateVerdict.pass();
    }

    private static Optional<GateVerdict> notAVoter(KRaftQuorum q, int controller, String what) {
        if (q.voters().stream().anyMatch(v -> v.id() == controller)) return Optional.empty();
        return Optional.of(GateVerdict.refuse("controller " + controller + " is not a voter of the KRaft quorum (voters "
                + q.voters().stream().map(Voter::id).sorted().toList() + "); it cannot be " + what + " as a controller"));
    }
}
