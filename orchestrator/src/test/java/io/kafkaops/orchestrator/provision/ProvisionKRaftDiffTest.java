package io.kafkaops.orchestrator.provision;

import io.kafkaops.orchestrator.Workspace;
import io.kafkaops.orchestrator.cluster.GroupMapping;
import io.kafkaops.orchestrator.host.HostFacts;
import io.kafkaops.orchestrator.plan.HostPlan;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static io.kafkaops.orchestrator.provision.ProvisionDiffTest.fact;
import static org.assertj.core.api.Assertions.assertThat;

/** A KRaft host's storage: formatted once, after its config and before its first start; never again; refused when foreign. */
class ProvisionKRaftDiffTest {
    static final String ID = "VXAYWBDYRPuKgkXnbbr3tQ";
    static final HostPlan CONTROLLER = Workspace.load(Path.of("inventory/lab-kraft.yml"), GroupMapping.none(), Optional.empty()).plan()
            .hosts().stream().filter(h -> h.host().equals("kctl2")).findFirst().orElseThrow();

    static String fresh() {
        return fact("java", "version", "openjdk version \"17\"") + fact("link", "/usr/local/kafka", "absent")
                + fact("user", "kafka", "absent") + fact("enabled", "kafka-server", "disabled") + fact("active", "kafka-server", "inactive")
                + fact("dir", "/data/kafka-logs", "absent");
    }

    static String meta(String properties) {
        return fact("dir", "/data/kafka-logs", "kafka 750") + fact("entries", "/data/kafka-logs", "1")
                + fact("metafile", "/data/kafka-logs", Base64.getEncoder().encodeToString(properties.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aFreshControllerIsFormattedAfterItsConfigAndBeforeItsStartAsTheKafkaUser() {
        HostChanges c = ProvisionDiff.of(CONTROLLER, HostFacts.parse("kctl2", fresh()), ProvisionDiffTest.ZK, ProvisionDiffTest.KAFKA,
                Optional.of(ID));
        assertThat(c.refusals()).isEmpty();
        List<String> steps = c.changes().stream().map(Change::describe).toList();
        int config = indexOf(steps, "write /usr/local/kafka/config/controller.properties (kafka 0600)");
        int format = indexOf(steps, "format /data/kafka-logs for KRaft (kafka-storage.sh format, cluster id " + ID + ")");
        int start = indexOf(steps, "start kafka-server");
        assertThat(config).isLessThan(format);
        assertThat(format).isLessThan(start);
        Change.FormatStorage f = (Change.FormatStorage) c.changes().get(format);
        assertThat(f.command()).containsExactly("/usr/local/kafka/bin/kafka-storage.sh", "format", "-t", ID, "-c",
                "/usr/local/kafka/config/controller.properties");
        assertThat(f.user()).isEqualTo("kafka");
        assertThat(c.changes()).allMatch(ch -> ch.roles().contains(io.kafkaops.orchestrator.cluster.Role.CONTROLLER)
                || ch instanceof Change.DaemonReload);
    }

    @Test
    void aDirFormattedForThisNodeIsNotFormattedAgain() {
        String facts = fresh().replace(fact("dir", "/data/kafka-logs", "absent"), "")
                + meta("version=1\ncluster.id=" + ID + "\nnode.id=9992\ndirectory.id=abc\n");
        HostFacts read = HostFacts.parse("kctl2", facts);
        assertThat(read.metaProperties().get("/data/kafka-logs")).containsEntry("cluster.id", ID).containsEntry("node.id", "9992");
        HostChanges c = ProvisionDiff.of(CONTROLLER, read, ProvisionDiffTest.ZK, ProvisionDiffTest.KAFKA, Optional.of(ID));
        assertThat(c.refusals()).isEmpty();
        assertThat(c.changes()).noneMatch(ch -> ch instanceof Change.FormatStorage);
    }

    @Test
    void anotherNodesOrAnotherClustersDirOrOneWithDataButNoMetaIsRefused() {
        String base = fresh().replace(fact("dir", "/data/kafka-logs", "absent"), "");
        HostChanges otherNode = ProvisionDiff.of(CONTROLLER, HostFacts.parse("kctl2", base
                + meta("version=1\ncluster.id=" + ID + "\nnode.id=9991\n")), ProvisionDiffTest.ZK, ProvisionDiffTest.KAFKA, Optional.of(ID));
        assertThat(otherNode.changes()).isEmpty();
        assertThat(otherNode.refusals()).singleElement().asString().contains("formatted for another cluster or node id")
                .contains("Replace a KRaft disk");
        String noMeta = base + fact("dir", "/data/kafka-logs", "kafka 750") + fact("entries", "/data/kafka-logs", "1");
        HostChanges data = ProvisionDiff.of(CONTROLLER, HostFacts.parse("kctl2", noMeta), ProvisionDiffTest.ZK, ProvisionDiffTest.KAFKA,
                Optional.of(ID));
        assertThat(data.refusals()).singleElement().asString().contains("not empty and without meta.properties");
        assertThat(data.changes()).isEmpty();
    }

    private static int indexOf(List<String> steps, String step) {
        int i = steps.indexOf(step);
        assertThat(i).as(step + " in " + steps).isNotNegative();
        return i;
    }
}
