package io.kafkaops.orchestrator.install;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InstallLayoutTest {
    @Test
    void theReadLayoutUnderATempDirKeepsTheNames() {
        InstallLayout.ReadPlaces at = InstallLayout.under("/tmp/x");
        assertThat(at.kafkaHome()).isEqualTo("/tmp/x" + InstallLayout.KAFKA_HOME);
        assertThat(at.kafkaConfig("server.properties")).isEqualTo("/tmp/x/usr/local/kafka/config/server.properties");
        assertThat(at.kafkaUnit()).isEqualTo(InstallLayout.KAFKA_UNIT);
        assertThat(InstallLayout.ON_HOSTS.cache()).isEqualTo(Artifact.REMOTE_CACHE).isEqualTo("/var/cache/orchestrator");
    }

    @Test
    void aDataDiskHoldsTheBrokersLogsAndZooKeepersData() {
        assertThat(InstallLayout.kafkaLogDir("/data1")).isEqualTo("/data1/kafka-logs");
        assertThat(InstallLayout.zookeeperDataDir("/data")).isEqualTo("/data/zk");
        assertThat(InstallLayout.unitFile(InstallLayout.KAFKA_UNIT)).isEqualTo("/etc/systemd/system/kafka-server.service");
    }
}
