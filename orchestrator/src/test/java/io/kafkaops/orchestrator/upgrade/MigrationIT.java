package io.kafkaops.orchestrator.upgrade;

import io.kafkaops.orchestrator.cli.CliRun;
import io.kafkaops.orchestrator.cli.Main;
import io.kafkaops.orchestrator.dist.Distributions;
import io.kafkaops.orchestrator.kafka.KRaftReads;
import io.kafkaops.orchestrator.kafka.KafkaClients;
import io.kafkaops.orchestrator.kafka.KafkaConnection;
import io.kafkaops.orchestrator.kafka.LoadGenerator;
import io.kafkaops.orchestrator.lab.LabInventoryReader;
import io.kafkaops.orchestrator.lab.LabSpec;
import io.kafkaops.orchestrator.lab.RunningLab;
import io.kafkaops.orchestrator.lab.Subnet;
import io.kafkaops.orchestrator.testkit.Await;
import io.kafkaops.orchestrator.testkit.LabCluster;
import io.kafkaops.orchestrator.testkit.OwnLab;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * inventory/lab-migration.yml on its own lab "mlab": 3 ZooKeeper + 3 controller hosts + 3 brokers provisioned at 2.1.1
 * in ZooKeeper mode, then `upgrade --to 4.1.1 --yes-finalize` - the whole chain - under one acks=all idempotent producer
 * (hop 1 also retires a topic-level message.format.version, KIP-724, as UpgradeIT's 3.x finalize used to prove):
 * the orchestrator SIGKILLed in the migration's wait (hop 2, after hop 1 finished); a broker killed then, so the same
 * command resumes across the hops and halts at the wait naming it; the rollback to ZooKeeper mode from there; then the
 * chain again from the rolled-back cluster (a new migration, the controllers formatted anew) to KRaft on 4.1.1 with the
 * feature levels finalized. Every acked record read back, none twice, the consumer group's offset kept, one cluster id.
 */
class MigrationIT {
    static final List<String> ZOOKEEPERS = List.of("mzk1", "mzk2", "mzk3");
    static final List<String> CONTROLLERS = List.of("mkctl1", "mkctl2", "mkctl3");
    static final List<String> BROKERS = List.of("mkafka1", "mkafka2", "mkafka3");
    static final ConfigResource LOAD_TOPIC = new ConfigResource(ConfigResource.Type.TOPIC, "migration-load");
    static Path inventory;
    static RunningLab lab;
    static LabCluster cluster;
    static Path artifacts;

    @BeforeAll
    static void up() throws Exception {
        Assumptions.assumeTrue(LabCluster.runningAsRoot(), "the lab needs root");
        artifacts = Distributions.kafka("2.1.1").getParent();
        for (String v : List.of("3.9.2", "4.1.1")) assertThat(Distributions.kafka(v).getParent()).isEqualTo(artifacts);
        assertThat(Distributions.zookeeper("3.8.4").getParent()).isEqualTo(artifacts);
        inventory = Files.createTempDirectory("migration-it").resolve("lab-migration.yml");
        Files.writeString(inventory, OwnLab.of(Files.readString(Path.of("inventory/lab-migration.yml")), 84, "mlab", "m"));
        lab = RunningLab.up(LabSpec.of("mlab", Subnet.parse("10.213.84.0/24"), LabInventoryReader.hosts(inventory)));
        cluster = LabCluster.of(lab, inventory);
    }

    @AfterAll
    static void down() {
        if (lab != null) lab.close();
    }

    @Test
    void zooKeeper211ToKRaft411InOneCommandThroughAKillABrokerDownARollbackAndANewMigration() throws Exception {
        CliRun provision = CliRun.of("provision", inventory.toString(), "--artifacts", artifacts.toString());
        assertThat(provision.exit()).as(provision.out() + provision.err()).isZero();
        String clusterId = clusterId();

        CliRun dry = CliRun.of("upgrade", inventory.toString(), "--to", "4.1.1", "--dry-run", "--artifacts", artifacts.toString());
        assertThat(dry.exit()).as(dry.out() + dry.err()).isZero();
        assertThat(dry.out()).contains("Kafka 4.1.1 is reached in 3 hops", "hop 1 of 3: upgrade to 3.9.2", "hop 2 of 3: migrate to KRaft on 3.9.2",
                "hop 3 of 3: upgrade to 4.1.1", "phase 5 (POINT OF NO RETURN): controllers out of migration mode",
                "finalize features (POINT OF NO RETURN)", "dry run: nothing changed");

        LoadGenerator traffic = new LoadGenerator(cluster.kafka(), "migration-load", "migration-it", 300).start();
        long committed;
        try {
            while (traffic.ackedSoFar() < 500) Thread.sleep(200);
            committed = commitGroupOffset();
            // an override left from the 2.x days: hop 1's raise to the 3.x protocol retires it (KIP-724)
            // (2.1 has no incrementalAlterConfigs: Kafka's own tool, as an operator of 2.1 set it)
            cluster.sh("mkafka1", "/usr/local/kafka/bin/kafka-configs.sh --zookeeper 10.213.84.11:2181 --alter --entity-type topics "
                    + "--entity-name migration-load --add-config message.format.version=2.1");
            // hop 1 runs; the orchestrator (a separate JVM) is SIGKILLed in hop 2's wait for the controllers' copy
            Path log = Files.createTempFile("migration-killed", ".log");
            long t0 = System.nanoTime();
            Process killed = new ProcessBuilder("java", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    "upgrade", inventory.toString(), "--to", "4.1.1", "--yes-finalize", "--artifacts", artifacts.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            awaitLine(killed, log, Pattern.compile("\\[migration phase 3\\] phase 3"));
            killed.destroyForcibly().waitFor();
            double toKill = (System.nanoTime() - t0) / 1e9;
            String firstRun = Files.readString(log);
            System.out.println(firstRun);
            System.out.printf("[bench] chain hop 1 (2.1.1 -> 3.9.2, ZooKeeper mode) + migration phases 1-2 at 300 msg/s: %.1f s%n", toKill);
            assertThat(firstRun).contains("removed topic-level message.format.version from 1 topic(s): {migration-load=2.1}");
            for (String b : BROKERS) assertThat(firstRun).contains("[" + b + "] G2 passed: back (the broker says Kafka 3.9.2)");
            assertThat(firstRun).contains("upgrade to 3.9.2 done", "=== hop 2 of 3: migrate to KRaft", "the ZooKeeper cluster's id is "
                    + clusterId);
            for (String b : BROKERS) assertThat(cluster.sh(b, "grep -c '^zookeeper.metadata.migration.enable=true' "
                    + "/usr/local/kafka/config/server.properties").strip()).as(b).isEqualTo("1");

            // a broker dies before the copy is confirmed and does not come back (SIGKILL, then its unit stopped, or systemd
            // would restart it): the resumed chain halts at the wait, by name, not a silent stall
            cluster.sh("mkafka2", "systemctl kill -s KILL kafka-server; sleep 1; systemctl stop kafka-server");
            CliRun halted = CliRun.of("upgrade", inventory.toString(), "--to", "4.1.1", "--yes-finalize", "--artifacts",
                    artifacts.toString(), "--migration-timeout", "120");
            assertThat(halted.exit()).as(halted.out() + halted.err()).isEqualTo(1);
            assertThat(halted.out()).contains("=== hop 1 of 3: upgrade to 3.9.2: already done ===", "[migration phase 1] already done",
                    "[migration phase 2] already done", "HALTED: broker 2 is down (mkafka2", "resume with: orchestrator upgrade");
            cluster.sh("mkafka2", "systemctl start kafka-server");
            Await.until("mkafka2's broker back", Duration.ofSeconds(120),
                    () -> cluster.sh("mkafka2", "systemctl is-active kafka-server || true").strip().equals("active"));

            // back to ZooKeeper mode before the point of no return
            long r0 = System.nanoTime();
            CliRun rollback = CliRun.of("upgrade", inventory.toString(), "--to", "3.9.2", "--mode", "zookeeper");
            System.out.printf("[bench] rollback to ZooKeeper mode (brokers from migration mode, controllers stopped) at 300 msg/s: %.1f s%n",
                    (System.nanoTime() - r0) / 1e9);
            assertThat(rollback.exit()).as(rollback.out() + rollback.err()).isZero();
            assertThat(rollback.out()).contains("/migration deleted", "back in ZooKeeper mode");
            for (String b : BROKERS) assertThat(cluster.sh(b, "grep -c 'zookeeper.metadata.migration.enable\\|controller.quorum.voters' "
                    + "/usr/local/kafka/config/server.properties || true").strip()).as(b).isEqualTo("0");
            for (String c : CONTROLLERS) {
                assertThat(cluster.sh(c, "systemctl is-active kafka-server || true").strip()).as(c).isNotEqualTo("active");
                assertThat(cluster.sh(c, "ls -d /data/kafka-logs.rolled-back-* | wc -l").strip()).as(c).isEqualTo("1");
            }
            assertThat(cluster.sh("mzk1", "/usr/local/zookeeper/bin/zkCli.sh -server 127.0.0.1:2181 ls / 2>/dev/null | tail -1"))
                    .doesNotContain("migration");

            // the whole chain again: hop 1 done, a new migration (controllers formatted anew), KRaft 3.9.2 -> 4.1.1, features
            long c0 = System.nanoTime();
            CliRun chain = CliRun.of("upgrade", inventory.toString(), "--to", "4.1.1", "--yes-finalize", "--artifacts",
                    artifacts.toString());
            System.out.println(chain.out());
            System.out.printf("[bench] chain hops 2-3 (migration from ZooKeeper mode, KRaft 3.9.2 -> 4.1.1 with the features) at "
                    + "300 msg/s: %.1f s%n", (System.nanoTime() - c0) / 1e9);
            assertThat(chain.exit()).as(chain.out() + chain.err()).isZero();
            assertThat(chain.out()).contains("hop 1 of 3: upgrade to 3.9.2: already done", "migration to KRaft done",
                    "validate-only accepted by the controllers", "chain to Kafka 4.1.1 done").doesNotContain("kraft.version");
            Thread.sleep(3000);
        } finally {
            LoadGenerator.Report report = traffic.finish(Duration.ofSeconds(90));
            System.out.println("[traffic] " + report.describe());
            assertThat(report.acked()).isGreaterThan(500);
            assertThat(report.lost()).as(report.describe()).isZero();
            assertThat(report.duplicated()).as(report.describe()).isZero();
        }
        for (String h : Stream.concat(CONTROLLERS.stream(), BROKERS.stream()).toList()) {
            assertThat(cluster.kafkaHomeLink(h)).as(h).isEqualTo("/usr/local/kafka_2.13-4.1.1");
        }
        for (String z : ZOOKEEPERS) {
            assertThat(cluster.sh(z, "systemctl is-active zookeeper-server || true").strip()).as(z).isNotEqualTo("active");
            assertThat(cluster.sh(z, "ls /data/zk/version-2 | wc -l").strip()).as(z + " keeps its data").isNotEqualTo("0");
        }
        assertThat(clusterId()).isEqualTo(clusterId);
        try (Admin admin = cluster.admin(Map.of())) {
            ConfigEntry format = admin.describeConfigs(List.of(LOAD_TOPIC)).all().get(30, TimeUnit.SECONDS).get(LOAD_TOPIC)
                    .get("message.format.version");
            assertThat(format == null || format.source() != ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG).as(String.valueOf(format)).isTrue();
        }
        assertThat(groupOffset()).isGreaterThanOrEqualTo(committed);
        try (Admin admin = KafkaClients.controllerAdmin(controllers(), KafkaClients.CHECKING)) {
            Map<String, Short> features = KRaftReads.features(admin, 10_000).finalized();
            assertThat(features).containsEntry("metadata.version", (short) 27).containsEntry("group.version", (short) 1);
            assertThat(features.getOrDefault("kraft.version", (short) 0)).isZero();
        }
        // once migrated, the inventory without its ZooKeeper group is a KRaft cluster: provision changes nothing
        Path kraft = inventory.resolveSibling("lab-migrated.yml");
        // (and kafka_version at the release it runs now, as the operator sets it after an upgrade)
        Files.writeString(kraft, Files.readString(inventory).replaceAll("(?m)^    zookeeper:\n(?:      .*\n)*", "")
                .replace("kafka_version: \"2.1.1\"", "kafka_version: \"4.1.1\""));
        CliRun again = CliRun.of("provision", kraft.toString(), "--artifacts", artifacts.toString());
        assertThat(again.exit()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).doesNotContain("will ").containsPattern("mkafka1 +ok, no changes").containsPattern("mkctl1 +ok, no changes");
    }

    private static KafkaConnection controllers() {
        return KafkaConnection.plaintext("10.213.84.31:9093,10.213.84.32:9093,10.213.84.33:9093");
    }

    private static String clusterId() throws Exception {
        try (Admin admin = cluster.admin(Map.of())) {
            return admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
        }
    }

    /** A consumer group that read some of the load and committed: the chain must keep its offset. */
    private static long commitGroupOffset() {
        try (KafkaConsumer<String, String> c = cluster.consumer(Map.of(ConsumerConfig.GROUP_ID_CONFIG, "migration-it-readers",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"))) {
            c.subscribe(List.of("migration-load"));
            int read = 0;
            long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (read < 100 && System.nanoTime() < until) read += c.poll(Duration.ofMillis(500)).count();
            c.commitSync();
            return c.committed(c.assignment()).values().stream().mapToLong(OffsetAndMetadata::offset).sum();
        }
    }

    private static long groupOffset() throws Exception {
        try (Admin admin = cluster.admin(Map.of())) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("migration-it-readers")
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            return offsets.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
        }
    }

    private static void awaitLine(Process process, Path log, Pattern line) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(900).toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (line.matcher(Files.readString(log)).find()) return;
            Thread.sleep(20);
        }
        throw new AssertionError("no line like " + line + " in\n" + Files.readString(log));
    }
}
