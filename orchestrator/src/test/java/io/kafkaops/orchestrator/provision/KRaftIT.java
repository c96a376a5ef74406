package io.kafkaops.orchestrator.provision;

import io.kafkaops.orchestrator.cli.CliRun;
import io.kafkaops.orchestrator.dist.Distributions;
import io.kafkaops.orchestrator.gate.MetadataQuorum.KRaftQuorum;
import io.kafkaops.orchestrator.kafka.KRaftReads;
import io.kafkaops.orchestrator.kafka.LoadGenerator;
import io.kafkaops.orchestrator.lab.LabInventoryReader;
import io.kafkaops.orchestrator.lab.LabSpec;
import io.kafkaops.orchestrator.lab.RunningLab;
import io.kafkaops.orchestrator.lab.Subnet;
import io.kafkaops.orchestrator.testkit.LabCluster;
import io.kafkaops.orchestrator.testkit.OwnLab;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * inventory/lab-kraft.yml on real hosts (its own lab, "klab"): 3 dedicated controllers and 3 brokers on Kafka 4.1.1,
 * provisioned from nothing. The quorum is healthy before any broker starts, the six hosts hold one cluster id, every
 * acknowledged record comes back, a re-run changes nothing and keeps the id, and an inventory id that differs from the
 * hosts' is refused with nothing touched.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KRaftIT {
    static final Path SOURCE = Path.of("inventory/lab-kraft.yml");
    static final List<String> CONTROLLERS = List.of("kkctl1", "kkctl2", "kkctl3");
    static final List<String> BROKERS = List.of("kkafka1", "kkafka2", "kkafka3");
    static Path inventory;
    static RunningLab lab;
    static LabCluster cluster;
    static Path artifacts;
    static String clusterId;

    @BeforeAll
    static void up() throws Exception {
        Assumptions.assumeTrue(LabCluster.runningAsRoot(), "the lab needs root");
        artifacts = Distributions.kafka("4.1.1").getParent();
        inventory = Files.createTempDirectory("kraft-it").resolve("lab-kraft.yml");
        Files.writeString(inventory, OwnLab.of(Files.readString(SOURCE), 83, "klab", "k"));
        lab = RunningLab.up(LabSpec.of("klab", Subnet.parse("10.213.83.0/24"), LabInventoryReader.hosts(inventory)));
        cluster = LabCluster.of(lab, inventory);
    }

    @AfterAll
    static void down() {
        if (lab != null) lab.close();
    }

    @Test
    @Order(1)
    void provisionsControllersFirstThenBrokersWithOneClusterIdAndLosesNoAckedRecord() throws Exception {
        long start = System.nanoTime();
        CliRun run = CliRun.of("provision", inventory.toString(), "--artifacts", artifacts.toString());
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        System.out.printf("[bench] KRaft provision from nothing, 3 controllers + 3 brokers: %.1f s%n", seconds);
        String out = run.out();
        // the quorum is checked healthy before any broker is formatted or started
        int quorum = out.indexOf("KRaft controller quorum healthy");
        assertThat(quorum).as(out).isPositive();
        for (String b : BROKERS) {
            assertThat(out.indexOf("[" + b + "] format")).as(out).isGreaterThan(quorum);
            assertThat(out.indexOf("[" + b + "] start kafka-server")).as(out).isGreaterThan(quorum);
        }
        for (String c : CONTROLLERS) assertThat(out.indexOf("[" + c + "] start kafka-server")).as(out).isBetween(0, quorum);
        assertThat(out).doesNotContain("--ignore-formatted");

        // one cluster id on all six hosts, each node its own node.id
        Map<String, String> ids = new LinkedHashMap<>();
        Map<String, String> nodeIds = new LinkedHashMap<>();
        for (String h : concat(CONTROLLERS, BROKERS)) {
            String meta = cluster.sh(h, "cat /data/kafka-logs/meta.properties");
            ids.put(h, value(meta, "cluster.id"));
            nodeIds.put(h, value(meta, "node.id"));
            assertThat(cluster.sh(h, "stat -c %U /data/kafka-logs/meta.properties").strip()).isEqualTo("kafka");
        }
        assertThat(new HashSet<>(ids.values())).as(ids.toString()).hasSize(1);
        clusterId = ids.values().iterator().next();
        assertThat(clusterId).matches("[A-Za-z0-9_-]{22}");
        assertThat(out).contains("KRaft cluster id " + clusterId + " (new: no host is formatted yet)");
        assertThat(nodeIds.values()).containsExactly("9991", "9992", "9993", "1", "2", "3");

        // the quorum through the controllers, as the Admin API reports it: a static quorum (kraft.version 0)
        try (Admin admin = cluster.controllerAdmin()) {
            KRaftQuorum q = KRaftReads.quorum(admin, 10_000);
            assertThat(q.leaderId()).isPresent();
            assertThat(q.voters()).extracting(KRaftQuorum.Voter::id).containsExactlyInAnyOrder(9991, 9992, 9993);
            assertThat(q.observers()).extracting(KRaftQuorum.Voter::id).contains(1, 2, 3);
            KRaftReads.Features f = KRaftReads.features(admin, 10_000);
            assertThat(f.finalized()).containsKey("metadata.version");
            assertThat(f.finalized().getOrDefault("kraft.version", (short) 0)).isZero();
        }

        // every acknowledged record of an acks=all producer is read back
        int records = 2_000;
        try (Admin admin = cluster.admin(Map.of())) {
            admin.createTopics(List.of(new NewTopic("kraft-it", 3, (short) 3)
                    .configs(Map.of("min.insync.replicas", "2")))).all().get(60, TimeUnit.SECONDS);
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).extracting(n -> n.id())
                    .containsExactlyInAnyOrder(1, 2, 3);
        }
        Set<String> acked = new HashSet<>();
        try (KafkaProducer<String, String> p = cluster.producer(Map.of("acks", "all", "enable.idempotence", true))) {
            for (int i = 0; i < records; i++) {
                String v = "r" + i;
                p.send(new ProducerRecord<>("kraft-it", v, v), (m, e) -> {
                    if (e == null) synchronized (acked) { acked.add(v); }
                });
            }
            p.flush();
        }
        assertThat(acked).hasSize(records);
        Set<String> read = new HashSet<>();
        try (KafkaConsumer<String, String> c = cluster.consumer(Map.of("group.id", "kraft-it", "auto.offset.reset", "earliest"))) {
            c.subscribe(List.of("kraft-it"));
            long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (read.size() < acked.size() && System.nanoTime() < until) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) read.add(r.value());
            }
        }
        assertThat(read).as("acked records read back").containsAll(acked);
    }

    @Test
    @Order(2)
    void reRunChangesNothingAndReadsTheIdBackFromTheHosts() {
        CliRun again = CliRun.of("provision", inventory.toString(), "--artifacts", artifacts.toString());
        assertThat(again.exit()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("KRaft cluster id " + clusterId + " (from the hosts)");
        for (String h : concat(CONTROLLERS, BROKERS)) assertThat(again.out()).contains("[" + h + "] no changes");
        assertThat(again.out()).doesNotContain("format ");
    }

    @Test
    @Order(3)
    void anInventoryIdOtherThanTheHostsIsRefusedWithNothingTouched() throws Exception {
        Map<String, String> before = cluster.unitStarts(concat(CONTROLLERS, BROKERS), "kafka-server");
        Path other = inventory.resolveSibling("lab-kraft-other-id.yml");
        Files.writeString(other, Files.readString(inventory).replace("    kafka_version: \"4.1.1\"",
                "    kafka_version: \"4.1.1\"\n    kafka_cluster_id: AAAAAAAAAAAAAAAAAAAAAA"));
        CliRun r = CliRun.of("provision", other.toString(), "--artifacts", artifacts.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).contains("kafka_cluster_id AAAAAAAAAAAAAAAAAAAAAA differs from the cluster id the hosts are formatted with ("
                + clusterId + ")").contains("lab-kraft-other-id.yml:");
        assertThat(cluster.unitStarts(concat(CONTROLLERS, BROKERS), "kafka-server")).isEqualTo(before);
    }

    @Test
    @Order(4)
    void restartRollsTheControllersLeaderLastThenTheBrokersUnderAnAcksAllProducer() throws Exception {
        Map<String, String> before = cluster.unitStarts(concat(CONTROLLERS, BROKERS), "kafka-server");
        int leader;
        try (Admin admin = cluster.controllerAdmin()) {
            leader = KRaftReads.quorum(admin, 10_000).leaderId().orElseThrow();
        }
        String leaderHost = CONTROLLERS.get(leader - 9991);
        LoadGenerator traffic = new LoadGenerator(cluster.kafka(), "kraft-load", "kraft-it-load", 300).start();
        CliRun run;
        try {
            while (traffic.ackedSoFar() < 500) Thread.sleep(200);
            long start = System.nanoTime();
            run = CliRun.of("restart", inventory.toString());
            System.out.printf("[bench] KRaft restart, 3 controllers then 3 brokers, at 300 msg/s: %.1f s%n", (System.nanoTime() - start) / 1e9);
            Thread.sleep(3000);
        } finally {
            LoadGenerator.Report report = traffic.finish(Duration.ofSeconds(90));
            System.out.println("[traffic] " + report.describe());
            assertThat(report.acked()).isGreaterThan(500);
            assertThat(report.lost()).as(report.describe()).isZero();
            assertThat(report.duplicated()).as(report.describe()).isZero();
        }
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        String out = run.out();
        // every controller before any broker, the quorum leader last among them
        int lastController = -1;
        for (String c : CONTROLLERS) {
            int i = out.indexOf("[restart controllers] [" + c + "] G2 passed");
            assertThat(i).as(out).isPositive();
            lastController = Math.max(lastController, i);
        }
        assertThat(lastController).isEqualTo(out.indexOf("[restart controllers] [" + leaderHost + "] G2 passed"));
        for (String b : BROKERS) assertThat(out.indexOf("[restart] [" + b + "] stopped")).as(out).isGreaterThan(lastController);
        Map<String, String> after = cluster.unitStarts(concat(CONTROLLERS, BROKERS), "kafka-server");
        for (String h : concat(CONTROLLERS, BROKERS)) assertThat(after.get(h)).as(h + " restarted").isNotEqualTo(before.get(h));
    }

    @Test
    @Order(5)
    void aStoppedQuorumLeaderMakesG0RefuseTheRestartAndNothingIsTouched() throws Exception {
        // the leader, on purpose: the new leader reports it with offset -1 and no times, which once passed as caught up
        int leader;
        try (Admin admin = cluster.controllerAdmin()) {
            leader = KRaftReads.quorum(admin, 10_000).leaderId().orElseThrow();
        }
        String host = CONTROLLERS.get(leader - 9991);
        cluster.sh(host, "systemctl stop kafka-server");
        try {
            Thread.sleep(4000);
            Map<String, String> before = cluster.unitStarts(concat(CONTROLLERS, BROKERS), "kafka-server");
            CliRun run = CliRun.of("restart", inventory.toString());
            assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
            assertThat(run.out()).contains("G0 REFUSED: KRaft controller " + leader + " ")
                    .contains("restart refused at G0: nothing was touched");
            assertThat(cluster.unitStarts(concat(CONTROLLERS, BROKERS), "kafka-server")).isEqualTo(before);
        } finally {
            cluster.sh(host, "systemctl start kafka-server");
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private static String value(String properties, String key) {
        return properties.lines().filter(l -> l.startsWith(key + "=")).map(l -> l.substring(key.length() + 1).strip()).findFirst()
                .orElseThrow(() -> new AssertionError("no " + key + " in " + properties));
    }
}
