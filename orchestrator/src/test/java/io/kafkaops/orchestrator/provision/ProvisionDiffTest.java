package io.kafkaops.orchestrator.provision;

import io.kafkaops.orchestrator.testkit.TestSecurity;
import io.kafkaops.orchestrator.host.HostFacts;
import io.kafkaops.orchestrator.install.Artifact;

import io.kafkaops.orchestrator.cluster.NodeSettings;
import io.kafkaops.orchestrator.cluster.Role;
import io.kafkaops.orchestrator.plan.HostPlan;
import io.kafkaops.orchestrator.plan.PlannedFile;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ProvisionDiffTest {
    static final String KAFKA_DIR = "/usr/local/kafka_2.12-2.1.1";
    static final String ZK_DIR = "/usr/local/apache-zookeeper-3.8.4-bin";
    static final ProvisionDiff.Install KAFKA = new ProvisionDiff.Install(KAFKA_DIR, new Artifact(Path.of("/dist/kafka_2.12-2.1.1.tgz"), "ab"));
    static final ProvisionDiff.Install ZK = new ProvisionDiff.Install(ZK_DIR, new Artifact(Path.of("/dist/apache-zookeeper-3.8.4-bin.tar.gz"), "cd"));

    static NodeSettings broker(int id) {
        return new NodeSettings("kafka1", "10.0.0.1", true, false, id, null, null, List.of("/data/kafka-logs"), 3, 8, 1,
                "-Xms512m -Xmx512m", null, "zk1:2181", List.of(), "/data/zk", 2181, 3, 2, null, null,
                "/usr/local/kafka", "/usr/local/zookeeper", 9999, TestSecurity.plaintext("10.0.0.1"), NodeSettings.Services.DEFAULTS);
    }

    static HostPlan plan(int id, String serverProperties) {
        return new HostPlan("kafka1", "10.0.0.1", List.of("broker"), broker(id), List.of(
                new PlannedFile("/usr/local/kafka/config/server.properties", "kafka", "0644", serverProperties, false, "server.properties.j2"),
                new PlannedFile("/etc/systemd/system/kafka-server.service", "root", "0644", "[Unit]\n", false, "kafka-server.service.j2")));
    }

    static String fact(String kind, String key, String value) {
        return kind + "\t" + key + "\t" + value + "\n";
    }

    static String file(String path, String owner, String mode, String content) {
        return fact("file", path, owner + " " + mode + " " + Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8)));
    }

    static final String FRESH = fact("java", "version", "openjdk version \"17\"") + fact("link", "/usr/local/kafka", "absent")
            + fact("user", "kafka", "absent") + fact("enabled", "kafka-server", "disabled") + fact("active", "kafka-server", "inactive")
            + fact("dir", "/data/kafka-logs", "absent");

    static final String INSTALLED = fact("java", "version", "openjdk version \"17\"") + fact("link", "/usr/local/kafka", KAFKA_DIR)
            + fact("installed", KAFKA_DIR, "bin config libs") + fact("user", "kafka", "999")
            + fact("enabled", "kafka-server", "enabled") + fact("active", "kafka-server", "active")
            + fact("dir", "/data/kafka-logs", "kafka 750") + fact("meta", "/data/kafka-logs", "1")
            + file("/etc/systemd/system/kafka-server.service", "root", "644", "[Unit]\n");

    @Test
    void aFreshHostGetsEverythingInOrder() {
        HostChanges c = ProvisionDiff.of(plan(1, "broker.id=1\n"), HostFacts.parse("kafka1", FRESH), ZK, KAFKA);
        assertThat(c.refusals()).isEmpty();
        assertThat(c.changes()).extracting(Change::describe).containsExactly(
                "create system user kafka",
                "create directory /data/kafka-logs (owner kafka)",
                "upload kafka_2.12-2.1.1.tgz to /var/cache/orchestrator/kafka_2.12-2.1.1.tgz and verify SHA-512",
                "unpack /var/cache/orchestrator/kafka_2.12-2.1.1.tgz to " + KAFKA_DIR,
                "point /usr/local/kafka at " + KAFKA_DIR,
                "write /usr/local/kafka/config/server.properties (kafka 0644)",
                "write /etc/systemd/system/kafka-server.service (root 0644)",
                "systemctl daemon-reload",
                "enable kafka-server",
                "start kafka-server");
    }

    static final String PLAINTEXT = "broker.id=1\nlisteners=PLAINTEXT://0.0.0.0:9092\nlistener.security.protocol.map=PLAINTEXT:PLAINTEXT\n"
            + "inter.broker.listener.name=PLAINTEXT\n";
    static final String SECURED = "broker.id=1\nlisteners=INTERNAL://0.0.0.0:9093,BROKER://0.0.0.0:9091\n"
            + "listener.security.protocol.map=INTERNAL:SASL_SSL,BROKER:SASL_SSL\ninter.broker.listener.name=BROKER\n"
            + "sasl.enabled.mechanisms=SCRAM-SHA-512\nauthorizer.class.name=kafka.security.auth.SimpleAclAuthorizer\n";

    @Test
    void aRunningBrokerIsNotMovedToOtherListenersByProvisionButByTheGatedSwitch() {
        String facts = INSTALLED + file("/usr/local/kafka/config/server.properties", "kafka", "644", PLAINTEXT);
        HostChanges c = ProvisionDiff.of(plan(1, SECURED), HostFacts.parse("kafka1", facts), ZK, KAFKA);
        assertThat(c.changes()).isEmpty();
        assertThat(c.refusals()).singleElement().asString().contains("runs listeners [PLAINTEXT:9092]")
                .contains("[INTERNAL:9093, BROKER:9091]").contains("authorizer on").contains("run orchestrator secure");
        // a stopped broker starts on the new file: nothing runs that a restart would cut off
        String stopped = facts.replace(fact("active", "kafka-server", "active"), fact("active", "kafka-server", "inactive"));
        assertThat(ProvisionDiff.of(plan(1, SECURED), HostFacts.parse("kafka1", stopped), ZK, KAFKA).refusals()).isEmpty();
        // the same listeners with another setting changed are provision's to write (and to ask a restart for)
        String other = SECURED + "num.io.threads=16\n";
        String live = INSTALLED + file("/usr/local/kafka/config/server.properties", "kafka", "644", SECURED);
        assertThat(ProvisionDiff.of(plan(1, other), HostFacts.parse("kafka1", live), ZK, KAFKA).refusals()).isEmpty();
    }

    @Test
    void aStoreIsComparedByItsBytesAndWrittenAsBytes() {
        byte[] store = {0x30, (byte) 0x82, (byte) 0xff, 0x00, (byte) 0xc3, 0x28};
        PlannedFile keystore = PlannedFile.binary("/var/ssl/private/kafka_broker.keystore.p12", "kafka", "0600", store, "tls");
        HostPlan p = new HostPlan("kafka1", "10.0.0.1", List.of("broker"), broker(1), List.of(
                new PlannedFile("/usr/local/kafka/config/server.properties", "kafka", "0644", "broker.id=1\n", false, "server.properties.j2"),
                new PlannedFile("/etc/systemd/system/kafka-server.service", "root", "0644", "[Unit]\n", false, "kafka-server.service.j2"),
                keystore));
        String base = INSTALLED + file("/usr/local/kafka/config/server.properties", "kafka", "644", "broker.id=1\n");
        String same = base + fact("file", keystore.path(), "kafka 600 " + Base64.getEncoder().encodeToString(store));
        assertThat(ProvisionDiff.of(p, HostFacts.parse("kafka1", same), ZK, KAFKA).noChanges()).isTrue();
        byte[] other = store.clone();
        other[2] = 0x01;
        String differs = base + fact("file", keystore.path(), "kafka 600 " + Base64.getEncoder().encodeToString(other));
        HostChanges c = ProvisionDiff.of(p, HostFacts.parse("kafka1", differs), ZK, KAFKA);
        assertThat(c.changes()).extracting(Change::describe).contains("update /var/ssl/private/kafka_broker.keystore.p12 (kafka 0600)");
        assertThat(keystore.bytes()).isEqualTo(store);
    }

    @Test
    void anUnchangedHostHasNoChanges() {
        String facts = INSTALLED + file("/usr/local/kafka/config/server.properties", "kafka", "644", "broker.id=1\n");
        HostChanges c = ProvisionDiff.of(plan(1, "broker.id=1\n"), HostFacts.parse("kafka1", facts), ZK, KAFKA);
        assertThat(c.changes()).isEmpty();
        assertThat(c.noChanges()).isTrue();
    }

    @Test
    void aChangedConfigOnARunningBrokerIsWrittenButNeverRestartedHere() {
        String facts = INSTALLED + file("/usr/local/kafka/config/server.properties", "kafka", "644", "broker.id=1\nnum.io.threads=8\n");
        HostChanges c = ProvisionDiff.of(plan(1, "broker.id=1\nnum.io.threads=16\n"), HostFacts.parse("kafka1", facts), ZK, KAFKA);
        assertThat(c.changes()).hasSize(2);
        Change.WriteFile w = (Change.WriteFile) c.changes().get(0);
        assertThat(w.diff()).contains("-num.io.threads=8").contains("+num.io.threads=16");
        assertThat(c.changes().get(1)).isInstanceOf(Change.NeedsRestart.class);
        assertThat(c.changes()).noneMatch(ch -> ch instanceof Change.Start);
    }

    @Test
    void aDataDirOfAnotherBrokerRefusesTheHost() {
        HostChanges c = ProvisionDiff.of(plan(2, "broker.id=2\n"), HostFacts.parse("kafka1", INSTALLED), ZK, KAFKA);
        assertThat(c.changes()).isEmpty();
        assertThat(c.refusals()).singleElement().asString()
                .contains("/data/kafka-logs/meta.properties on kafka1 belongs to broker.id 1").contains("inventory gives broker.id 2");
    }

    @Test
    void aRunningBrokerOnAnotherVersionIsAnUpgradeNotAProvision() {
        String facts = INSTALLED.replace("\t" + KAFKA_DIR + "\n", "\t/usr/local/kafka_2.12-2.0.0\n");
        HostChanges c = ProvisionDiff.of(plan(1, "broker.id=1\n"), HostFacts.parse("kafka1", facts), ZK, KAFKA);
        assertThat(c.refusals()).singleElement().asString().contains("orchestrator upgrade");
    }

    @Test
    void aStoppedBrokerOnAnotherVersionIsNotReLinkedAndStartedWithoutGates() {
        // what a halted upgrade leaves: the broker stopped, its link on the version it had
        String facts = INSTALLED.replace("\t" + KAFKA_DIR + "\n", "\t/usr/local/kafka_2.12-2.6.3\n")
                .replace(fact("active", "kafka-server", "active"), fact("active", "kafka-server", "inactive"));
        HostChanges c = ProvisionDiff.of(plan(1, "broker.id=1\n"), HostFacts.parse("kafka1", facts), ZK, KAFKA);
        assertThat(c.refusals()).singleElement().asString().contains("is stopped on /usr/local/kafka_2.12-2.6.3")
                .contains("orchestrator upgrade");
        assertThat(c.changes()).isEmpty();
    }

    @Test
    void noJavaIsRefused() {
        HostChanges c = ProvisionDiff.of(plan(1, "x"), HostFacts.parse("kafka1", FRESH.replace("openjdk version \"17\"", "absent")), ZK, KAFKA);
        assertThat(c.refusals()).singleElement().asString().contains("no java");
    }

    @Test
    void aModeOrOwnerDifferenceIsAChange() {
        String facts = INSTALLED + file("/usr/local/kafka/config/server.properties", "root", "600", "broker.id=1\n");
        HostChanges c = ProvisionDiff.of(plan(1, "broker.id=1\n"), HostFacts.parse("kafka1", facts), ZK, KAFKA);
        assertThat(c.changes()).first().isInstanceOf(Change.WriteFile.class);
    }

    @Test
    void eachChangeCarriesTheRoleItIsDoneFor() {
        NodeSettings b = broker(1);
        NodeSettings both = new NodeSettings(b.host(), b.address(), true, true, 1, 1, null, b.logDirs(), 3, 8, 1, b.kafkaHeapOpts(), "-Xmx256m",
                b.zookeeperConnect(), List.of(), "/data/zk", 2181, 3, 2, null, null, b.kafkaHome(), b.zookeeperHome(), 9999, b.security(),
                NodeSettings.Services.DEFAULTS);
        HostPlan plan = new HostPlan("kafka1", "10.0.0.1", List.of("zookeeper", "broker"), both, List.of(
                new PlannedFile("/usr/local/zookeeper/conf/zoo.cfg", "zookeeper", "0644", "tickTime=2000\n", false, "zoo.cfg.j2"),
                new PlannedFile("/etc/systemd/system/zookeeper-server.service", "root", "0644", "[Unit]\n", false,
                        "zookeeper-server.service.j2"),
                new PlannedFile("/usr/local/kafka/config/server.properties", "kafka", "0644", "broker.id=1\n", false,
                        "server.properties.j2"),
                new PlannedFile("/etc/systemd/system/kafka-server.service", "root", "0644", "[Unit]\n", false, "kafka-server.service.j2")));
        HostChanges c = ProvisionDiff.of(plan, HostFacts.parse("kafka1", FRESH), ZK, KAFKA);

        assertThat(c.changes()).filteredOn(ch -> ch.describe().contains("zookeeper") || ch.describe().contains("/data/zk"))
                .hasSize(9).allMatch(ch -> ch.roles().equals(Set.of(Role.ZOOKEEPER)));
        assertThat(c.changes()).filteredOn(ch -> ch.describe().contains("kafka"))
                .hasSize(9).allMatch(ch -> ch.roles().equals(Set.of(Role.BROKER)));
        assertThat(c.changes()).filteredOn(ch -> ch instanceof Change.DaemonReload).hasSize(2)
                .allMatch(ch -> ch.runsIn(Role.ZOOKEEPER) && ch.runsIn(Role.BROKER));
    }
}
