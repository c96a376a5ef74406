package io.kafkaops.orchestrator.upgrade;

import io.kafkaops.orchestrator.cli.CliRun;
import io.kafkaops.orchestrator.dist.Distributions;
import io.kafkaops.orchestrator.kafka.KRaftReads;
import io.kafkaops.orchestrator.kafka.LoadGenerator;
import io.kafkaops.orchestrator.lab.LabInventoryReader;
import io.kafkaops.orchestrator.lab.LabSpec;
import io.kafkaops.orchestrator.lab.RunningLab;
import io.kafkaops.orchestrator.lab.Subnet;
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
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A KRaft cluster (3 dedicated controllers + 3 brokers, inventory/lab-kraft.yml on its own lab "kulab") provisioned on
 * 3.9.2 and upgraded to 4.1.1 under an acks=all idempotent producer: controllers first, then brokers, stopping before the
 * feature bump without --yes-finalize; then the bump, each feature explicitly, kraft.version untouched; every acked
 * record read back, none twice.
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
            // without --yes-finalize: every node on 4.1.1, the levels still 3.9's
            long start = System.nanoTime();
            CliRun binaries = CliRun.of("upgrade", inventory.toString(), "--to", "4.1.1", "--artifacts", artifacts.toString());
            System.out.printf("[bench] KRaft 3.9.2 -> 4.1.1 binaries, 3 controllers then 3 brokers, at 300 msg/s: %.1f s%n",
                    (System.nanoTime() - start) / 1e9);
            assertThat(binaries.exit()).as(binaries.out() + binaries.err()).isZero();
            String out = binaries.out();
            assertThat(out).contains("stopping before phase 4").contains("POINT OF NO RETURN").contains("metadata.version 21 -> 27");
            int lastController = CONTROLLERS.stream().mapToInt(c -> out.indexOf("[" + c + "] G2 passed")).max().orElseThrow();
            for (String c : CONTROLLERS) assertThat(out.indexOf("[" + c + "] G2 passed")).as(out).isPositive();
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

    private static Map<String, Short> features() throws Exception {
        try (Admin admin = cluster.controllerAdmin()) {
            return KRaftReads.features(admin, 10_000).finalized();
        }
    }
}
