package io.kafkaops.orchestrator.gate;

import io.kafkaops.orchestrator.gate.MetadataQuorum.KRaftQuorum;
import io.kafkaops.orchestrator.gate.MetadataQuorum.KRaftQuorum.Voter;
import io.kafkaops.orchestrator.version.ClusterMode;
import io.kafkaops.orchestrator.gate.MetadataQuorum.ZooKeeperEnsemble;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The cluster-wide health items G0 1-4 names, each a pure function from a snapshot to the list of
 * problems in operator words (empty = healthy). The gates decide which of them wait and which refuse.
 */
public final class ClusterHealth {
    private ClusterHealth() {}

    /** G0.1: every inventory broker registered, none unknown, exactly one active controller. */
    public static List<String> registration(ClusterSnapshot s) {
        List<String> problems = new ArrayList<>();
        for (BrokerState b : s.brokers()) {
            if (b.inInventory() && !b.registered()) {
                problems.add(b.label() + " is not registered with the cluster"
                        + b.recovery().map(r -> " (" + r.describe() + ")").orElse(""));
            }
            if (!b.inInventory() && b.registered()) {
                problems.add(b.label() + " is registered but not in the inventory; add it, or the roll cannot gate it");
            }
        }
        // KRaft: the active controller is the quorum leader, usually not a broker; quorum() checks it
        if (s.mode() == ClusterMode.KRAFT) return problems;
        // migrating: once every broker has registered in migration mode, the quorum leader is the brokers' controller
        if (s.mode() == ClusterMode.MIGRATION && s.quorum() instanceof MetadataQuorum.Migration m && s.controllerId().isPresent()
                && m.kraft().voters().stream().anyMatch(v -> v.id() == s.controllerId().get())) {
            return problems;
        }
        if (s.controllerId().isEmpty()) {
            problems.add("the cluster has no active controller");
        } else if (s.broker(s.controllerId().get()).filter(BrokerState::registered).isEmpty()) {
            problems.add("the active controller " + s.brokerLabel(s.controllerId().get()) + " is not a registered broker");
        }
        return problems;
    }

    /** G0.2: offline partitions, internal topics included. */
    public static List<String> offline(ClusterSnapshot s) {
        return offline(s, p -> true);
    }

    static List<String> offline(ClusterSnapshot s, Predicate<PartitionState> which) {
        return s.partitions().stream().filter(PartitionState::offline).filter(which)
                .map(p -> "partition " + p.name() + " is offline (no leader; replicas " + p.replicas() + ")").toList();
    }

    /** G0.2: under-replicated partitions. */
    public static List<String> underReplicated(ClusterSnapshot s) {
        return s.partitions().stream().filter(p -> !p.offline() && !p.fullyInSync())
                .map(p -> "partition " + p.name() + " is under-replicated: ISR " + p.isr() + " of replicas " + p.replicas()
                        + ", not in sync: " + p.outOfSync())
                .toList();
    }

    /** G0.2: partitions below min.insync.replicas, where acks=all producers already fail. */
    public static List<String> underMinIsr(ClusterSnapshot s) {
        return underMinIsr(s, p -> true);
    }

    static List<String> underMinIsr(ClusterSnapshot s, Predicate<PartitionState> which) {
        return s.partitions().stream().filter(s::underMinIsr).filter(which)
                .map(p -> "partition " + p.name() + " has ISR " + p.isr() + " < min.insync.replicas " + s.minIsr(p)
                        + "; acks=all producers to it fail")
                .toList();
    }

    /** G0.3: reassignments in progress and leftover replication throttles. */
    public static List<String> reassignmentsAndThrottles(ClusterSnapshot s) {
        List<String> problems = new ArrayList<>();
        for (Reassignment r : s.reassignments()) {
            problems.add("partition " + r.name() + " is being reassigned (adding " + r.adding() + ", removing " + r.removing()
                    + "); let it finish or cancel it before a roll");
        }
        for (Throttle t : s.throttles()) {
            problems.add("replication throttle " + t.describe()
                    + " is left over; remove it before a roll (it slows the catch-up after each restart)");
        }
        return problems;
    }

    /** G0.4: one ZooKeeper leader with every follower synced, or a KRaft leader with every voter caught up. */
    public static List<String> quorum(ClusterSnapshot s, GateSettings settings) {
        if (s.quorum() instanceof ZooKeeperEnsemble zk) return zooKeeper(zk);
        if (s.quorum() instanceof MetadataQuorum.Migration m) {
            List<String> both = new ArrayList<>(zooKeeper(m.zookeeper()));
            both.addAll(kraft(m.kraft(), settings));
            return both;
        }
        return kraft((KRaftQuorum) s.quorum(), settings);
    }

    private static List<String> zooKeeper(ZooKeeperEnsemble zk) {
        List<String> problems = new ArrayList<>();
        if (zk.nodes().isEmpty()) return List.of("no ZooKeeper node was read");
        for (ZooKeeperNode n : zk.nodes()) {
            if (n.mode() == ZooKeeperNode.Mode.UNREACHABLE) problems.add(n.label() + " is unreachable");
        }
        List<ZooKeeperNode> leaders = zk.leaders();
        if (leaders.isEmpty()) {
            problems.add("the ZooKeeper ensemble has no leader");
            return problems;
        }
        if (leaders.size() > 1) {
            problems.add("the ZooKeeper ensemble has " + leaders.size() + " leaders: "
                    + leaders.stream().map(ZooKeeperNode::label).toList() + "; the ensemble is split");
            return problems;
        }
        ZooKeeperNode leader = leaders.get(0);
        if (leader.mode() == ZooKeeperNode.Mode.STANDALONE && zk.nodes().size() > 1) {
            problems.add(leader.label() + " runs standalone inside a " + zk.nodes().size() + "-node ensemble");
        }
        List<ZooKeeperNode> followers = zk.nodes().stream().filter(n -> n.mode() == ZooKeeperNode.Mode.FOLLOWER).toList();
        if (leader.syncedFollowers().isPresent() && leader.syncedFollowers().getAsInt() < followers.size()) {
            problems.add(leader.label() + " reports " + leader.syncedFollowers().getAsInt() + " synced followers of "
                    + followers.size());
        }
        for (ZooKeeperNode f : followers) {
            if (f.epoch().isPresent() && leader.epoch().isPresent() && !f.epoch().equals(leader.epoch())) {
                problems.add(f.label() + " is in epoch " + f.epoch().get() + ", the leader in " + leader.epoch().get()
                        + "; it is not synced");
            }
        }
        return problems;
    }

    /** The KRaft quorum on its own (provision, before any broker): the inventory's voters, a leader, every voter caught up. */
    public static List<String> quorum(KRaftQuorum q, Set<Integer> expectedVoters, GateSettings settings) {
        List<String> problems = new ArrayList<>(voterSet(q, expectedVoters));
        problems.addAll(kraft(q, settings));
        return problems;
    }

    /** G0.4 on KRaft: a leader among the voters, every voter caught up with it. */
    static List<String> kraft(KRaftQuorum q, GateSettings settings) {
        Optional<String> leaderless = leaderless(q);
        if (leaderless.isPresent()) return List.of(leaderless.get());
        Voter leader = leader(q).orElseThrow();
        return q.voters().stream().map(v -> behind(leader, v, settings)).flatMap(Optional::stream).toList();
    }

    /**
     * The voter set must be the inventory's controllers: the quorum is static (controller.quorum.voters), so a difference
     * means the inventory and the hosts' configs disagree, and a majority counted over either would be wrong.
     */
    public static List<String> voterSet(KRaftQuorum q, Set<Integer> expected) {
        Set<Integer> voters = q.voters().stream().map(Voter::id).collect(Collectors.toCollection(TreeSet::new));
        List<String> problems = new ArrayList<>();
        new TreeSet<>(expected).stream().filter(id -> !voters.contains(id))
                .forEach(id -> problems.add("controller " + id + " of the inventory is not a voter of the quorum (voters " + voters + ")"));
        voters.stream().filter(id -> !expected.contains(id))
                .forEach(id -> problems.add("voter " + id + " is not in the inventory"));
        return problems;
    }

    /** Why the voters cannot be measured against a leader; empty when the leader is one of the voters. */
    static Optional<String> leaderless(KRaftQuorum q) {
        if (q.leaderId().isEmpty()) return Optional.of("the KRaft controller quorum has no leader");
        if (leader(q).isEmpty()) return Optional.of("the KRaft quorum leader " + q.leaderId().get() + " is not among its voters");
        return Optional.empty();
    }

    static Optional<Voter> leader(KRaftQuorum q) {
        return q.leaderId().flatMap(id -> q.voters().stream().filter(v -> v.id() == id).findFirst());
    }

    /**
     * How far voter v is behind the leader, when it is not caught up: by time when the leader reports both last caught-up
     * times (what Kafka itself uses to judge a follower), else by log end offset. Empty when caught up; the leader always is.
     * A voter a newly elected leader has not heard from is reported with offset -1 and no times (seen on 4.1.1 after the
     * old leader stopped): it is not caught up, however small the log is.
     */
    static Optional<String> behind(Voter leader, Voter v, GateSettings settings) {
        if (v.id() == leader.id()) return Optional.empty();
        if (v.logEndOffset() < 0 || (leader.lastCaughtUpTimestamp().isPresent() && v.lastCaughtUpTimestamp().isEmpty())) {
            return Optional.of("KRaft controller " + v.id() + " has not fetched from the quorum leader " + leader.id()
                    + " since it was elected");
        }
        if (leader.lastCaughtUpTimestamp().isPresent()) {
            long ms = leader.lastCaughtUpTimestamp().getAsLong() - v.lastCaughtUpTimestamp().getAsLong();
            long limit = settings.voterCatchUp().toMillis();
            return ms <= limit ? Optional.empty()
                    : Optional.of("KRaft controller " + v.id() + " trails the quorum leader by " + ms + " ms (more than " + limit + " ms)");
        }
        long records = leader.logEndOffset() - v.logEndOffset();
        return records <= settings.maxVoterLag() ? Optional.empty()
                : Optional.of("KRaft controller " + v.id() + " trails the quorum leader by " + records + " records (more than "
                        + settings.maxVoterLag() + ")");
    }
}
