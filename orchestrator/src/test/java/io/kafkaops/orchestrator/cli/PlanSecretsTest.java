package io.kafkaops.orchestrator.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `plan --baseline DIR` as an operator runs it, with secrets on both sides: the inventory's kafka_extra_properties
 * and a copy of a host's server.properties holding clear passwords. No clear value may reach stdout or stderr.
 */
class PlanSecretsTest {
    static final List<String> CLEAR = List.of("Planned;Pw 1", ";Pw 1", "TokenValue3", "HostPw", ";9 x", "HostJ", "Same;Pw");

    @TempDir
    static Path dir;
    static Path inventory;
    static Path baseline;

    @BeforeAll
    static void inventoryAndBaseline() throws Exception {
        // the lab inventory with secrets in kafka_extra_properties (as the review's reproduction did)
        String lab = Files.readString(Path.of("inventory/lab.yml"));
        inventory = dir.resolve("hosts.yml");
        Files.writeString(inventory, lab.replaceFirst("\n  children:\n", """

                    kafka_extra_properties:
                      ssl.keystore.password: "Planned;Pw 1"
                      ssl.key.password: "Same;Pw"
                      my.api.token: TokenValue3
                  children:
                """));
        baseline = dir.resolve("baseline");
        Path props = Files.createDirectories(baseline.resolve("kafka1/usr/local/kafka/config")).resolve("server.properties");
        Files.writeString(props, """
                broker.id=9
                ssl.keystore.password=HostPw;9 x
                ssl.key.password=Same;Pw
                sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="HostJ";
                """);
    }

    @Test
    void theBaselineDiffShowsChangedSecretsMaskedOnBothSides() {
        CliRun run = CliRun.of("plan", inventory.toString(), "--baseline", baseline.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("/usr/local/kafka/config/server.properties  owner kafka  mode 0600  (server.properties.j2)  changed")
                .contains("-ssl.keystore.password=********").contains("+ssl.keystore.password=******** (changed)")
                .contains("-sasl.jaas.config=********").contains("+my.api.token=********")
                // the same password on both sides is not a change
                .doesNotContain("-ssl.key.password").doesNotContain("+ssl.key.password");
        for (String clear : CLEAR) assertThat(run.out() + run.err()).as(clear).doesNotContain(clear);
    }

    @Test
    void noOutputFormatPrintsAClearSecret() {
        for (String output : List.of("text", "json")) {
            CliRun whole = CliRun.of("plan", inventory.toString(), "--output", output);
            CliRun diffed = CliRun.of("plan", inventory.toString(), "--output", output, "--baseline", baseline.toString());
            assertThat(whole.exit()).isZero();
            assertThat(diffed.exit()).isZero();
            for (String clear : CLEAR) {
                assertThat(whole.out() + whole.err() + diffed.out() + diffed.err()).as(output + ": " + clear).doesNotContain(clear);
            }
        }
    }

    /** inventory/lab-secure.yml: its SCRAM users' and stores' passwords appear in no output of `plan`. */
    @Test
    void noLabSecurePasswordIsPrinted() {
        List<String> passwords = List.of("lab-admin-secret", "lab-alice-secret", "lab-bob-secret", "lab-keystore-secret", "lab-truststore-secret");
        for (String output : List.of("text", "json", "ansible-vars")) {
            CliRun run = CliRun.of("plan", "inventory/lab-secure.yml", "--output", output);
            assertThat(run.exit()).as(run.err()).isZero();
            if (!output.equals("ansible-vars")) assertThat(run.out()).contains("ssl.keystore.password=********");
            for (String p : passwords) assertThat(run.out() + run.err()).as(output + ": " + p).doesNotContain(p);
        }
    }
}
