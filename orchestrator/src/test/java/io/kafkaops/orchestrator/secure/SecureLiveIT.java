package io.kafkaops.orchestrator.secure;

import io.kafkaops.orchestrator.cli.CliRun;
import io.kafkaops.orchestrator.cli.Main;
import io.kafkaops.orchestrator.dist.Distributions;
import io.kafkaops.orchestrator.install.InstallLayout;
import io.kafkaops.orchestrator.kafka.KafkaClients;
import io.kafkaops.orchestrator.kafka.LoadGenerator;
import io.kafkaops.orchestrator.lab.LabInventoryReader;
import io.kafkaops.orchestrator.lab.LabSpec;
import io.kafkaops.orchestrator.lab.RunningLab;
import io.kafkaops.orchestrator.lab.Subnet;
import io.kafkaops.orchestrator.testkit.LabCluster;
import io.kafkaops.orchestrator.testkit.OwnLab;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * `orchestrator secure` on a live PLAINTEXT cluster (its own lab, "llab"), as operators secure one: an acks=all producer
 * on the old listener, a second one on the secured listener once it exists, never fewer than 2 brokers up, every acked
 * record read back; the old listener removed only when asked; afterwards provision with the secured inventory finds
 * nothing to change.
 */
class SecureLiveIT {
    static final List<String> BROKERS = List.of("lkafka1", "lkafka2", "lkafka3");
    static Path plain;
    static Path secured;
    static RunningLab lab;
    static Path artifacts;

    /** inventory/lab.yml and lab-secure.yml on this test's own subnet, host names and lab dir: the same six hosts. */
    static String ownLab(String text) {
        return OwnLab.of(text, 82, "llab", "l");
    }

    @BeforeAll
    static void up() throws Exception {
        Assumptions.assumeTrue(LabCluster.runningAsRoot(), "the lab needs root");
        artifacts = Distributions.kafka("2.1.1").getParent();
        assertThat(Distributions.zookeeper("3.8.4").getParent()).isEqualTo(artifacts);
        Path dir = Files.createTempDirectory("secure-live-it");
        plain = dir.resolve("lab.yml");
        secured = dir.resolve("lab-secure.yml");
        Files.writeString(plain, ownLab(Files.readString(Path.of("inventory/lab.yml"))));
        Files.writeString(secured, ownLab(Files.readString(Path.of("inventory/lab-secure.yml"))));
        new ProcessBuilder("rm", "-rf", "/var/lib/orchestrator-lab/llab-secure").inheritIO().start().waitFor();
        lab = RunningLab.up(LabSpec.of("llab", Subnet.parse("10.213.82.0/24"), LabInventoryReader.hosts(plain)));
        CliRun run = CliRun.of("provision", plain.toString(), "--artifacts", artifacts.toString(), "--health-timeout", "150");
        assertThat(run.exit()).as(run.out()).isZero();
    }

    @AfterAll
    static void down() {
        if (lab != null) lab.close();
    }

    @Test
    void aLiveClusterIsSecuredUnderLoadWithoutLosingARecordOrABrokerTooMany() throws Exception {
        LabCluster before = LabCluster.of(lab, plain);
        LabCluster after = LabCluster.of(lab, secured);
        try (Admin admin = before.admin(Map.of())) {
            // one topic per producer: each counts back its own records (the generators number theirs alike)
            admin.createTopics(List.of(new NewTopic("orders-live", 3, (short) 3).configs(Map.of("min.insync.replicas", "2")),
                    new NewTopic("orders-secured", 3, (short) 3).configs(Map.of("min.insync.replicas", "2")))).all().get(30, TimeUnit.SECONDS);
        }
        CliRun dry = CliRun.of("secure", secured.toString(), "--dry-run");
        assertThat(dry.exit()).as(dry.out() + dry.err()).isZero();
        assertThat(dry.out()).contains("stage 1 add the secured listeners [to do]").contains("User:ANONYMOUS")
                .contains("only with --remove-plaintext").contains("dry run: nothing changed");

        AtomicBoolean rolling = new AtomicBoolean(true);
        AtomicInteger fewestUp = new AtomicInteger(3);
        Thread watch = new Thread(() -> {
            while (rolling.get()) {
                int up = 0;
                for (String h : BROKERS) {
                    try {
                        if (before.sh(h, "systemctl is-active " + InstallLayout.KAFKA_UNIT + " || true").equals("active")) up++;
                    } catch (IOException e) {
                        up++; // a host that did not answer this round is not counted as down
                    }
                }
                fewestUp.accumulateAndGet(up, Math::min);
            }
        });
        watch.start();
        LoadGenerator onOld = new LoadGenerator(before.kafka(), "orders-live", "secure-old", 300).start();
        LoadGenerator onNew = null;
        StringWriter live = new StringWriter();
        int[] exit = {-1};
        Thread secure = new Thread(() -> exit[0] = Main.execute(new String[] {"secure", secured.toString()},
                new PrintWriter(live, true), new PrintWriter(live, true)));
        LoadGenerator.Report oldReport;
        try {
            while (onOld.ackedSoFar() < 1000) Thread.sleep(200);
            secure.start();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            // the secured listener is on every broker once stage 2 begins: the producer moves over, as clients would
            while (!live.toString().contains("[secure stage 2") && secure.isAlive() && System.nanoTime() < deadline) Thread.sleep(200);
            assertThat(live.toString()).as(live.toString()).contains("[secure stage 2");
            onNew = new LoadGenerator(after.kafka(), "orders-secured", "secure-new", 300).start();
            oldReport = onOld.finish(Duration.ofSeconds(90));
            secure.join(TimeUnit.MINUTES.toMillis(10));
            // each stage's [bench] line, for the figures
            System.out.println(live);
            assertThat(exit[0]).as(live.toString()).isZero();
            assertThat(live.toString()).contains("stopping before stage 4 (remove PLAINTEXT)")
                    .contains("--remove-plaintext");
            CliRun remove = CliRun.of("secure", secured.toString(), "--remove-plaintext");
            assertThat(remove.exit()).as(remove.out()).isZero();
            assertThat(remove.out()).contains("secure done");
            System.out.println(remove.out());
            Thread.sleep(3000);
        } finally {
            rolling.set(false);
            watch.join();
        }
        LoadGenerator.Report newReport = onNew.finish(Duration.ofSeconds(90));
        System.out.println("[traffic] old listener: " + oldReport.describe() + "; secured listener: " + newReport.describe());
        for (LoadGenerator.Report r : List.of(oldReport, newReport)) {
            assertThat(r.acked()).isGreaterThan(300);
            assertThat(r.lost()).as(r.describe()).isZero();
            assertThat(r.duplicated()).as(r.describe()).isZero();
        }
        assertThat(fewestUp.get()).as("brokers up at the worst moment of the rolls").isGreaterThanOrEqualTo(2);
        for (String h : BROKERS) {
            assertThat(before.sh(h, "grep -c PLAINTEXT:// /usr/local/kafka/config/server.properties || true")).isEqualTo("0");
        }
        // the old listener is gone: a PLAINTEXT client gets nowhere
        try (Admin old = KafkaClients.admin(before.kafka(), KafkaClients.CHECKING)) {
            assertThatThrownBy(() -> old.describeCluster().nodes().get(15, TimeUnit.SECONDS)).isNotNull();
        }
        // what secure left is what provision of the secured inventory makes: nothing to change, and secure has nothing left
        CliRun provision = CliRun.of("provision", secured.toString(), "--artifacts", artifacts.toString());
        assertThat(provision.exit()).as(provision.out()).isZero();
        assertThat(provision.out()).contains("no changes").doesNotContain("needs a restart");
        CliRun again = CliRun.of("secure", secured.toString());
        assertThat(again.exit()).as(again.out()).isZero();
        assertThat(again.out()).contains("nothing to do");
    }
}
