package io.kafkaops.orchestrator.cluster;

import io.kafkaops.orchestrator.BadInput;
import io.kafkaops.orchestrator.Workspace;
import io.kafkaops.orchestrator.testkit.FakeInventory;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Inventories with KRaft controllers, as real ones are written: the group, the ids, the rules and what each node renders. */
class KRaftInventoryTest {
    static final Path CP_ANSIBLE = Path.of("orchestrator/src/test/resources/inventories/cp-ansible-kraft-controller/hosts.yml");

    @Test
    void cpAnsiblesKRaftSampleReadsUnchanged() {
        Cluster c = ClusterReaderTest.readLoaded(CP_ANSIBLE);
        assertThat(c.zookeeperGroup()).isEmpty();
        assertThat(c.controllerGroup()).contains("kafka_controller");
        assertThat(c.brokerGroup()).isEqualTo("kafka_broker");
        // the schema_registry, kafka_connect, ... hosts that double as controllers stay controllers, nothing else
        assertThat(c.controllers()).extracting(ClusterNode::host).containsExactly("ec2-35-160-193-90.us-west-2.compute.amazonaws.com",
                "ec2-35-85-219-150.us-west-2.compute.amazonaws.com", "ec2-34-219-169-190.us-west-2.compute.amazonaws.com");
        assertThat(c.controllers()).extracting(n -> n.nodeId().orElseThrow().value()).containsExactly(9991, 9992, 9993);
        assertThat(c.controllers().get(1).nodeId().orElseThrow().source()).isEqualTo("9990 + position 2 in group kafka_controller");
        // brokers: the trailing numbers of the short names (ec2-35-91-214-11 -> 11, ...), as in ZooKeeper mode
        assertThat(c.brokers()).extracting(n -> n.brokerId().orElseThrow().value()).containsExactly(11, 219, 145);
        assertThat(c.controllers()).allMatch(n -> n.brokerId().isEmpty() && !n.is(Role.BROKER));
    }

    @Test
    void controllerIdsFromTheirVariablesAndOneNodeIdSpaceWithTheBrokers() {
        var inv = new FakeInventory().group("kraft_controllers", "c1", "c2", "c3").group("brokers", "b1", "b2", "b3")
                .var("c1", "kafka_controller_node_id", 101).var("c2", "controller_id", 102).var("c3", "node_id", 103)
                .varAll("kafka_version", "3.9.2").varAll("hardware_profile", "lab");
        Cluster c = ClusterReaderTest.read(inv);
        assertThat(c.controllers()).extracting(n -> n.nodeId().orElseThrow().value()).containsExactly(101, 102, 103);
        assertThat(ClusterRules.check(c)).noneMatch(f -> f instanceof Finding.Problem);

        var colliding = new FakeInventory().group("kafka_controller", "c1", "c2", "c3").group("kafka_broker", "b1", "b2", "b3")
                .var("c1", "node_id", 1).varAll("kafka_version", "4.1.1").varAll("hardware_profile", "lab");
        assertThat(ClusterRules.check(ClusterReaderTest.read(colliding))).filteredOn(f -> f instanceof Finding.Problem)
                .extracting(Finding::message).containsExactly("node.id 1 is used by b1 (trailing number of the host name) and c1 (variable node_id (host_vars/c1.yml:1))");
    }

    @Test
    void controllerCountsOutsideALabAreProblemsAndInALabWarnings() {
        var two = new FakeInventory().group("kafka_controller", "c1", "c2").group("kafka_broker", "b1", "b2", "b3")
                .varAll("kafka_version", "4.1.1");
        assertThat(ClusterRules.check(ClusterReaderTest.read(two))).filteredOn(f -> f instanceof Finding.Problem)
                .extracting(Finding::message).anyMatch(m -> m.startsWith("the KRaft controller quorum has 2 controller(s)"));
        var lab = new FakeInventory().group("kafka_controller", "c1").group("kafka_broker", "b1", "b2", "b3")
                .varAll("kafka_version", "4.1.1").varAll("hardware_profile", "lab");
        List<Finding> findings = ClusterRules.check(ClusterReaderTest.read(lab));
        assertThat(findings).filteredOn(f -> f instanceof Finding.Problem).isEmpty();
        assertThat(findings).extracting(Finding::message).anyMatch(m -> m.startsWith("the KRaft controller quorum has 1 controller(s)"));
        // no ZooKeeper group: no ZooKeeper rule applies
        assertThat(findings).extracting(Finding::message).noneMatch(m -> m.contains("ZooKeeper ensemble"));
    }

    @Test
    void anUmbrellaGroupHoldingControllersAndBrokersIsNotTheBrokerGroup() {
        var inv = new FakeInventory().group("controllers", "c1", "c2", "c3").group("kafka_servers", "b1", "b2", "b3")
                .parent("kafka", "controllers", "kafka_servers").varAll("kafka_version", "4.1.1");
        Cluster c = ClusterReaderTest.read(inv);
        assertThat(c.brokerGroup()).isEqualTo("kafka_servers");
        assertThat(c.controllerGroup()).contains("controllers");
    }

    @Test
    void aControllerGroupBesideTheEnsembleIsForTheMigrationAndLeavesTheBrokersInZooKeeperMode() {
        var inv = new FakeInventory().group("zookeeper", "z1", "z2", "z3").group("kafka_controller", "c1", "c2", "c3")
                .group("kafka_broker", "b1", "b2", "b3").varAll("kafka_version", "2.1.1");
        Cluster c = ClusterReaderTest.read(inv);
        assertThat(c.zookeeperGroup()).contains("zookeeper");
        assertThat(c.controllers()).hasSize(3);
        assertThat(c.mode()).isEqualTo(io.kafkaops.orchestrator.version.ClusterMode.ZOOKEEPER);
    }

    @Test
    void besideAnEnsembleWhatIsWrongWithTheControllersOnlyWarnsAndTheZooKeeperClusterReadsAsBefore() {
        // two controllers, one of them also a broker, and a malformed id: none of it may refuse a ZooKeeper-mode provision
        var inv = new FakeInventory().group("zookeeper", "z1", "z2", "z3").group("controllers", "c1", "b1")
                .group("kafka_broker", "b1", "b2", "b3").varAll("kafka_version", "2.1.1").varAll("kafka_cluster_id", "not-an-id");
        Cluster c = ClusterReaderTest.read(inv);
        List<Finding> findings = ClusterRules.check(c);
        assertThat(findings).filteredOn(f -> f instanceof Finding.Problem).isEmpty();
        assertThat(findings).extracting(Finding::message)
                .anyMatch(m -> m.startsWith("b1 are in the broker group 'kafka_broker' and the controller group 'controllers'"))
                .anyMatch(m -> m.contains("1 controller(s)") && m.contains("unused until the migration"));
        assertThat(c.node("b1").roles()).containsExactly(Role.BROKER);
        assertThat(c.brokers()).extracting(n -> n.brokerId().orElseThrow().value()).containsExactly(1, 2, 3);
    }

    @Test
    void aHostInBothGroupsIsCombinedModeAndRefused() {
        var inv = new FakeInventory().group("kafka_controller", "k1", "k2", "k3").group("kafka_broker", "k1", "k2", "k3")
                .varAll("kafka_version", "4.1.1");
        assertThatThrownBy(() -> ClusterReaderTest.read(inv)).isInstanceOf(BadInput.class)
                .hasMessageContaining("combined mode (process.roles=broker,controller) is not supported");
    }

    @Test
    void theMappedControllerGroupAndIdVariableWin() {
        var inv = new FakeInventory().group("quorum", "q1", "q2", "q3").group("kafka_broker", "b1", "b2", "b3")
                .var("q1", "qid", 7).var("q2", "qid", 8).var("q3", "qid", 9).varAll("kafka_version", "4.1.1");
        var mapping = new GroupMapping(Optional.empty(), Optional.empty(), Optional.of("quorum"), Optional.empty(), Optional.empty(),
                Optional.of("qid"), Optional.empty());
        Cluster c = ClusterReaderTest.read(inv, mapping);
        assertThat(c.controllers()).extracting(n -> n.nodeId().orElseThrow().value()).containsExactly(7, 8, 9);
    }

    @Test
    void eachNodeRendersItsRoleAndTheSameStaticVoters() {
        Workspace ws = Workspace.load(Path.of("inventory/lab-kraft.yml"), GroupMapping.none(), Optional.empty());
        Cluster c = ws.cluster();
        NodeSettingsReader nodes = ws.nodeSettings(c);
        String voters = "9991@10.213.77.31:9093,9992@10.213.77.32:9093,9993@10.213.77.33:9093";
        Map<String, Object> controller = nodes.forHost("kctl2").toTemplateVars();
        assertThat(controller).containsEntry("is_controller", true).containsEntry("is_kafka", true).containsEntry("is_broker", false)
                .containsEntry("node_id", 9992).containsEntry("process_roles", "controller")
                .containsEntry("controller_quorum_voters", voters).containsEntry("kafka_properties", "controller.properties")
                .containsEntry("kafka_log4j1", false);
        Map<String, Object> broker = nodes.forHost("kafka3").toTemplateVars();
        assertThat(broker).containsEntry("is_controller", false).containsEntry("node_id", 3).containsEntry("process_roles", "broker")
                .containsEntry("metadata_mode", "kraft").containsEntry("controller_quorum_voters", voters)
                .containsEntry("kafka_properties", "server.properties");
        assertThat(nodes.forHost("kctl1").logDirs()).hasSize(1);
        assertThat(ws.controllers(c).orElseThrow().bootstrap()).isEqualTo("10.213.77.31:9093,10.213.77.32:9093,10.213.77.33:9093");
    }

    @Test
    void theKRaftPlanWritesNoZooKeeperKeyAndNoLog4j1FileOn4x() {
        Workspace ws = Workspace.load(Path.of("inventory/lab-kraft.yml"), GroupMapping.none(), Optional.empty());
        var plan = ws.plan();
        var broker = plan.hosts().stream().filter(h -> h.host().equals("kafka1")).findFirst().orElseThrow();
        String server = broker.files().stream().filter(f -> f.path().endsWith("/server.properties")).findFirst().orElseThrow().content();
        assertThat(server).contains("process.roles=broker\nnode.id=1\n").contains("listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT\n")
                .doesNotContain("zookeeper").doesNotContain("broker.id");
        var ctl = plan.hosts().stream().filter(h -> h.host().equals("kctl1")).findFirst().orElseThrow();
        assertThat(ctl.files()).extracting(f -> f.path().substring(f.path().lastIndexOf('/') + 1))
                .containsExactly("controller.properties", "jmx", "kafka-server.service");
        String unit = ctl.files().stream().filter(f -> f.path().endsWith(".service")).findFirst().orElseThrow().content();
        assertThat(unit).contains("Description=Apache Kafka KRaft controller")
                .contains("kafka-server-start.sh /usr/local/kafka/config/controller.properties");
        assertThat(broker.files()).extracting(f -> f.path()).noneMatch(p -> p.endsWith("log4j.properties"));
    }
}
