package io.kafkaops.orchestrator.upgrade;

import io.kafkaops.orchestrator.BadInput;
import io.kafkaops.orchestrator.Workspace;
import io.kafkaops.orchestrator.cluster.GroupMapping;
import io.kafkaops.orchestrator.cluster.RenderModes;
import io.kafkaops.orchestrator.gate.GateSettings;
import io.kafkaops.orchestrator.lease.Invocation;
import io.kafkaops.orchestrator.plan.HostPlan;
import io.kafkaops.orchestrator.plan.PlannedFile;
import io.kafkaops.orchestrator.ssh.HostKeyPolicy;
import io.kafkaops.orchestrator.version.ClusterMode;
import io.kafkaops.orchestrator.version.KafkaVersion;
import io.kafkaops.orchestrator.version.MatrixRow;
import io.kafkaops.orchestrator.version.VersionMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import static io.kafkaops.orchestrator.version.ClusterMode.KRAFT;
import static io.kafkaops.orchestrator.version.ClusterMode.MIGRATION;
import static io.kafkaops.orchestrator.version.ClusterMode.ZOOKEEPER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The migration as the matrix row plans it, what each of its steps renders, and what it refuses before any connection. */
class MigrationPlanTest {
    static final VersionMatrix MATRIX = VersionMatrix.load(Path.of("upgrade/matrix.yml"));
    static final Path INVENTORY = Path.of("orchestrator/src/test/resources/template-inventories/zk-migration/hosts.yml");

    @Test
    void theRowsPhasesMoveBrokersAndControllersThroughTheModesAndOnlyTheControllersLeavingMigrationIsThePointOfNoReturn() {
        MatrixRow row = MATRIX.migration(KafkaVersion.parse("3.9.2").orElseThrow()).orElseThrow();
        List<Migration.Step> steps = Migration.steps(row);
        assertThat(steps).extracting(Migration.Step::after).containsExactly(new RenderModes(ZOOKEEPER, MIGRATION),
                new RenderModes(MIGRATION, MIGRATION), new RenderModes(MIGRATION, MIGRATION), new RenderModes(KRAFT, MIGRATION),
                new RenderModes(KRAFT, KRAFT), new RenderModes(KRAFT, KRAFT));
        assertThat(steps).filteredOn(s -> s.rule().pointOfNoReturn().isPresent()).extracting(Migration.Step::number).containsExactly(5);
        // the migration is a 3.9 step only: older releases upgrade first, 4.x has no ZooKeeper to migrate from
        for (String v : List.of("2.1.1", "2.6.3", "3.6.2", "4.1.1")) {
            assertThat(MATRIX.migration(KafkaVersion.parse(v).orElseThrow())).as(v).isEmpty();
        }
    }

    @Test
    void eachStepRendersWhatKip866AsksOfItsNodes() {
        Workspace ws = Workspace.load(INVENTORY, GroupMapping.none(), Optional.empty());
        String voters = "3001@10.0.5.31:9094,3002@10.0.5.32:9094,3003@10.0.5.33:9094";

        // controllers in migration mode: the quorum, ZooKeeper, and the brokers' listener to reach them on
        Properties ctl = file(ws, new RenderModes(ZOOKEEPER, MIGRATION), "kc-a", "controller.properties");
        assertThat(ctl).containsEntry("process.roles", "controller").containsEntry("node.id", "3001")
                .containsEntry("controller.quorum.voters", voters).containsEntry("zookeeper.metadata.migration.enable", "true")
                .containsEntry("zookeeper.connect", "10.0.5.11:2181,10.0.5.12:2181,10.0.5.13:2181")
                .containsEntry("inter.broker.listener.name", "PLAINTEXT")
                .containsEntry("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        // while the controllers migrate, the brokers still render ZooKeeper mode: nothing of KRaft
        Properties zkBroker = file(ws, new RenderModes(ZOOKEEPER, MIGRATION), "kb-a", "server.properties");
        assertThat(zkBroker).containsEntry("broker.id", "1").doesNotContainKeys("zookeeper.metadata.migration.enable",
                "controller.quorum.voters", "process.roles");

        Properties migrating = file(ws, new RenderModes(MIGRATION, MIGRATION), "kb-a", "server.properties");
        assertThat(migrating).containsEntry("broker.id", "1").containsEntry("zookeeper.metadata.migration.enable", "true")
                .containsEntry("controller.quorum.voters", voters).containsEntry("controller.listener.names", "CONTROLLER")
                .containsEntry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT")
                .containsKey("zookeeper.connect").doesNotContainKeys("process.roles", "node.id");

        Properties kraft = file(ws, new RenderModes(KRAFT, MIGRATION), "kb-a", "server.properties");
        assertThat(kraft).containsEntry("process.roles", "broker").containsEntry("node.id", "1").containsEntry("controller.quorum.voters", voters)
                .doesNotContainKeys("broker.id", "zookeeper.connect", "zookeeper.metadata.migration.enable");
        // the controllers still copy to ZooKeeper beside KRaft brokers
        assertThat(file(ws, new RenderModes(KRAFT, MIGRATION), "kc-a", "controller.properties"))
                .containsEntry("zookeeper.metadata.migration.enable", "true");

        Properties done = file(ws, new RenderModes(KRAFT, KRAFT), "kc-a", "controller.properties");
        assertThat(done).doesNotContainKeys("zookeeper.connect", "zookeeper.metadata.migration.enable", "inter.broker.listener.name")
                .containsEntry("listener.security.protocol.map", "CONTROLLER:PLAINTEXT");
    }

    @Test
    void whatTheMigrationRefusesBeforeAnyConnection(@TempDir Path dir) throws Exception {
        String ensemble = "    zookeeper:\n      hosts:\n        zk1:\n        zk2:\n        zk3:\n";
        String brokers = "    kafka_broker:\n      hosts:\n        kafka1:\n        kafka2:\n        kafka3:\n";
        assertRefused(dir, "noctl", ensemble + brokers, "3.9.2", "has no KRaft controller group");
        assertRefused(dir, "two", ensemble + brokers + "    kafka_controller:\n      hosts:\n        c1:\n        c2:\n", "3.9.2",
                "2 controller hosts; a quorum that survives the loss of one needs an odd number, at least 3");
        assertRefused(dir, "combined", ensemble + brokers + "    kafka_controller:\n      hosts:\n        kafka1:\n        c2:\n        c3:\n",
                "3.9.2", "kafka1 is both a broker and a controller");
        assertRefused(dir, "old", ensemble + brokers + "    kafka_controller:\n      hosts:\n        c1:\n        c2:\n        c3:\n", "2.6.3",
                "no row of upgrade/matrix.yml migrates a cluster on Kafka 2.6.3 to KRaft");
        assertRefused(dir, "kraft", brokers + "    kafka_controller:\n      hosts:\n        c1:\n        c2:\n        c3:\n", "3.9.2",
                "already describes a KRaft cluster");
    }

    private static void assertRefused(Path dir, String name, String children, String to, String words) throws Exception {
        Path inv = dir.resolve(name + ".yml");
        Files.writeString(inv, "all:\n  vars:\n    kafka_version: \"3.9.2\"\n    hardware_profile: lab\n  children:\n" + children);
        Workspace ws = Workspace.load(inv, GroupMapping.none(), Optional.empty());
        var request = new Migration.Request(inv, to, true, false, Optional.empty(), GateSettings.defaults(), HostKeyPolicy.STRICT, "upgrade",
                new Invocation("upgrade", "unlock"), Duration.ofSeconds(900));
        assertThatThrownBy(() -> new Migration(ws).validate(request)).as(name).isInstanceOf(BadInput.class).hasMessageContaining(words);
    }

    private static Properties file(Workspace ws, RenderModes modes, String host, String name) {
        var cluster = ws.cluster();
        HostPlan h = ws.plan(cluster, ws.nodeSettings(cluster, modes)).hosts().stream().filter(p -> p.host().equals(host)).findFirst()
                .orElseThrow();
        PlannedFile f = h.files().stream().filter(p -> p.path().endsWith("/config/" + name)).findFirst().orElseThrow();
        Properties p = new Properties();
        try {
            p.load(new StringReader(f.content()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return p;
    }
}
