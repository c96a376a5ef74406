package io.kafkaops.orchestrator.inventory;

import io.kafkaops.orchestrator.SourceRef;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Ansible's precedence, each rule checked once against ansible-inventory 2.14 by hand. */
class VariablePrecedenceTest {
    @TempDir
    Path dir;

    AnsibleInventory ini(String text) throws IOException {
        Path f = dir.resolve("hosts");
        Files.writeString(f, text);
        return InventoryLoader.load(f);
    }

    void file(String relative, String text) throws IOException {
        Path f = dir.resolve(relative);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }

    @Test
    void allThenParentThenChildThenHost() throws IOException {
        AnsibleInventory inv = ini("""
                [all:vars]
                v=all
                [parent:children]
                child
                [parent:vars]
                v=parent
                [child]
                h1
                h2 v=host
                [child:vars]
                v=child
                """);
        assertThat(inv.hostVars("h1")).containsEntry("v", "child");
        assertThat(inv.hostVars("h2")).containsEntry("v", "host");
        assertThat(inv.origin("h1", "v")).contains(new SourceRef(dir.resolve("hosts"), 11));
    }

    @Test
    void sameDepthGoesByNameUnlessPriority() throws IOException {
        AnsibleInventory inv = ini("""
                [zeta]
                h1
                [alpha]
                h1
                [zeta:vars]
                v=zeta
                [alpha:vars]
                v=alpha
                """);
        assertThat(inv.hostVars("h1")).containsEntry("v", "zeta");
        AnsibleInventory prioritised = ini("""
                [zeta]
                h1
                [alpha]
                h1
                [zeta:vars]
                v=zeta
                [alpha:vars]
                v=alpha
                ansible_group_priority=5
                """);
        assertThat(prioritised.hostVars("h1")).containsEntry("v", "alpha").doesNotContainKey("ansible_group_priority");
    }

    @Test
    void deeperGroupWinsOverHigherPriority() throws IOException {
        AnsibleInventory inv = ini("""
                [top:children]
                deep
                [deep]
                h1
                [other]
                h1
                [deep:vars]
                v=deep
                [other:vars]
                v=other
                ansible_group_priority=99
                """);
        assertThat(inv.hostVars("h1")).containsEntry("v", "deep");
    }

    @Test
    void groupVarsFilesBeatInventoryVarsOfEveryGroup() throws IOException {
        file("group_vars/all.yml", "v: all-file\n");
        AnsibleInventory inv = ini("""
                [kafka]
                h1
                [kafka:vars]
                v=kafka-inventory
                """);
        // Ansible: all_inventory < groups_inventory < all_plugins_inventory < groups_plugins_inventory
        assertThat(inv.hostVars("h1")).containsEntry("v", "all-file");
        assertThat(inv.origin("h1", "v").orElseThrow().file()).isEqualTo(dir.resolve("group_vars/all.yml"));
    }

    @Test
    void hostVarsFileBeatsHostLineAndDictsAreReplaced() throws IOException {
        file("host_vars/h1.yml", "v: host-file\nd: {b: 2}\n");
        file("group_vars/kafka/a.yml", "d: {a: 1}\nw: first\n");
        file("group_vars/kafka/b.yml", "w: second\n");
        AnsibleInventory inv = ini("""
                [kafka]
                h1 v=host-line
                """);
        Map<String, Object> vars = inv.hostVars("h1");
        assertThat(vars).containsEntry("v", "host-file").containsEntry("d", Map.of("b", 2L)).containsEntry("w", "second");
        assertThat(inv.host("h1").vars()).containsEntry("v", "host-file");
        assertThat(inv.group("kafka").orElseThrow().vars()).containsEntry("w", "second");
    }

    @Test
    void firstMatchingExtensionWinsAndHiddenOrOddFilesAreSkipped() throws IOException {
        file("group_vars/kafka.yml", "v: yml\n");
        file("group_vars/kafka.yaml", "v: yaml\n");
        file("group_vars/all/.hidden.yml", "h: 1\n");
        file("group_vars/all/notes.txt", "t: 1\n");
        file("group_vars/all/vars", "plain: 1\n");
        AnsibleInventory inv = ini("[kafka]\nh1\n");
        assertThat(inv.hostVars("h1")).containsEntry("v", "yml").containsEntry("plain", 1L)
                .doesNotContainKeys("h", "t");
    }
}
