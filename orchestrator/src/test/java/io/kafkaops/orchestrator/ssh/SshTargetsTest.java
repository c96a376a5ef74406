package io.kafkaops.orchestrator.ssh;

import io.kafkaops.orchestrator.BadInput;
import io.kafkaops.orchestrator.cluster.ClusterNode;
import io.kafkaops.orchestrator.cluster.VariableResolver;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The inventory's connection variables, and what is refused before any connection rather than ignored. */
class SshTargetsTest {
    private static final ClusterNode KAFKA1 = new ClusterNode("kafka1", "10.0.0.11", 22, "ops", Set.of(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), null, true);

    private static SshTarget target(Map<String, Object> vars) {
        VariableResolver resolver = (host, name) -> Optional.ofNullable(vars.get(name));
        return SshTargets.of(KAFKA1, resolver);
    }

    @Test
    void theKnownHostsFileComesFromTheSshArgs() {
        assertThat(target(Map.of("ansible_ssh_common_args", "-o StrictHostKeyChecking=yes -o UserKnownHostsFile='/etc/orc/kh'"))
                .knownHosts()).contains(Path.of("/etc/orc/kh"));
        assertThat(target(Map.of("ansible_ssh_extra_args", "-o UserKnownHostsFile=/srv/kh")).knownHosts()).contains(Path.of("/srv/kh"));
        assertThat(target(Map.of()).knownHosts()).isEmpty();
    }

    @Test
    void aDevNullKnownHostsIsRefusedBecauseNothingWouldEverBePinned() {
        for (String variable : new String[] {"ansible_ssh_common_args", "ansible_ssh_extra_args"}) {
            assertThatThrownBy(() -> target(Map.of(variable, "-o UserKnownHostsFile=/dev/null -o StrictHostKeyChecking=no")))
                    .isInstanceOf(BadInput.class)
                    .hasMessageContaining("host kafka1: its SSH args set UserKnownHostsFile=/dev/null; nothing is ever pinned")
                    .hasMessageContaining("any host key (a man-in-the-middle's too) would be accepted")
                    .hasMessageContaining("fix: point UserKnownHostsFile at a real file");
        }
    }

    @Test
    void becomeOtherThanSudoToRootIsRefused() {
        assertThatThrownBy(() -> target(Map.of("ansible_become", true, "ansible_become_user", "kafka")))
                .isInstanceOf(BadInput.class).hasMessageContaining("ansible_become_user is 'kafka'");
        assertThatThrownBy(() -> target(Map.of("ansible_become", "yes", "ansible_become_method", "su")))
                .isInstanceOf(BadInput.class).hasMessageContaining("ansible_become_method is 'su'").hasMessageContaining("sudo -n");
        assertThat(target(Map.of("ansible_become", true, "ansible_become_user", "root", "ansible_become_method", "sudo")).become())
                .isTrue();
        // without become, Ansible ignores both too
        assertThat(target(Map.of("ansible_become_user", "kafka")).become()).isFalse();
    }

    @Test
    void onlyCommandsThatNeedRootGoThroughSudo() {
        SshTarget ops = target(Map.of("ansible_become", true));
        assertThat(SshRemoteHost.commandLine(ops, Privilege.ROOT, "systemctl start kafka-server"))
                .isEqualTo("sudo -n sh -c 'systemctl start kafka-server'");
        assertThat(SshRemoteHost.commandLine(ops, Privilege.SSH_USER, "cat /proc/loadavg")).isEqualTo("sh -c 'cat /proc/loadavg'");
        SshTarget root = new SshTarget("k", "a", 22, "root", Optional.empty(), Optional.empty(), true);
        assertThat(SshRemoteHost.commandLine(root, Privilege.ROOT, "id")).isEqualTo("sh -c 'id'");
    }
}
