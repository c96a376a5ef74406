package io.kafkaops.orchestrator.gate;

import io.kafkaops.orchestrator.gate.MetadataQuorum.KRaftQuorum;
import io.kafkaops.orchestrator.gate.MetadataQuorum.ZooKeeperEnsemble;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
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
        assertThat(RollOrder.kraftControllers(q, GateSettings.defaults())).containsExactly(100, 102, 101);
    }

    static final long NOW = 1_767_000_000_000L;

    static KRaftQuorum.Voter voter(int id, long msBehind) {
        return new KRaftQuorum.Voter(id, 5000, OptionalLong.of(NOW - msBehind), OptionalLong.of(NOW - msBehind));
    }

    @Test
    void nextControllerLaggingFirstThenFollowersByIdLeaderLast() {
        // 9993 was last caught up 5300 ms before the leader 9992: it serves no majority, so it goes first
        KRaftQuorum q = new KRaftQuorum(Optional.of(9992), 4, 5000, List.of(voter(9994, 0), voter(9992, 0), voter(9991, 100),
                voter(9993, 5300)), List.of());
        GateSettings s = GateSettings.defaults();
        assertThat(RollOrder.kraftControllers(q, s)).containsExactly(9993, 9991, 9994, 9992);
        assertThat(RollOrder.nextController(q, Set.of(), s)).contains(9993);
        assertThat(RollOrder.nextController(q, Set.of(9993), s)).contains(9991);
        assertThat(RollOrder.nextController(q, Set.of(9993, 9991), s)).contains(9994);
        assertThat(RollOrder.nextController(q, Set.of(9993, 9991, 9994), s)).contains(9992);
        assertThat(RollOrder.nextController(q, Set.of(9991, 9992, 9993, 9994), s)).isEmpty();
    }

    @Test
    void nextControllerIsRecomputedWhenLeadershipMoves() {
        // 9991 rolled first; its restart moved leadership from 9993 to 9992, so 9993 is now a follower and goes next
        KRaftQuorum after = new KRaftQuorum(Optional.of(9992), 5, 5000, List.of(voter(9991, 0), voter(9992, 0), voter(9993, 0)),
                List.of());
        assertThat(RollOrder.nextController(after, Set.of(9991), GateSettings.defaults())).contains(9993);
        assertThat(RollOrder.nextController(after, Set.of(9991, 9993), GateSettings.defaults())).contains(9992);
    }

    @Test
    void nextControllerWithoutLeaderGoesById() {
        KRaftQuorum q = new KRaftQuorum(Optional.empty(), List.of(new KRaftQuorum.Voter(9993, 5), new KRaftQuorum.Voter(9991, 0)));
        assertThat(RollOrder.nextController(q, Set.of(), GateSettings.defaults())).contains(9991);
    }
}
