package io.kafkaops.orchestrator.provision;

import io.kafkaops.orchestrator.host.HostFacts;
import io.kafkaops.orchestrator.plan.HostPlan;
import io.kafkaops.orchestrator.provision.ProvisionClusterTest.FakeCluster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Provision's file diffs, as printed: the host's file and the planned one are both masked before the diff. */
class ProvisionSecretsTest {
    static final String ON_HOST = """
            broker.id=1
            ssl.keystore.password=HostPw;9 x
            ssl.key.password=Same;Pw
            sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="HostJ";
            """;
    static final List<String> CLEAR = List.of("HostPw", ";9 x", "Same;Pw", "HostJ", "Planned;Pw", "TokenValue3");

    @BeforeAll
    static void plan() {
        ProvisionClusterTest.plan();
    }

    @Test
    void theReportOfAChangedServerPropertiesMasksBothSides() {
        String planned = "broker.id=1\nssl.keystore.password=Planned;Pw 1\nssl.key.password=Same;Pw\nmy.api.token=TokenValue3\n";
        HostPlan plan = ProvisionDiffTest.plan(1, planned);
        String facts = ProvisionDiffTest.INSTALLED + ProvisionDiffTest.file("/usr/local/kafka/config/server.properties", "kafka", "600",
                ON_HOST);
        HostChanges changes = ProvisionDiff.of(plan, HostFacts.parse("kafka1", facts), ProvisionDiffTest.ZK, ProvisionDiffTest.KAFKA);
        List<String> printed = new ArrayList<>();
        ProvisionReport.changes(List.of(plan), Map.of("kafka1", changes), printed::add);

        String out = String.join("\n", printed);
        assertThat(out).contains("    -ssl.keystore.password=********\n    +ssl.keystore.password=******** (changed)")
                .contains("    -sasl.jaas.config=********").contains("    +my.api.token=********")
                .doesNotContain("-ssl.key.password").doesNotContain("+ssl.key.password");
        for (String clear : CLEAR) assertThat(out).as(clear).doesNotContain(clear);
    }

    @Test
    void aDryRunOverFakeHostsPrintsNoClearSecretOfTheHostsFiles() {
        FakeCluster cluster = new FakeCluster(ProvisionClusterTest.FRESH);
        HostPlan kafka1 = ProvisionClusterTest.host("pkafka1");
        String props = kafka1.files().get(0).path();
        // the host's server.properties holds clear passwords the inventory no longer sets
        String facts = ProvisionClusterTest.inPlace(kafka1).lines().filter(l -> !l.startsWith("file\t" + props + "\t"))
                .collect(Collectors.joining("\n", "", "\n")) + ProvisionDiffTest.file(props, "kafka", "600", ON_HOST);
        cluster.facts("pkafka1", facts);
        ProvisionClusterTest.Run run = ProvisionClusterTest.provision(cluster, true);

        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out()).contains("[pkafka1] will update " + props + " (kafka 0600)").contains("    -ssl.keystore.password=********")
                .contains("    -sasl.jaas.config=********");
        for (String clear : CLEAR) assertThat(run.out()).as(clear).doesNotContain(clear);
    }
}
