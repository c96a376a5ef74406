package io.kafkaops.orchestrator.gate;

import io.kafkaops.orchestrator.gate.MetadataQuorum.KRaftQuorum;
import io.kafkaops.orchestrator.version.ClusterMode;
import io.kafkaops.orchestrator.gate.MetadataQuorum.ZooKeeperEnsemble;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

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
        return kraft((KRaftQuorum) s.quorum(), settings.maxVoterLag());
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

    private static List<String> kraft(KRaftQuorum q, long maxLag) {
        if (q.leaderId().isEmpty()) return List.of("the KRaft controller quorum has no leader");
        int leaderId = q.leaderId().get();
        long leaderEnd = q.voters().stream().filter(v -> v.id() == leaderId).mapToLong(KRaftQuorum.Voter::logEndOffset)
                .findFirst().orElse(Long.MIN_VALUE);
        if (leaderEnd == Long.MIN_VALUE) return List.of("the KRaft quorum leader " + leaderId + " is not among its voters");
        return q.voters().stream().filter(v -> leaderEnd - v.logEndOffset() > maxLag)
                .map(v -> "KRaft controller " + v.id() + " trails the quorum leader by " + (leaderEnd - v.logEndOffset())
                        + " records (more than " + maxLag + ")")
                .toList();
    }
}
