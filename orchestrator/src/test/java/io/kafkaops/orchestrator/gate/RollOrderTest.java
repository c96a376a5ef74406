package io.kafkaops.orchestrator.gate;

import io.kafkaops.orchestrator.gate.MetadataQuorum.KRaftQuorum;
import io.kafkaops.orchestrator.gate.MetadataQuorum.ZooKeeperEnsemble;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.kafkaops.orchestrator.testkit.SnapshotBuilder.healthy;
import static org.assertj.core.api.Assertions.assertThat;

class RollOrderTest {

    @Test
    void activeControllerGoesLast() {
        assertThat(RollOrder.brokers(healthy().controller(1).build())).containsExactly(2, 3, 1);
        assertThat(RollOrder.brokers(healthy().controller(2).build())).containsExactly(1, 3, 2);
        assertThat(RollOrder.brokers(healthy().controller(3).build())).containsExactly(1, 2, 3);
    }

    @Test
    void nextIsRecomputedWhenTheControllerMovesMidRoll() {
        // broker 2 rolled first; its restart moved the controller from 1 to 3
        ClusterSnapshot after = healthy().controller(3).build();
        assertThat(RollOrder.next(after, Set.of(2))).contains(1);
        assertThat(RollOrder.next(after, Set.of(1, 2))).contains(3);
        assertThat(RollOrder.next(after, Set.of(1, 2, 3))).isEmpty();
    }

    @Test
    void brokersOutsideTheInventoryAreNotRolled() {
        ClusterSnapshot s = healthy().brokerState(new BrokerState(7, Optional.empty(), true, Optional.empty(), Optional.empty(),
                java.util.Map.of(), Optional.empty())).build();
        assertThat(RollOrder.brokers(s)).containsExactly(2, 3, 1);
    }

    @Test
    void zooKeeperFollowersFirstLeaderLast() {
        ZooKeeperEnsemble e = new ZooKeeperEnsemble(List.of(ZooKeeperNode.leader(1, "zk1", 9, 2), ZooKeeperNode.follower(3, "zk3", 9),
                ZooKeeperNode.follower(2, "zk2", 9)));
        assertThat(RollOrder.zooKeeper(e)).extracting(ZooKeeperNode::myid).containsExactly(2, 3, 1);
    }

    @Test
    void kraftControllersLeaderLast() {
        KRaftQuorum q = new KRaftQuorum(Optional.of(101), List.of(new KRaftQuorum.Voter(102, 5), new KRaftQuorum.Voter(101, 5),
                new KRaftQuorum.Voter(100, 5)));
        assertThat(RollOrder.kraftControllers(q)).containsExactly(100, 102, 101);
    }
}
