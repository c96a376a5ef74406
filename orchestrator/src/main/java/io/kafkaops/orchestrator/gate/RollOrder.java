package io.kafkaops.orchestrator.gate;

import io.kafkaops.orchestrator.gate.MetadataQuorum.KRaftQuorum;
import io.kafkaops.orchestrator.gate.MetadataQuorum.ZooKeeperEnsemble;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** G1.4: the order hosts are rolled in, as pure functions of a snapshot. */
public final class RollOrder {
    private RollOrder() {}

    /** Inventory brokers by id, the active controller last: it moves only once, at the very end. */
    public static List<Integer> brokers(ClusterSnapshot s) {
        List<Integer> order = new ArrayList<>(s.brokers().stream().filter(BrokerState::inInventory).map(BrokerState::id).toList());
        s.controllerId().filter(order::contains).ifPresent(c -> {
            order.remove(c);
            order.add(c);
        });
        return order;
    }

    /**
     * The next broker to roll, recomputed from the latest snapshot because the controller can move
     * mid-roll; empty when every inventory broker has been rolled.
     */
    public static Optional<Integer> next(ClusterSnapshot s, Set<Integer> alreadyRolled) {
        return brokers(s).stream().filter(b -> !alreadyRolled.contains(b)).findFirst();
    }

    /** ZooKeeper ensemble: followers (and observers) by myid first, the leader last. */
    public static List<ZooKeeperNode> zooKeeper(ZooKeeperEnsemble ensemble) {
        Comparator<ZooKeeperNode> leaderLast = Comparator.comparing(n -> n.mode() == ZooKeeperNode.Mode.LEADER);
        return ensemble.nodes().stream().sorted(leaderLast.thenComparingInt(ZooKeeperNode::myid)).toList();
    }

    /**
     * KRaft controllers (rolled before the brokers): lagging voters first, they serve no majority anyway; then the
     * caught-up followers by id; the quorum leader last, so leadership moves as rarely as possible.
     */
    public static List<Integer> kraftControllers(KRaftQuorum quorum, GateSettings settings) {
        Optional<KRaftQuorum.Voter> leader = ClusterHealth.leader(quorum);
        Comparator<KRaftQuorum.Voter> rank = Comparator.comparingInt(v -> {
            if (leader.isEmpty()) return 1;
            if (v.id() == leader.get().id()) return 2;
            return ClusterHealth.behind(leader.get(), v, settings).isPresent() ? 0 : 1;
        });
        return quorum.voters().stream().sorted(rank.thenComparingInt(KRaftQuorum.Voter::id)).map(KRaftQuorum.Voter::id).toList();
    }

    /**
     * The next controller to roll, recomputed from the latest quorum because each restart can move leadership or leave a
     * voter lagging; empty when every voter has been rolled.
     */
    public static Optional<Integer> nextController(KRaftQuorum quorum, Set<Integer> alreadyRolled, GateSettings settings) {
        return kraftControllers(quorum, settings).stream().filter(c -> !alreadyRolled.contains(c)).findFirst();
    }
}
