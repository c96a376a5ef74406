package io.kafkaops.orchestrator.testkit;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The ITs' Kafka clients bootstrap from their inventories: the addresses they used to spell out by hand. */
class LabClusterTest {

    @Test
    void upgradeItReachesTheBrokersItsInventoryNames() {
        // no lab needed: the connection is read from the inventory alone
        LabCluster upgradeLab = LabCluster.of(null, Path.of("orchestrator/src/test/resources/upgrade-lab/hosts.yml"));
        assertThat(upgradeLab.kafka().bootstrap()).isEqualTo("10.213.79.21:9092,10.213.79.22:9092,10.213.79.23:9092");
        assertThat(upgradeLab.kafka().clientSettings()).isEmpty();
    }

    @Test
    void theSharedLabCanBeReachedThroughSomeBrokersOnly() {
        LabCluster lab = LabCluster.of(null, Path.of("inventory/lab.yml"));
        assertThat(lab.kafka().bootstrap()).isEqualTo("10.213.77.21:9092,10.213.77.22:9092,10.213.77.23:9092");
        assertThat(lab.kafkaVia(List.of("kafka1", "kafka3")).bootstrap()).isEqualTo("10.213.77.21:9092,10.213.77.23:9092");
    }
}
