package io.kafkaops.orchestrator.profile;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SizingRulesTest {
    final HardwareProfiles profiles = HardwareProfiles.load(Path.of("hardware-profiles"));

    @Test
    void heapIsAQuarterOfRamCappedAtSixGigabytes() {
        assertThat(SizingRules.kafkaHeapMb(profiles.find("small").orElseThrow())).isEqualTo(6144);
        assertThat(SizingRules.kafkaHeapMb(profiles.find("large").orElseThrow())).isEqualTo(6144);
        assertThat(SizingRules.kafkaHeapMb(profiles.find("zookeeper").orElseThrow())).isEqualTo(2048);
        assertThat(SizingRules.kafkaHeapMb(profiles.find("lab").orElseThrow())).isEqualTo(512);
    }

    @Test
    void zookeeperHeapIsOneToTwoGigabytes() {
        assertThat(SizingRules.zookeeperHeapMb(profiles.find("zookeeper").orElseThrow())).isEqualTo(2048);
        assertThat(SizingRules.zookeeperHeapMb(profiles.find("lab").orElseThrow())).isEqualTo(128);
    }

    @Test
    void jbodGivesOneLogDirPerDiskAndMoreIoThreads() {
        HardwareProfile large = profiles.find("large").orElseThrow();
        assertThat(SizingRules.logDirs(large)).hasSize(10).first().isEqualTo("/data1/kafka-logs");
        assertThat(SizingRules.numIoThreads(large)).isEqualTo(20);
        assertThat(SizingRules.numRecoveryThreadsPerDataDir(large)).isEqualTo(2);
        HardwareProfile small = profiles.find("small").orElseThrow();
        assertThat(SizingRules.logDirs(small)).containsExactly("/data/kafka-logs");
        assertThat(SizingRules.zookeeperDataDir(small)).isEqualTo("/data/zk");
        assertThat(SizingRules.numIoThreads(small)).isEqualTo(8);
        assertThat(SizingRules.numNetworkThreads(small)).isEqualTo(4);
    }

    @Test
    void heapOptsUseGigabytesWhenWhole() {
        assertThat(SizingRules.heapOpts(6144)).isEqualTo("-Xms6g -Xmx6g");
        assertThat(SizingRules.heapOpts(512)).isEqualTo("-Xms512m -Xmx512m");
    }
}
