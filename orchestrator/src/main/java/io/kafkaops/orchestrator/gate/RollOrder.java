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

    /** KRaft: controllers are rolled before the brokers, the quorum leader last among them. */
    public static List<Integer> kraftControllers(KRaftQuorum quorum) {
        List<Integer> order = new ArrayList<>(quorum.voters().stream().map(KRaftQuorum.Voter::id).sorted().toList());
        quorum.leaderId().filter(order::contains).ifPresent(l -> {
            order.remove(l);
            order.add(l);
        });
        return order;
    }
}
