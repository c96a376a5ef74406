package io.kafkaops.orchestrator.upgrade;

import io.kafkaops.orchestrator.cli.CliRun;
import io.kafkaops.orchestrator.cli.Main;
import io.kafkaops.orchestrator.install.InstallLayout;
import io.kafkaops.orchestrator.kafka.LoadGenerator;
import io.kafkaops.orchestrator.lab.LabInventoryReader;
import io.kafkaops.orchestrator.lab.LabSpec;
import io.kafkaops.orchestrator.lab.RunningLab;
import io.kafkaops.orchestrator.lab.Subnet;
import io.kafkaops.orchestrator.dist.Distributions;
import io.kafkaops.orchestrator.testkit.Await;
import io.kafkaops.orchestrator.testkit.LabCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `orchestrator upgrade` against real hosts under load, Kafka's system-test way: 2.1.1 -> 2.6.3
 * through the binary roll and both pin rolls while an idempotent acks=all producer runs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpgradeIT {
    static final Path INVENTORY = Path.of("orchestrator/src/test/resources/upgrade-lab/hosts.yml");
    static final List<String> BROKERS = List.of("ukafka1", "ukafka2", "ukafka3");
    static RunningLab lab;
    static LabCluster cluster;
    static Path artifacts;

    @BeforeAll
    static void up() throws Exception {
        Assumptions.assumeTrue(LabCluster.runningAsRoot(), "the lab needs root");
        artifacts = Distributions.kafka("2.1.1").getParent();
        assertThat(Distributions.kafka("2.6.3").getParent()).isEqualTo(artifacts);
        assertThat(Distributions.zookeeper("3.8.4").getParent()).isEqualTo(artifacts);
        lab = RunningLab.up(LabSpec.of("ulab", Subnet.parse("10.213.79.0/24"), LabInventoryReader.hosts(INVENTORY)));
        cluster = LabCluster.of(lab, INVENTORY);
        CliRun run = orchestrator("provision", INVENTORY.toString(), "--artifacts", artifacts.toString(), "--health-timeout", "150");
        assertThat(run.exit()).as(run.out()).isZero();
    }

    @AfterAll
    static void down() {
        if (lab != null) lab.close();
    }

    static CliRun orchestrator(String... args) { return CliRun.of(args); }

    /** With the client's own default timeouts, as this test has always used. */
    static Admin admin() {
        return cluster.admin(Map.of());
    }

    @Test
    @Order(1)
    void anRf1TopicIsRefusedAtG0AndNothingIsRolled() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic("lonely", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            Map<String, String> pidsBefore = cluster.mainPids(BROKERS, InstallLayout.KAFKA_UNIT);
            CliRun run = orchestrator("upgrade", INVENTORY.toString(), "--to", "2.6.3", "--artifacts", artifacts.toString());
            assertThat(run.exit()).isNotZero();
            assertThat(run.out()).contains("G0 REFUSED").contains("topic lonely has replication factor 1");
            assertThat(cluster.mainPids(BROKERS, InstallLayout.KAFKA_UNIT)).isEqualTo(pidsBefore);
            for (String h : BROKERS) assertThat(cluster.kafkaHomeLink(h)).isEqualTo("/usr/local/kafka_2.12-2.1.1");
            admin.deleteTopics(List.of("lonely")).all().get(30, TimeUnit.SECONDS);
            // topic deletion on 2.1 completes asynchronously; G0 must not see it next
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && admin.listTopics().names().get().contains("lonely")) Thread.sleep(500);
        }
    }

    @Test
    @Order(2)
    void aBrokerThatCannotStartOnTheNewVersionIsPutBackAndTheRollHalts() throws Exception {
        Path broken = java.nio.file.Files.createTempDirectory("inv").resolve("hosts.yml");
        java.nio.file.Files.writeString(broken, java.nio.file.Files.readString(INVENTORY)
                .replace("    kafka_version: \"2.1.1\"\n", "    kafka_version: \"2.1.1\"\n    kafka_log_segment_bytes: not-a-number\n"));
        CliRun run = orchestrator("upgrade", broken.toString(), "--to", "2.6.3", "--artifacts", artifacts.toString(), "--wait-limit", "120");
        assertThat(run.exit()).as(run.out()).isNotZero();
        assertThat(run.out()).contains("it was put back on its previous version and config").contains("HALTED")
                .contains("resume with:");
        for (String h : BROKERS) assertThat(cluster.kafkaHomeLink(h)).isEqualTo("/usr/local/kafka_2.12-2.1.1");
        // exactly one broker was touched; the other two kept running
        assertThat(run.out().lines().filter(l -> l.contains("stopped (controlled shutdown")).count()).isEqualTo(1);
        awaitHealthy();
    }

    /** Until every broker is registered and nothing is under-replicated (after a halted roll put a broker back). */
    static void awaitHealthy() throws Exception {
        try (Admin admin = admin()) {
            // an exception is a broker still starting: Await asks again
            Await.until("every broker registered and nothing under-replicated", Duration.ofSeconds(120), () -> {
                boolean all = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() == 3;
                var topics = admin.describeTopics(admin.listTopics(new org.apache.kafka.clients.admin.ListTopicsOptions().listInternal(true))
                        .names().get(5, TimeUnit.SECONDS)).allTopicNames().get(10, TimeUnit.SECONDS);
                boolean inSync = topics.values().stream().flatMap(t -> t.partitions().stream()).allMatch(p -> p.isr().size() == p.replicas().size());
                return all && inSync;
            });
        }
    }

    @Test
    @Order(3)
    void upgradeUnderLoadLosesNoAcknowledgedRecordAndKeepsGroupOffsets() throws Exception {
        String clusterIdBefore;
        Map<TopicPartition, OffsetAndMetadata> groupBefore;
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic("orders", 3, (short) 3).configs(Map.of("min.insync.replicas", "2"))))
                    .all().get(30, TimeUnit.SECONDS);
            clusterIdBefore = admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS);
        }
        LoadGenerator traffic = new LoadGenerator(cluster.kafka(), "orders", "upgrade-it", 300).start();
        try {
            while (traffic.ackedSoFar() < 1500) Thread.sleep(200);
            groupBefore = commitSomeOffsets("before-upgrade");

            CliRun dry = orchestrator("upgrade", INVENTORY.toString(), "--to", "2.6.3", "--dry-run", "--artifacts", artifacts.toString());
            assertThat(dry.exit()).as(dry.out()).isZero();
            assertThat(dry.out()).contains("POINT OF NO RETURN").contains("+inter.broker.protocol.version=2.1").contains("dry run: nothing changed");

            long start = System.nanoTime();
            CliRun run = orchestrator("upgrade", INVENTORY.toString(), "--to", "2.6.3", "--yes-finalize", "--artifacts", artifacts.toString());
            System.out.printf("[bench] upgrade 2.1.1 -> 2.6.3, stage + 3 rolls under %d msg/s: %.1f s%n", 300, (System.nanoTime() - start) / 1e9);
            assertThat(run.exit()).as(run.out()).isZero();
            assertThat(run.out()).contains("[verify] the witness record written before the roll reads back unchanged")
                    .contains("[verify] new records go through: produced and consumed offset")
                    .contains("[verify] consumer groups kept their place");
            assertThat(run.out()).contains("upgrade to 2.6.3 done").contains("[bench] roll wall time")
                    // the 2.1 controller has no ElectLeaders API: leadership goes back through the znode it watches
                    .contains("through ZooKeeper's /admin/preferred_replica_election");
            Thread.sleep(3000);
        } finally {
            LoadGenerator.Report report = traffic.finish(Duration.ofSeconds(90));
            System.out.println("[traffic] " + report.describe() + (traffic.lastError().isEmpty() ? "" : "; last error " + traffic.lastError()));
            assertThat(report.acked()).isGreaterThan(1500);
            assertThat(report.lost()).as(report.describe()).isZero();
            assertThat(report.duplicated()).as(report.describe()).isZero();
            assertThat(report.mismatched()).as(report.describe()).isZero();
        }
        for (String h : BROKERS) {
            assertThat(cluster.kafkaHomeLink(h)).isEqualTo("/usr/local/kafka_2.12-2.6.3");
            assertThat(cluster.sh(h, "grep -c -E '^(inter.broker.protocol.version|log.message.format.version)=' /usr/local/kafka/config/server.properties || true"))
                    .isEqualTo("0");
        }
        try (Admin admin = admin()) {
            assertThat(admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS)).isEqualTo(clusterIdBefore);
            assertThat(admin.listConsumerGroupOffsets("before-upgrade").partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS))
                    .isEqualTo(groupBefore);
        }
        // a second run finds nothing to do and restarts nothing
        Map<String, String> pids = cluster.mainPids(BROKERS, InstallLayout.KAFKA_UNIT);
        CliRun again = orchestrator("upgrade", INVENTORY.toString(), "--to", "2.6.3", "--yes-finalize", "--artifacts", artifacts.toString());
        assertThat(again.exit()).as(again.out()).isZero();
        assertThat(again.out()).contains("nothing to do");
        assertThat(cluster.mainPids(BROKERS, InstallLayout.KAFKA_UNIT)).isEqualTo(pids);
    }

    @Test
    @Order(4)
    void aBrokerKilledMidRollHaltsTheRollBeforeTheNextBroker() throws Exception {
        awaitHealthy();
        StringWriter live = new StringWriter();
        int[] exit = {-1};
        Thread roll = new Thread(() -> exit[0] = Main.execute(new String[] {"restart", INVENTORY.toString(), "--wait-limit", "120"},
                new PrintWriter(live, true), new PrintWriter(new StringWriter(), true)));
        roll.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        java.util.regex.Matcher first = null;
        while (System.nanoTime() < deadline) {
            first = java.util.regex.Pattern.compile("\\[(ukafka\\d)\\] stopped \\(controlled shutdown").matcher(live.toString());
            if (first.find()) break;
            first = null;
            Thread.sleep(100);
        }
        assertThat(first).as(live.toString()).isNotNull();
        String rolled = first.group(1);
        int controller;
        try (Admin admin = admin()) {
            controller = admin.describeCluster().controller().get(10, TimeUnit.SECONDS).id();
        }
        String victim = BROKERS.stream().filter(h -> !h.equals(rolled) && !h.equals("ukafka" + controller)).findFirst().orElseThrow();
        cluster.sh(victim, "kill -9 $(systemctl show -p MainPID --value kafka-server)");
        roll.join(TimeUnit.SECONDS.toMillis(200));
        System.out.println(live);
        assertThat(exit[0]).as(live.toString()).isEqualTo(1);
        assertThat(live.toString()).contains("HALTED").contains("resume with:");
        // halted for the reason this test is about: the other broker's process went away while one was rolled (not a
        // timeout, not an SSH error)
        assertThat(live.toString()).contains("broker " + victim.substring("ukafka".length()) + " (" + victim + ")'s kafka-server process")
                .contains("went away").contains("two brokers went down at once");
        // the killed broker was not stopped by the roll, nor was any other: one controlled stop in all
        assertThat(live.toString().lines().filter(l -> l.contains("stopped (controlled shutdown")).count()).isEqualTo(1);
        awaitHealthy();
    }

    @Test
    @Order(5)
    void anOrchestratorKilledMidRollResumesWithoutReRollingFinishedBrokers() throws Exception {
        awaitHealthy();
        Path kafka392 = Distributions.kafka("3.9.2");
        assertThat(kafka392.getParent()).isEqualTo(artifacts);
        // a separate JVM, so the kill is a real SIGKILL of the orchestrator process
        Path log = java.nio.file.Files.createTempFile("upgrade-killed", ".log");
        Process process = new ProcessBuilder("java", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "upgrade", INVENTORY.toString(), "--to", "3.9.2", "--artifacts", artifacts.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        java.util.regex.Pattern done = java.util.regex.Pattern.compile("binary roll\\] \\[(ukafka\\d)\\] G2 passed");
        java.util.regex.Matcher first = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (System.nanoTime() < deadline && process.isAlive()) {
            java.util.regex.Matcher m = done.matcher(java.nio.file.Files.readString(log));
            if (m.find()) { first = m; break; }
            Thread.sleep(50);
        }
        assertThat(first).as(java.nio.file.Files.readString(log)).isNotNull();
        String finished = first.group(1);
        // while it runs, the cluster is its alone: a second operation is refused, saying who holds the lease
        CliRun second = orchestrator("restart", INVENTORY.toString());
        assertThat(second.exit()).as(second.out() + second.err()).isEqualTo(3);
        assertThat(second.err()).contains("another operation holds this cluster: run ", "`orchestrator upgrade " + INVENTORY + " --to 3.9.2")
                .contains("orchestrator unlock " + INVENTORY + " --run ");
        // the kill lands where the README says a resume picks up: the next broker's controlled stop has begun, its start not
        java.util.regex.Pattern stopping = java.util.regex.Pattern.compile("binary roll\\] \\[(ukafka\\d)\\] G1 passed");
        String next = null;
        while (System.nanoTime() < deadline && process.isAlive() && next == null) {
            java.util.regex.Matcher m = stopping.matcher(java.nio.file.Files.readString(log));
            while (m.find()) if (!m.group(1).equals(finished)) next = m.group(1);
            Thread.sleep(20);
        }
        assertThat(next).as(java.nio.file.Files.readString(log)).isNotNull();
        // killed once its host says the stop was asked for (the unit leaves "active"), before the roll's start can come
        String stopping2 = next;
        io.kafkaops.orchestrator.testkit.Await.until(next + " stopping", java.time.Duration.ofSeconds(60),
                () -> !cluster.sh(stopping2, "systemctl is-active kafka-server || true").strip().equals("active"));
        process.destroyForcibly().waitFor();
        String killedRun = java.nio.file.Files.readString(log);
        System.out.println(killedRun);
        assertThat(killedRun).doesNotContain("[" + next + "] stopped (controlled shutdown");
        assertThat(cluster.kafkaHomeLink(finished)).isEqualTo("/usr/local/kafka_2.13-3.9.2");
        // the stop that the roll began finishes without it: the broker is left down, on its old version
        String stopped = next;
        io.kafkaops.orchestrator.testkit.Await.until(next + " stopped", java.time.Duration.ofSeconds(120),
                () -> !cluster.sh(stopped, "systemctl is-active kafka-server || true").strip().equals("active"));
        String pidOfFinished = cluster.sh(finished, "systemctl show -p MainPID --value kafka-server");

        CliRun resume = orchestrator("upgrade", INVENTORY.toString(), "--to", "3.9.2", "--artifacts", artifacts.toString());
        assertThat(resume.exit()).as(resume.out()).isZero();
        // the lease the killed run left is taken over (its process is gone), and the broker it left stopped is finished first
        assertThat(resume.out()).contains("[" + next + "] is stopped (its unit is not active), as a roll interrupted between its stop and "
                + "its start leaves it: applying the change and starting it, then G2");
        assertThat(resume.out()).doesNotContain("[" + next + "] stopped (controlled shutdown");
        // the broker finished before the kill is neither stopped nor restarted again
        assertThat(resume.out()).doesNotContain("[" + finished + "] stopped (controlled shutdown");
        assertThat(cluster.sh(finished, "systemctl show -p MainPID --value kafka-server")).isEqualTo(pidOfFinished);
        for (String h : BROKERS) {
            assertThat(cluster.kafkaHomeLink(h)).isEqualTo("/usr/local/kafka_2.13-3.9.2");
            assertThat(cluster.sh(h, "grep -E '^inter.broker.protocol.version=' /usr/local/kafka/config/server.properties"))
                    .isEqualTo("inter.broker.protocol.version=2.6");
        }
    }

    @Test
    @Order(6)
    void beforeThePointOfNoReturnTheSameCommandRollsBackWithThePinsKept() throws Exception {
        awaitHealthy();
        CliRun back = orchestrator("upgrade", INVENTORY.toString(), "--to", "2.6.3", "--artifacts", artifacts.toString());
        assertThat(back.exit()).as(back.out()).isZero();
        assertThat(back.out()).contains("rollback roll");
        for (String h : BROKERS) {
            assertThat(back.out()).contains("[" + h + "] G2 passed: back (the broker says Kafka 2.6.3)");
            assertThat(cluster.kafkaHomeLink(h)).isEqualTo("/usr/local/kafka_2.12-2.6.3");
            assertThat(cluster.sh(h, "grep -E '^(inter.broker.protocol.version|log.message.format.version)=' /usr/local/kafka/config/server.properties"))
                    .isEqualTo("inter.broker.protocol.version=2.6\nlog.message.format.version=2.6");
        }
    }

    // the finalize to 3.x (pins and the topic-level message.format.version removed, KIP-724) is proven by MigrationIT's hop 1,
    // 2.1.1 -> 3.9.2 under load, on its way to KRaft: one lab's time less in CI

    static Map<TopicPartition, OffsetAndMetadata> commitSomeOffsets(String group) throws Exception {
        try (KafkaConsumer<String, String> consumer = cluster.consumer(Map.of(ConsumerConfig.GROUP_ID_CONFIG, group));
             Admin admin = admin()) {
            List<TopicPartition> tps = new ArrayList<>();
            for (int p = 0; p < 3; p++) tps.add(new TopicPartition("orders", p));
            Map<TopicPartition, OffsetAndMetadata> commit = new java.util.HashMap<>();
            var ends = admin.listOffsets(Map.of(tps.get(0), OffsetSpec.latest(), tps.get(1), OffsetSpec.latest(), tps.get(2), OffsetSpec.latest()))
                    .all().get(10, TimeUnit.SECONDS);
            for (TopicPartition tp : tps) commit.put(tp, new OffsetAndMetadata(ends.get(tp).offset() / 2, "before"));
            consumer.commitSync(commit);
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        }
    }

}
