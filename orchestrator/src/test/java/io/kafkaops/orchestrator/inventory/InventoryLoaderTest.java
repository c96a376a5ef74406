package io.kafkaops.orchestrator.inventory;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The AnsibleInventory contract on corpus inventories, without Ansible. */
class InventoryLoaderTest {
    static final Path CORPUS = Path.of("orchestrator/src/test/resources/inventories");

    @Test
    void groupsReachHostsThroughThreeLevelsOfChildren() {
        AnsibleInventory inv = InventoryLoader.load(CORPUS.resolve("deep-children/hosts.ini"));
        assertThat(inv.hostsOf("kafka")).containsExactly("b1", "b2", "b3");
        assertThat(inv.group("kafka").orElseThrow().hosts()).isEmpty();
        assertThat(inv.groupNamesOf("b1")).containsExactly("kafka", "kafka_dc1", "rack_a", "rack_a_brokers");
        assertThat(inv.hostVars("b1")).containsEntry("level", "rack_a");
        assertThat(inv.hostVars("b3")).containsEntry("level", "kafka");
        // breadth-first as Ansible's get_hosts; Ansible's own order below depth 2 varies run to run (set iteration)
        assertThat(inv.hosts()).containsExactly("z1", "z2", "z3", "b1", "b2", "b3");
    }

    @Test
    void allAndUngroupedExist() {
        AnsibleInventory inv = InventoryLoader.load(CORPUS.resolve("ini-ungrouped-and-all/hosts"));
        assertThat(inv.groupNames()).startsWith("all", "ungrouped");
        assertThat(inv.hostsOf("ungrouped")).containsExactly("loose1", "explicit", "in-all-section");
        assertThat(inv.groupNamesOf("loose2")).containsExactly("kafka", "web");
        assertThat(inv.hostVars("k1")).containsEntry("broker_id", 11L).containsEntry("ansible_become", false);
        assertThat(inv.hostVars("in-all-section")).containsEntry("ansible_become", true);
    }

    @Test
    void directoryInventoryMixesIniAndYamlAndSkipsWhatAnsibleSkips() {
        AnsibleInventory inv = InventoryLoader.load(CORPUS.resolve("dir-mixed/inv"));
        assertThat(inv.hosts()).containsExactlyInAnyOrder("k1", "k2", "k3", "z1", "m1");
        assertThat(inv.group("ignored")).isEmpty();
        assertThat(inv.hostVars("k1")).containsEntry("heap", "2g").containsEntry("cluster", "dir-mixed");
    }

    @Test
    void connectionVarsAreOrdinaryVars() {
        AnsibleInventory inv = InventoryLoader.load(CORPUS.resolve("ranges-and-ports/hosts.ini"));
        assertThat(inv.hostVars("zk10")).containsEntry("ansible_port", 2222);
        assertThat(inv.hostVars("plain.example.org")).containsEntry("ansible_port", 2200).containsEntry("ansible_host", "192.0.2.10");
        assertThat(inv.hostsOf("zookeeper")).containsExactly("zk01", "zk03", "zk05", "zk07", "zk09", "zk10");
    }
}
