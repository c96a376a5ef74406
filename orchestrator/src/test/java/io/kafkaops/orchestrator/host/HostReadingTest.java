package io.kafkaops.orchestrator.host;

import io.kafkaops.orchestrator.install.InstallLayout;
import io.kafkaops.orchestrator.install.InstallLayout.ReadPlaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class HostReadingTest {
    @Test
    void hostFactsGiveTheLinkedVersionTheUnitStateAndThePins() {
        var h = HostReading.parse("""
                link=/usr/local/kafka_2.12-2.6.3
                active=active
                pin.inter.broker.protocol.version=2.1
                pin.log.message.format.version=2.1
                """);
        assertThat(h.version()).contains("2.6.3");
        assertThat(h.active()).isTrue();
        assertThat(h.pins()).isEqualTo(Map.of("inter.broker.protocol.version", "2.1", "log.message.format.version", "2.1"));
    }

    @Test
    void aMissingLinkIsAnUnknownVersionNotAGuess() {
        var h = HostReading.parse("link=\nactive=inactive\n");
        assertThat(h.version()).isEqualTo(Optional.empty());
        assertThat(h.active()).isFalse();
        assertThat(h.pins()).isEmpty();
    }

    @Test
    void scala213DirectoriesParseToo() {
        assertThat(HostReading.parse("link=/usr/local/kafka_2.13-3.9.2\n").version()).contains("3.9.2");
    }

    @Test
    void hostFactsCarryTheBrokersOwnStartUpLog() {
        var h = HostReading.parse("""
                link=/usr/local/kafka_2.12-2.6.3
                active=active
                startlog.lines=800
                startlog.version=[2026-11-25 23:30:01,004] INFO Kafka version: 2.6.3 (org.apache.kafka.common.utils.AppInfoParser)
                startlog.loading=1
                startlog.loaded=40
                startlog.done=1
                """);
        assertThat(h.startLog().version()).contains("2.6.3");
        assertThat(h.startLog().recovery()).isEmpty();
    }

    @Test
    void theLinkItselfIsKeptForPuttingItBack() {
        assertThat(HostReading.parse("link=/usr/local/kafka_2.12-2.1.1\n").link()).contains("/usr/local/kafka_2.12-2.1.1");
        assertThat(HostReading.parse("link=\n").link()).isEmpty();
    }

    @Test
    void theBrokerIdOnDiskIsOneWhenEveryLogDirAgreesAndNoneWhenTheyDisagree() {
        assertThat(HostReading.parse("disk./data/a/kafka-logs=3\ndisk./data/b/kafka-logs=3\n").brokerIdOnDisk()).contains(3);
        HostReading split = HostReading.parse("disk./data/a/kafka-logs=3\ndisk./data/b/kafka-logs=4\n");
        assertThat(split.brokerIdOnDisk()).isEmpty();
        assertThat(split.brokerIdsOnDisk()).isEqualTo(Map.of("/data/a/kafka-logs", 3, "/data/b/kafka-logs", 4));
        assertThat(HostReading.parse("link=\n").brokerIdOnDisk()).isEmpty();
    }

    /** The read under a real sh: log.dirs from the installed server.properties, then broker.id from each meta.properties. */
    @Test
    void theReadTakesBrokerIdFromMetaPropertiesInTheLogDirsTheBrokerIsConfiguredWith(@TempDir Path root) throws Exception {
        ReadPlaces at = InstallLayout.under(root.toString());
        Path config = Files.createDirectories(root.resolve("usr/local/kafka_2.12-2.1.1/config"));
        Files.createSymbolicLink(Path.of(at.kafkaHome()), config.getParent());
        Path a = Files.createDirectories(root.resolve("data/a/kafka-logs"));
        Path b = Files.createDirectories(root.resolve("data/b/kafka-logs"));
        Path notConfigured = Files.createDirectories(root.resolve("data/kafka-logs"));
        Files.writeString(a.resolve("meta.properties"), "#Thu Nov 26 10:00:00 UTC 2026\nversion=0\nbroker.id=3\n");
        Files.writeString(b.resolve("meta.properties"), "version=0\nbroker.id = 3\n");
        Files.writeString(notConfigured.resolve("meta.properties"), "version=0\nbroker.id=9\n");
        Files.writeString(config.resolve("server.properties"), "broker.id=3\nlog.dirs=" + a + "," + b + "\n");

        HostReading r = HostReading.parse(sh(HostReading.command(at)));
        assertThat(r.brokerIdsOnDisk()).isEqualTo(Map.of(a.toString(), 3, b.toString(), 3));
        assertThat(r.brokerIdOnDisk()).contains(3);

        Files.writeString(config.resolve("server.properties"), "broker.id=3\nlog.dir=" + notConfigured + "\n");
        assertThat(HostReading.parse(sh(HostReading.command(at))).brokerIdOnDisk()).contains(9);
        Files.delete(config.resolve("server.properties"));
        assertThat(HostReading.parse(sh(HostReading.command(at))).brokerIdsOnDisk()).isEmpty();
    }

    private static String sh(String command) throws Exception {
        // systemctl and journalctl of this machine say nothing of a temp dir: only the file reads matter here
        Process p = new ProcessBuilder("sh", "-c", command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    @Test
    void theMetadataModeComesFromTheNodesConfig() {
        assertThat(HostReading.parse("link=/usr/local/kafka_2.13-3.9.2\n").metadataMode()).isEmpty();
        assertThat(HostReading.parse("config=/usr/local/kafka/config/server.properties\n").metadataMode())
                .contains(io.kafkaops.orchestrator.version.ClusterMode.ZOOKEEPER);
        assertThat(HostReading.parse("config=/usr/local/kafka/config/server.properties\nmode.zookeeper.metadata.migration.enable=true\n")
                .metadataMode()).contains(io.kafkaops.orchestrator.version.ClusterMode.MIGRATION);
        assertThat(HostReading.parse("config=/usr/local/kafka/config/server.properties\nmode.process.roles=broker\n").metadataMode())
                .contains(io.kafkaops.orchestrator.version.ClusterMode.KRAFT);
        // a controller still copying to ZooKeeper: process.roles and the flag
        assertThat(HostReading.parse("config=/usr/local/kafka/config/controller.properties\nmode.process.roles=controller\n"
                + "mode.zookeeper.metadata.migration.enable=true\n").metadataMode()).contains(io.kafkaops.orchestrator.version.ClusterMode.MIGRATION);
        assertThat(HostReading.parse("config=/usr/local/kafka/config/server.properties\nmode.zookeeper.metadata.migration.enable=false\n")
                .metadataMode()).contains(io.kafkaops.orchestrator.version.ClusterMode.ZOOKEEPER);
    }
}
