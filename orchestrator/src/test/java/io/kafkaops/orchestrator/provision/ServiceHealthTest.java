package io.kafkaops.orchestrator.provision;

import io.kafkaops.orchestrator.kafka.KafkaProbe.ClusterView;
import io.kafkaops.orchestrator.provision.ServiceHealth.EnsembleModes;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceHealthTest {
    static EnsembleModes modes(String... hostMode) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < hostMode.length; i += 2) m.put(hostMode[i], hostMode[i + 1]);
        return new EnsembleModes(m);
    }

    @Test
    void anEnsembleIsHealthyWithOneLeaderAndEveryOtherNodeAFollower() {
        assertThat(modes("zk1", "leader", "zk2", "follower", "zk3", "follower").healthy()).isTrue();
        assertThat(modes("zk1", "follower", "zk2", "follower", "zk3", "follower").healthy()).isFalse();
        assertThat(modes("zk1", "leader", "zk2", "leader", "zk3", "follower").healthy()).isFalse();
        assertThat(modes("zk1", "leader", "zk2", "follower", "zk3", "down").healthy()).isFalse();
        assertThat(modes().healthy()).isFalse();
    }

    @Test
    void aSingleNodeIsHealthyStandaloneButAStandaloneNodeInAnEnsembleIsNot() {
        assertThat(modes("zk1", "standalone").healthy()).isTrue();
        assertThat(modes("zk1", "leader").healthy()).isTrue();
        assertThat(modes("zk1", "standalone", "zk2", "follower").healthy()).isFalse();
    }

    @Test
    void modesReadAsTheyArePrinted() {
        assertThat(modes("zk1", "leader", "zk2", "down")).hasToString("zk1=leader, zk2=down");
    }

    @Test
    void brokersAreHealthyWhenAllAreRegisteredAndThereIsAController() {
        assertThat(ServiceHealth.brokersHealthy(new ClusterView(Set.of(1, 2, 3), Optional.of(2)), Set.of(1, 2, 3))).isTrue();
        assertThat(ServiceHealth.brokersHealthy(new ClusterView(Set.of(1, 3), Optional.of(3)), Set.of(1, 2, 3))).isFalse();
        assertThat(ServiceHealth.brokersHealthy(new ClusterView(Set.of(1, 2, 3), Optional.empty()), Set.of(1, 2, 3))).isFalse();
        assertThat(ServiceHealth.describe(new ClusterView(Set.of(1), Optional.empty()))).isEqualTo("registered [1], controller none");
    }

    @Test
    void aQuorumIsAMajorityOfTheEnsemble() {
        assertThat(ServiceHealth.quorum(2, 3)).isTrue();
        assertThat(ServiceHealth.quorum(1, 3)).isFalse();
        assertThat(ServiceHealth.quorum(2, 4)).isFalse();
        assertThat(ServiceHealth.quorum(3, 5)).isTrue();
    }
}
