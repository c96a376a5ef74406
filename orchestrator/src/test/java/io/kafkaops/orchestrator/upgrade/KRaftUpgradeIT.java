package io.kafkaops.orchestrator.upgrade;

import io.kafkaops.orchestrator.cli.Main;
import io.kafkaops.orchestrator.cli.CliRun;
import io.kafkaops.orchestrator.dist.Distributions;
import io.kafkaops.orchestrator.kafka.KRaftReads;
import io.kafkaops.orchestrator.kafka.LoadGenerator;
import io.kafkaops.orchestrator.lab.LabInventoryReader;
import io.kafkaops.orchestrator.lab.LabSpec;
import io.kafkaops.orchestrator.lab.RunningLab;
import io.kafkaops.orchestrator.lab.Subnet;
import io.kafkaops.orchestrator.testkit.Await;
import io.kafkaops.orchestrator.testkit.LabCluster;
import io.kafkaops.orchestrator.testkit.OwnLab;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A KRaft cluster (3 dedicated controllers + 3 brokers, inventory/lab-kraft.yml on its own lab "kulab") provisioned on
 * 3.9.2 and upgraded to 4.1.1 under an acks=all idempotent producer: controllers first, then brokers, stopping before the
 * feature bump without --yes-finalize; the orchestrator SIGKILLed while it has a controller down, and the same command
 * resuming without restarting the controller it finished; then the bump, each feature explicitly, kraft.version
 * untouched; every acked record read back, none twice.
 */
class KRaftUpgradeIT {
    static final List<String> CONTROLLERS = List.of("ukctl1", "ukctl2", "ukctl3");
    static final List<String> BROKERS = List.of("ukafka1", "ukafka2", "ukafka3");
    static Path inventory;
    static RunningLab lab;
    static LabCluster cluster;
    static Path artifacts;

    @BeforeAll
    static void up() throws Exception {
        Assumptions.assumeTrue(LabCluster.runningAsRoot(), "the lab needs root");
        artifacts = Distributions.kafka("3.9.2").getParent();
        assertThat(Distributions.kafka("4.1.1").getParent()).isEqualTo(artifacts);
        inventory = Files.createTempDirectory("kraft-upgrade-it").resolve("lab-kraft.yml");
        String text = OwnLab.of(Files.readString(Path.of("inventory/lab-kraft.yml")), 85, "kulab", "u")
                .replace("kafka_version: \"4.1.1\"", "kafka_version: \"3.9.2\"");
        assertThat(text).contains("kafka_version: \"3.9.2\"");
        Files.writeString(inventory, text);
        lab = RunningLab.up(LabSpec.of("kulab", Subnet.parse("10.213.85.0/24"), LabInventoryReader.hosts(inventory)));
        cluster = LabCluster.of(lab, inventory);
    }

    @AfterAll
    static void down() {
        if (lab != null) lab.close();
    }

    @Test
    void upgrades39To41ControllersThenBrokersThenTheFeatureLevelsLosingNoAckedRecord() throws Exception {
        CliRun provision = CliRun.of("provision", inventory.toString(), "--artifacts", artifacts.toString());
        assertThat(provision.exit()).as(provision.out() + provision.err()).isZero();
        assertThat(features()).containsEntry("metadata.version", (short) 21);

        LoadGenerator traffic = new LoadGenerator(cluster.kafka(), "kraft-upgrade-load", "kraft-upgrade-it", 300).start();
        try {
            while (traffic.ackedSoFar() < 500) Thread.sleep(200);
            // the orchestrator SIGKILLed (a separate JVM) while a controller it stopped is down, after another one is done
            Path log = Files.createTempFile("kraft-upgrade-killed", ".log");
            Process killed = new ProcessBuilder("java", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    "upgrade", inventory.toString(), "--to", "4.1.1", "--artifacts", artifacts.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            String finished = awaitLine(killed, log, Pattern.compile("binary roll\\] \\[(ukctl\\d)\\] G2 passed"), null);
            String stopping = awaitLine(killed, log, Pattern.compile("binary roll\\] \\[(ukctl\\d)\\] G1 passed"), finished);
            Await.until(stopping + " stopping", Duration.ofSeconds(60),
                    () -> !cluster.sh(stopping, "systemctl is-active kafka-server || true").strip().equals("active"));
            killed.destroyForcibly().waitFor();
            System.out.println(Files.readString(log));
            String pidOfFinished = cluster.sh(finished, "systemctl show -p MainPID --value kafka-server");

            // the same command again, without --yes-finalize: it resumes, and stops before the levels rise
            long start = System.nanoTime();
            CliRun binaries = CliRun.of("upgrade", inventory.toString(), "--to", "4.1.1", "--artifacts", artifacts.toString());
            System.out.printf("[bench] KRaft 3.9.2 -> 4.1.1 binaries resumed after the kill (2 controllers, 3 brokers) at 300 msg/s: "
                    + "%.1f s%n", (System.nanoTime() - start) / 1e9);
            assertThat(binaries.exit()).as(binaries.out() + binaries.err()).isZero();
            String out = binaries.out();
            assertThat(out).contains("[" + finished + "] already done").doesNotContain("[" + finished + "] stopped");
            assertThat(cluster.sh(finished, "systemctl show -p MainPID --value kafka-server")).isEqualTo(pidOfFinished);
            assertThat(out).contains("stopping before phase 4").contains("POINT OF NO RETURN").contains("metadata.version 21 -> 27");
            List<String> resumed = CONTROLLERS.stream().filter(c -> !c.equals(finished)).toList();
            int lastController = resumed.stream().mapToInt(c -> out.indexOf("[" + c + "] G2 passed")).max().orElseThrow();
            for (String c : resumed) assertThat(out.indexOf("[" + c + "] G2 passed")).as(out).isPositive();
            for (String b : BROKERS) assertThat(out.indexOf("[" + b + "] stopped")).as(out).isGreaterThan(lastController);
            for (String h : Stream.concat(CONTROLLERS.stream(), BROKERS.stream()).toList()) {
                assertThat(cluster.kafkaHomeLink(h)).as(h).isEqualTo("/usr/local/kafka_2.13-4.1.1");
            }
            assertThat(features()).containsEntry("metadata.version", (short) 21);

            CliRun bump = CliRun.of("upgrade", inventory.toString(), "--to", "4.1.1", "--yes-finalize", "--artifacts",
                    artifacts.toString());
            assertThat(bump.exit()).as(bump.out() + bump.err()).isZero();
            assertThat(bump.out()).contains("validate-only accepted by the controllers").contains("upgrade to 4.1.1 done")
                    .doesNotContain("kraft.version");
            Thread.sleep(3000);
        } finally {
            LoadGenerator.Report report = traffic.finish(Duration.ofSeconds(90));
            System.out.println("[traffic] " + report.describe());
            assertThat(report.acked()).isGreaterThan(500);
            assertThat(report.lost()).as(report.describe()).isZero();
            assertThat(report.duplicated()).as(report.describe()).isZero();
        }
        Map<String, Short> after = features();
        assertThat(after).containsEntry("metadata.version", (short) 27).containsEntry("group.version", (short) 1)
                .containsEntry("transaction.version", (short) 2).containsEntry("eligible.leader.replicas.version", (short) 1);
        // the static quorum stays static
        assertThat(after.getOrDefault("kraft.version", (short) 0)).isZero();

        CliRun again = CliRun.of("upgrade", inventory.toString(), "--to", "4.1.1", "--yes-finalize");
        assertThat(again.exit()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("the release's feature levels are finalized");
    }

    /** Waits for a line of the killed run's log naming a host other than {@code not}; that host. */
    private static String awaitLine(Process process, Path log, Pattern line, String not) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            Matcher m = line.matcher(Files.readString(log));
            while (m.find()) if (!m.group(1).equals(not)) return m.group(1);
            Thread.sleep(20);
        }
        throw new AssertionError("no line like " + line + " in\n" + Files.readString(log));
    }

    private static Map<String, Short> features() throws Exception {
        try (Admin admin = cluster.controllerAdmin()) {
            return KRaftReads.features(admin, 10_000).finalized();
        }
    }
}
