package io.kafkaops.orchestrator.provision;

import io.kafkaops.orchestrator.cli.CliRun;
import io.kafkaops.orchestrator.install.InstallLayout;
import io.kafkaops.orchestrator.lab.LabInventoryReader;
import io.kafkaops.orchestrator.lab.LabSpec;
import io.kafkaops.orchestrator.lab.RunningLab;
import io.kafkaops.orchestrator.lab.Subnet;
import io.kafkaops.orchestrator.dist.Distributions;
import io.kafkaops.orchestrator.testkit.LabCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `orchestrator provision` against real hosts: namespaces with systemd and sshd, the shipped
 * ZooKeeper 3.8.4 and Kafka 2.1.1 tarballs, real SSH with host-key checking on.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProvisionIT {
    static final Path INVENTORY = Path.of("orchestrator/src/test/resources/provision-lab/hosts.yml");
    static final List<String> ZK = List.of("pzk1", "pzk2", "pzk3");
    static final List<String> BROKERS = List.of("pkafka1", "pkafka2", "pkafka3");
    static RunningLab lab;
    static LabCluster cluster;
    static Path artifacts;

    @BeforeAll
    static void up() throws Exception {
        Assumptions.assumeTrue(Files.isWritable(Path.of("/proc/sys")) || LabCluster.runningAsRoot(), "the lab needs root");
        artifacts = Distributions.kafka("2.1.1").getParent();
        assertThat(Distributions.zookeeper("3.8.4").getParent()).isEqualTo(artifacts);
        lab = RunningLab.up(LabSpec.of("plab", Subnet.parse("10.213.78.0/24"), LabInventoryReader.hosts(INVENTORY)));
        cluster = LabCluster.of(lab, INVENTORY);
    }

    @AfterAll
    static void down() {
        if (lab != null) lab.close();
    }

    static CliRun provision(Path inventory, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("provision", inventory.toString(), "--artifacts", artifacts.toString(),
                "--health-timeout", "120"));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    @Order(1)
    void freshLabBecomesAHealthyClusterRunAsNonRootUsers() throws Exception {
        long start = System.nanoTime();
        CliRun run = provision(INVENTORY);
        System.out.printf("[bench] fresh provision of 3 ZooKeeper + 3 brokers: %.1f s%n", (System.nanoTime() - start) / 1e9);
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("ZooKeeper ensemble healthy").contains("Kafka cluster healthy").contains("canary: produced and consumed");
        for (String h : BROKERS) {
            assertThat(cluster.sh(h, "ps -o user= -C java")).isEqualTo("kafka");
            assertThat(cluster.sh(h, "systemctl is-enabled kafka-server")).isEqualTo("enabled");
            assertThat(cluster.kafkaHomeLink(h)).isEqualTo("/usr/local/kafka_2.12-2.1.1");
            assertThat(cluster.sh(h, "stat -c '%U %a' /usr/local/kafka/config/server.properties")).isEqualTo("kafka 644");
            assertThat(cluster.sh(h, "stat -c '%U %a' /data/kafka-logs")).isEqualTo("kafka 750");
        }
        for (String h : ZK) {
            assertThat(cluster.sh(h, "ps -o user= -C java")).isEqualTo("zookeeper");
            assertThat(cluster.sh(h, "systemctl is-enabled zookeeper-server")).isEqualTo("enabled");
            assertThat(cluster.sh(h, "cat /data/zk/myid")).isEqualTo(h.substring(h.length() - 1));
        }
    }

    @Test
    @Order(2)
    void aSecondRunChangesNothingAndRestartsNothing() throws Exception {
        Map<String, String> zkBefore = cluster.unitStarts(ZK, InstallLayout.ZOOKEEPER_UNIT);
        Map<String, String> brokersBefore = cluster.unitStarts(BROKERS, InstallLayout.KAFKA_UNIT);
        long start = System.nanoTime();
        CliRun run = provision(INVENTORY);
        System.out.printf("[bench] no-change provision re-run: %.1f s%n", (System.nanoTime() - start) / 1e9);
        assertThat(run.exit()).as(run.out()).isZero();
        for (String h : ZK) assertThat(run.out()).contains("[" + h + "] no changes");
        for (String h : BROKERS) assertThat(run.out()).contains("[" + h + "] no changes");
        assertThat(run.out()).doesNotContain("... ok");
        assertThat(cluster.unitStarts(ZK, InstallLayout.ZOOKEEPER_UNIT)).isEqualTo(zkBefore);
        assertThat(cluster.unitStarts(BROKERS, InstallLayout.KAFKA_UNIT)).isEqualTo(brokersBefore);
    }

    @Test
    @Order(3)
    void aHeapChangeIsShownForEveryBrokerWrittenAndNeverRestartsAllBrokers() throws Exception {
        Path inv = variant("kafka_heap_opts: \"-Xms384m -Xmx384m\"");
        Map<String, String> before = cluster.unitStarts(BROKERS, InstallLayout.KAFKA_UNIT);
        CliRun dry = provision(inv, "--dry-run");
        assertThat(dry.exit()).isZero();
        for (String h : BROKERS) {
            assertThat(dry.out()).contains("[" + h + "] will update /etc/systemd/system/kafka-server.service");
            assertThat(dry.out()).contains("[" + h + "] will kafka-server needs a restart");
        }
        assertThat(dry.out()).contains("+Environment=\"KAFKA_HEAP_OPTS=-Xms384m -Xmx384m\"").contains("dry run: nothing changed");
        assertThat(cluster.sh("pkafka1", "grep -c Xmx384m /etc/systemd/system/kafka-server.service || true")).isEqualTo("0");

        CliRun run = provision(inv);
        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(cluster.sh("pkafka1", "grep -c Xmx384m /etc/systemd/system/kafka-server.service")).isEqualTo("1");
        // documented behaviour: written, not restarted; the restart goes through the gated roll
        assertThat(cluster.unitStarts(BROKERS, InstallLayout.KAFKA_UNIT)).isEqualTo(before);
        assertThat(run.out()).contains("run: orchestrator restart");
    }

    @Test
    @Order(4)
    void aWrongBrokerIdAgainstExistingDataIsRefusedAndNothingIsTouched() throws Exception {
        Path inv = variantFor("pkafka1", "broker_id: 7");
        String meta = cluster.sh("pkafka1", "cat /data/kafka-logs/meta.properties");
        String props2 = cluster.sh("pkafka2", "md5sum /usr/local/kafka/config/server.properties");
        CliRun run = provision(inv);
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("[pkafka1] REFUSED: /data/kafka-logs/meta.properties on pkafka1 belongs to broker.id 1")
                .contains("nothing was touched");
        assertThat(cluster.sh("pkafka1", "cat /data/kafka-logs/meta.properties")).isEqualTo(meta);
        assertThat(cluster.sh("pkafka2", "md5sum /usr/local/kafka/config/server.properties")).isEqualTo(props2);
    }

    @Test
    @Order(5)
    void anUnreachableHostIsNamedOthersAreReportedAndNoHalfWrittenFileRemains() throws Exception {
        Path inv = variant("kafka_heap_opts: \"-Xms320m -Xmx320m\"");
        lab.cut("pkafka3");
        try {
            CliRun run = provision(inv);
            assertThat(run.exit()).isNotZero();
            assertThat(run.out()).contains("[pkafka3] UNREACHABLE");
            assertThat(run.out()).containsPattern("pkafka1\\s+ok, \\d+ change");
            assertThat(run.out()).containsPattern("pkafka3\\s+UNREACHABLE");
        } finally {
            lab.heal("pkafka3");
        }
        for (String h : BROKERS) {
            assertThat(cluster.sh(h, "ls /usr/local/kafka/config/ /etc/systemd/system/ | grep -c orchestrator-tmp || true")).isEqualTo("0");
        }
        assertThat(cluster.sh("pkafka3", "grep -c Xmx320m /etc/systemd/system/kafka-server.service || true")).isEqualTo("0");
        assertThat(cluster.sh("pkafka1", "grep -c Xmx320m /etc/systemd/system/kafka-server.service")).isEqualTo("1");
    }

    /** A copy of the inventory with one more all-vars line. */
    static Path variant(String allVarLine) throws Exception {
        String text = Files.readString(INVENTORY).replace("    kafka_version: \"2.1.1\"\n", "    kafka_version: \"2.1.1\"\n    " + allVarLine + "\n");
        Path dir = Files.createTempDirectory("inv");
        return Files.writeString(dir.resolve("hosts.yml"), text);
    }

    /** A copy of the inventory with one more variable on one host. */
    static Path variantFor(String host, String var) throws Exception {
        String text = Files.readString(INVENTORY).replaceFirst("(" + host + ": \\{ansible_host: [0-9.]+)\\}", "$1, " + var + "}");
        Path dir = Files.createTempDirectory("inv");
        return Files.writeString(dir.resolve("hosts.yml"), text);
    }
}
