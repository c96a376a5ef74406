package io.kafkaops.orchestrator.inventory;

import io.kafkaops.orchestrator.cli.CliRun;
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

    @Test
    void aDuplicateKeyKeepsTheFirstPlaceAndTheLastValueAndIsKeptWithAnsiblesWarning() {
        Path file = CORPUS.resolve("duplicate-keys/hosts.yml");
        AnsibleInventory inv = InventoryLoader.load(file);
        // ansible-inventory --list: "children": ["ungrouped", "kafka", "zookeeper"] and kafka holds only k2
        assertThat(inv.group("all").orElseThrow().children()).containsExactly("ungrouped", "kafka", "zookeeper");
        assertThat(inv.hostsOf("kafka")).containsExactly("k2");
        assertThat(inv.hostVars("z1")).containsEntry("heap", "3g").containsEntry("rack", "r9");
        assertThat(inv.replaced()).extracting(r -> r.key() + " " + r.scope() + " " + r.first().line() + "->" + r.last().line())
                .containsExactlyInAnyOrder("kafka STRUCTURE 6->18", "z2 STRUCTURE 16->17", "rack HOST_VARIABLE 4->13",
                        "heap HOST_VARIABLE 4->14", "heap HOST_VARIABLE 14->15");
        // Ansible's words, line and column of the mapping included (as ansible-inventory 2.14 prints them)
        assertThat(inv.replaced().stream().map(r -> r.ansibleWarning().orElseThrow()))
                .contains("While constructing a mapping from " + file.toAbsolutePath()
                        + ", line 6, column 5, found a duplicate dict key (kafka). Using last defined value only.")
                .contains("While constructing a mapping from " + file.toAbsolutePath()
                        + ", line 12, column 11, found a duplicate dict key (heap). Using last defined value only.");
    }

    @Test
    void aHostInTwoGroupsGivenAVariableTwiceIsKeptAsReplaced() {
        AnsibleInventory inv = InventoryLoader.load(
                Path.of("orchestrator/src/test/resources/bad-inputs/host-in-two-groups-with-two-ids/hosts.yml"));
        assertThat(inv.hostVars("kafka1")).containsEntry("broker_id", 11L);
        assertThat(inv.replaced()).singleElement().satisfies(r -> {
            assertThat(r.scope()).isEqualTo(Replaced.Scope.HOST_VARIABLE);
            assertThat(r.owner() + " " + r.key() + " " + r.first().line() + "->" + r.last().line()).isEqualTo("kafka1 broker_id 7->12");
            assertThat(r.sameValue()).isFalse();
            assertThat(r.ansibleWarning()).isEmpty();
        });
    }

    @Test
    void aGroupVarsFileIsSkippedWithAnsiblesWarning() {
        AnsibleInventory inv = InventoryLoader.load(CORPUS.resolve("group-vars-file/hosts"));
        assertThat(inv.hostVars("k1")).doesNotContainKey("kafka").doesNotContainKey("heap");
        assertThat(inv.warnings()).containsExactly("Found group_vars that is not a directory, skipping: "
                + CORPUS.resolve("group-vars-file").toAbsolutePath().resolve("group_vars"));
    }

    @Test
    void inventoryListPrintsAnsiblesWarningsOnStderrAsAnsibleInventoryDoes() {
        Path file = CORPUS.resolve("duplicate-keys/hosts.yml");
        CliRun run = CliRun.of("inventory", file.toString(), "--list");
        assertThat(run.exit()).isZero();
        assertThat(run.err()).contains("[WARNING]: While constructing a mapping from " + file.toAbsolutePath()
                + ", line 11, column 9, found a duplicate dict key (z2). Using last defined value only.");
        assertThat(CliRun.of("inventory", CORPUS.resolve("group-vars-file/hosts").toString(), "--graph").err())
                .contains("[WARNING]: Found group_vars that is not a directory, skipping: ");
    }
}
