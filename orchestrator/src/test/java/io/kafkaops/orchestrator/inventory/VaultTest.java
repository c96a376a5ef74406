package io.kafkaops.orchestrator.inventory;

import io.kafkaops.orchestrator.BadInput;
import io.kafkaops.orchestrator.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Values made by `ansible-vault encrypt_string` (1.1 and 1.2 with a vault id) in the vault-values corpus. */
class VaultTest {
    static final Path CORPUS = Path.of("orchestrator/src/test/resources/inventories/vault-values/hosts.yml");
    static final Path PASSWORD = Path.of("orchestrator/src/test/resources/vault/password");
    static final Path WRONG = Path.of("orchestrator/src/test/resources/vault/wrong-password");

    static Map<String, VaultValue> vaults() {
        AnsibleInventory inv = InventoryLoader.load(CORPUS);
        return Map.of("1.1", (VaultValue) inv.hostVars("k1").get("kafka_admin_password"),
                "1.2", (VaultValue) inv.hostVars("k1").get("zk_secret"));
    }

    @Test
    void decryptsVault11And12() {
        assertThat(Vault.decrypt(vaults().get("1.1"), PASSWORD).reveal()).isEqualTo("s3cr3t-kafka-pass");
        assertThat(Vault.decrypt(vaults().get("1.2"), PASSWORD).reveal()).isEqualTo("zk-digest-secret");
    }

    @Test
    void secretsNeverPrint() {
        VaultSecret secret = Vault.decrypt(vaults().get("1.1"), PASSWORD);
        assertThat(secret.toString()).doesNotContain("s3cr3t").contains("kafka_admin_password");
        assertThat(vaults().get("1.1").toString()).doesNotContain("ANSIBLE_VAULT");
        assertThat(InventoryLoader.load(CORPUS).toString()).doesNotContain("s3cr3t");
    }

    @Test
    void theCliNeverPrintsTheExampleVaultSecret(@TempDir Path baseline) throws Exception {
        // inventory/production with its example vault password: its JAAS file holds adminSecret-42 once rendered
        String inv = "inventory/production/hosts.yml";
        String pw = "inventory/production/example-vault-password";
        Path config = Files.createDirectories(baseline.resolve("kafka1.prod.example.com/usr/local/kafka/config"));
        Files.writeString(config.resolve("kafka_server_jaas.conf"), "KafkaServer { x required password=\"adminSecret-41\"; };\n");
        Files.writeString(config.resolve("server.properties"), "broker.id=1\n");
        List<CliRun> runs = List.of(CliRun.of("plan", inv, "--vault-password-file", pw),
                CliRun.of("plan", inv, "--vault-password-file", pw, "--output", "json"),
                CliRun.of("plan", inv, "--vault-password-file", pw, "--output", "ansible-vars"),
                CliRun.of("plan", inv, "--vault-password-file", pw, "--baseline", baseline.toString()),
                CliRun.of("plan", inv, "--vault-password-file", pw, "--baseline", baseline.toString(), "--output", "json"),
                CliRun.of("inventory", inv, "--vault-password-file", pw),
                CliRun.of("inventory", inv, "--vault-password-file", pw, "--list"),
                CliRun.of("inventory", inv, "--vault-password-file", pw, "--host", "kafka1.prod.example.com"));
        for (CliRun run : runs) {
            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.out() + run.err()).doesNotContain("adminSecret").doesNotContain("example-only-change-me");
        }
        assertThat(runs.get(3).out()).contains("kafka_server_jaas.conf  owner kafka  mode 0600  (kafka_server_jaas.conf.j2)"
                + "  changed (secret, diff not shown)");
    }

    @Test
    void wrongPasswordNamesTheVariable() {
        assertThatThrownBy(() -> Vault.decrypt(vaults().get("1.1"), WRONG))
                .isInstanceOfSatisfying(BadInput.class, e -> {
                    assertThat(e.problem()).contains("kafka_admin_password").contains("wrong vault password");
                    assertThat(e.file()).contains(CORPUS.toString());
                    assertThat(e.line()).contains(4);
                });
    }

    @Test
    void missingPasswordFileNamesTheVariable() {
        assertThatThrownBy(() -> Vault.decrypt(vaults().get("1.2"), Path.of("/no/such/password")))
                .isInstanceOf(BadInput.class).hasMessageContaining("zk_secret").hasMessageContaining("/no/such/password");
    }

    @Test
    void inventoryListsItsVaultValues() {
        assertThat(InventoryLoader.load(CORPUS).vaultValues()).extracting(VaultValue::variable)
                .containsExactlyInAnyOrder("kafka_admin_password", "zk_secret");
    }
}
