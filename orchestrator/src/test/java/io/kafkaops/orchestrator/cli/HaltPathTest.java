package io.kafkaops.orchestrator.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A host that cannot be reached ends in the halt path, not a stack trace: one message, the journal entry, and the
 * command to resume with every option that was typed.
 */
class HaltPathTest {
    @TempDir Path tmp;

    private Path inventoryOnAClosedPort() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path inv = tmp.resolve("hosts.yml");
        Files.writeString(inv, """
                all:
                  vars:
                    ansible_user: root
                    ansible_port: %d
                    hardware_profile: lab
                    default_replication_factor: 1
                  children:
                    zookeeper:
                      hosts:
                        zk1: {ansible_host: 127.0.0.1, myid: 1}
                    kafka_broker:
                      hosts:
                        k1: {ansible_host: 127.0.0.1, broker_id: 1}
                """.formatted(port));
        return inv;
    }

    @Test
    void anUnreachableBrokerHaltsARestartWithTheResumeCommandAsTyped() throws Exception {
        Path inv = inventoryOnAClosedPort();
        Path vault = Files.writeString(tmp.resolve("vault-pass"), "x\n");
        CliRun run = CliRun.of("restart", inv.toString(), "--broker-group", "kafka_broker", "--vault-password-file", vault.toString(),
                "--wait-limit", "120", "--accept-new-host-keys");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("[restart] HALTED: cannot reach k1 (127.0.0.1:")
                .contains("resume with:\n    orchestrator restart " + inv + " --broker-group kafka_broker --vault-password-file " + vault
                        + " --wait-limit 120 --accept-new-host-keys");
        assertThat(run.out() + run.err()).doesNotContain("\tat ");
    }

    @Test
    void anUnreachableBrokerHaltsAnUpgradeAndTheResumeCommandLeavesOutTheDryRun() throws Exception {
        Path inv = inventoryOnAClosedPort();
        CliRun run = CliRun.of("upgrade", inv.toString(), "--to", "2.6.3", "--dry-run", "--stop-timeout", "400");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("[upgrade] HALTED: cannot reach k1")
                .contains("    orchestrator upgrade " + inv + " --to 2.6.3 --stop-timeout 400\n");
        assertThat(run.out() + run.err()).doesNotContain("\tat ");
    }
}
