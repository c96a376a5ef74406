package io.kafkaops.orchestrator.cluster;

import io.kafkaops.orchestrator.BadInput;
import io.kafkaops.orchestrator.install.KnownReleases;
import io.kafkaops.orchestrator.inventory.AnsibleInventory;
import io.kafkaops.orchestrator.inventory.InventoryLoader;
import io.kafkaops.orchestrator.profile.HardwareProfiles;
import io.kafkaops.orchestrator.testkit.FakeInventory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterReaderTest {
    static final HardwareProfiles PROFILES = HardwareProfiles.load(Path.of("hardware-profiles"));
    static final KnownReleases RELEASES = KnownReleases.load(Path.of("upgrade/versions.yml"));

    static Cluster read(FakeInventory inv) {
        return read(inv, GroupMapping.none());
    }

    static Cluster read(FakeInventory inv, GroupMapping mapping) {
        return new ClusterReader(inv, mapping, inv.resolver(), PROFILES, RELEASES, RoleGroups.builtIn()).read();
    }

    @Test
    void theBooksGroupsAndTrailingNumbersGiveIds() {
        var inv = new FakeInventory().group("zkhosts", "peter-zk01.foo.bar", "peter-zk02.foo.bar", "peter-zk03.foo.bar")
                .group("kafkahosts", "peter-kafka01.foo.bar", "peter-kafka02.foo.bar", "peter-kafka03.foo.bar");
        Cluster c = read(inv);
        assertThat(c.zookeeperGroup()).contains("zkhosts");
        assertThat(c.brokerGroup()).isEqualTo("kafkahosts");
        assertThat(c.brokers()).extracting(n -> n.brokerId().orElseThrow().value()).containsExactly(1, 2, 3);
        assertThat(c.brokers().get(0).brokerId().orElseThrow().source()).isEqualTo("trailing number of the host name");
        assertThat(c.zookeeperNodes()).extracting(n -> n.myid().orElseThrow().value()).containsExactly(1, 2, 3);
    }

    @Test
    void anExplicitVariableWinsAndSaysWhereItCameFrom() {
        var inv = new FakeInventory().group("zookeeper", "zk-a", "zk-b", "zk-c").group("kafka_broker", "b1", "b2", "b3")
                .var("b1", "broker_id", 10).var("b2", "kafka_broker_id", "20").var("b3", "brokerid", 30);
        Cluster c = read(inv);
        assertThat(c.brokers()).extracting(n -> n.brokerId().orElseThrow().value()).containsExactly(10, 20, 30);
        assertThat(c.brokers().get(1).brokerId().orElseThrow().source()).startsWith("variable kafka_broker_id (host_vars/b2.yml:1)");
        // no trailing numbers on zk-a.. -> position in the group
        assertThat(c.zookeeperNodes()).extracting(n -> n.myid().orElseThrow().source())
                .containsExactly("position 1 in group zookeeper", "position 2 in group zookeeper", "position 3 in group zookeeper");
    }

    @Test
    void duplicateTrailingNumbersFallBackToPosition() {
        var inv = new FakeInventory().group("zookeeper", "zk1", "zk2", "zk3")
                .group("brokers", "rack1-kafka1", "rack2-kafka1", "rack3-kafka1");
        assertThat(read(inv).brokers()).extracting(n -> n.brokerId().orElseThrow().value()).containsExactly(1, 2, 3);
    }

    @Test
    void zookeeperNumbersFromZeroAreNotMyids() {
        var inv = new FakeInventory().group("zk", "zk0", "zk1", "zk2").group("kafka", "k0", "k1", "k2");
        Cluster c = read(inv);
        assertThat(c.zookeeperNodes()).extracting(n -> n.myid().orElseThrow().value()).containsExactly(1, 2, 3);
        assertThat(c.brokers()).extracting(n -> n.brokerId().orElseThrow().value()).containsExactly(0, 1, 2);
    }

    @Test
    void anUmbrellaGroupHoldingZooKeeperIsNotTheBrokerGroup() {
        var inv = new FakeInventory().group("zookeeper_servers", "z1", "z2", "z3").group("kafka_servers", "k1", "k2", "k3")
                .parent("kafka", "zookeeper_servers", "kafka_servers");
        Cluster c = read(inv);
        assertThat(c.brokerGroup()).isEqualTo("kafka_servers");
        assertThat(c.brokers()).extracting(ClusterNode::host).containsExactly("k1", "k2", "k3");
    }

    @Test
    void brokersOnlyThroughThreeLevelsOfChildren() {
        var inv = new FakeInventory().group("zookeeper", "z1", "z2", "z3").group("dc1_rack1", "k1", "k2", "k3")
                .parent("dc1", "dc1_rack1").parent("prod", "dc1").parent("kafka", "prod");
        assertThat(read(inv).brokers()).extracting(ClusterNode::host).containsExactly("k1", "k2", "k3");
    }

    @Test
    void mappedGroupsAndIdVariables() {
        var inv = new FakeInventory().group("coordination", "c1", "c2", "c3").group("streaming", "s1", "s2", "s3")
                .var("s1", "bid", 7).var("s2", "bid", 8).var("s3", "bid", 9);
        var mapping = new GroupMapping(Optional.of("coordination"), Optional.of("streaming"), Optional.empty(),
                Optional.of("bid"), Optional.empty(), Optional.empty(), Optional.empty());
        Cluster c = read(inv, mapping);
        assertThat(c.brokers()).extracting(n -> n.brokerId().orElseThrow().value()).containsExactly(7, 8, 9);
    }

    @Test
    void noBrokerGroupNamesTheGroupsAndTheFix() {
        var inv = new FakeInventory().group("zookeeper", "z1", "z2", "z3").group("streaming", "s1");
        assertThatThrownBy(() -> read(inv)).isInstanceOf(BadInput.class)
                .hasMessageContaining("no broker group found").hasMessageContaining("groups are zookeeper, streaming")
                .hasMessageContaining("--broker-group");
    }

    @Test
    void aNonIntegerIdNamesFileAndLine() {
        var inv = new FakeInventory().group("zookeeper", "z1", "z2", "z3").group("kafka", "k1", "k2", "k3")
                .var("k2", "broker_id", "two");
        assertThatThrownBy(() -> read(inv)).isInstanceOf(BadInput.class)
                .hasMessageContaining("host_vars/k2.yml:1").hasMessageContaining("'two', not an integer");
    }

    @Test
    void hostsWithoutProfileGetTheDefaultAndThePlanSaysSo() {
        var inv = new FakeInventory().group("zookeeper", "z1", "z2", "z3").group("kafka", "k1", "k2", "k3");
        Cluster c = read(inv);
        assertThat(c.nodes()).allMatch(ClusterNode::defaultProfile).allMatch(n -> n.profile().name().equals("small"));
        assertThat(c.warnings()).anyMatch(w -> w.message().contains("no hardware_profile set"));
    }

    @Test
    void unknownProfileIsBadInput() {
        var inv = new FakeInventory().group("zookeeper", "z1", "z2", "z3").group("kafka", "k1", "k2", "k3")
                .var("k1", "hardware_profile", "huge");
        assertThatThrownBy(() -> read(inv)).isInstanceOf(BadInput.class)
                .hasMessageContaining("unknown hardware profile 'huge'").hasMessageContaining("[lab, large, small, zookeeper]");
    }

    @Test
    void versionsComeFromTheBooksVariablesToo() {
        var inv = new FakeInventory().group("zkhosts", "z1", "z2", "z3").group("kafkahosts", "k1", "k2", "k3")
                .varAll("kafkaversion", "2.6.0").varAll("zookeeperversion", "zookeeper-3.5.9");
        Cluster c = read(inv);
        assertThat(c.kafka().tarballName()).isEqualTo("kafka_2.12-2.6.0.tgz");
        assertThat(c.zookeeper().version()).isEqualTo("3.5.9");
        assertThat(c.warnings()).anyMatch(w -> w.message().contains("Kafka 2.6.0 is not in"));
    }

    static List<String> messages(List<Finding> findings, Class<? extends Finding> kind) {
        return findings.stream().filter(kind::isInstance).map(Finding::message).toList();
    }

    static Cluster readLoaded(Path inventory) {
        AnsibleInventory inv = InventoryLoader.load(inventory);
        return new ClusterReader(inv, GroupMapping.none(), (host, variable) -> Optional.ofNullable(inv.hostVars(host).get(variable)),
                PROFILES, RELEASES, RoleGroups.builtIn()).read();
    }

    @Test
    void aDuplicateHostOrGroupKeyThatChangesWhatTheyHoldIsRefused() {
        Path file = Path.of("orchestrator/src/test/resources/inventories/duplicate-keys/hosts.yml");
        // Ansible keeps the second 'kafka' only (k1 leaves the group) and the second z2; the first in the file is named
        assertThatThrownBy(() -> readLoaded(file)).isInstanceOf(BadInput.class)
                .hasMessageContaining(file + ":17: 'z2' is written twice in hosts of group zookeeper, first at line 16");
    }

    @Test
    void aDuplicateVariableIsAWarningWithEveryLineOfTheKey(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("hosts.yml");
        Files.writeString(file, """
                all:
                  vars: {hardware_profile: lab}
                  children:
                    zookeeper:
                      hosts: {zk1: {}, zk2: {}, zk3: {}}
                    kafka:
                      hosts:
                        kafka1:
                          rack: a
                          rack: b
                          rack: c
                        kafka2: {}
                        kafka3: {}
                """);
        Cluster c = readLoaded(file);
        assertThat(c.node("kafka1").rack()).contains("c");
        assertThat(c.warnings()).extracting(Finding::message).containsExactly("While constructing a mapping from " + file
                + ", line 9, column 11, found a duplicate dict key (rack). Using last defined value only. ('rack' at lines 9, 10, 11)");
    }

    @Test
    void aGroupVarsFileIsAnsiblesWarning() {
        Path dir = Path.of("orchestrator/src/test/resources/inventories/group-vars-file");
        Cluster c = readLoaded(dir.resolve("hosts"));
        assertThat(c.warnings()).extracting(Finding::message)
                .contains("Found group_vars that is not a directory, skipping: " + dir.toAbsolutePath().resolve("group_vars"));
    }
}
