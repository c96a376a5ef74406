package io.kafkaops.orchestrator.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** `secure` and `client-config` where no host is needed: bad input refused before any connection, the client file itself. */
class SecurityCommandsTest {
    static final String LAB_SECURE = "inventory/lab-secure.yml";

    @Test
    void secureOnAnInventoryThatAsksForNoSecurityIsBadInputBeforeAnyConnection() {
        // inventory/lab.yml's hosts are not up here: exit 2 (not a connection failure) shows nothing was reached for
        CliRun run = CliRun.of("secure", "inventory/lab.yml", "--dry-run");
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).contains("inventory/lab.yml").contains("asks for no security").contains("sasl_protocol");
    }

    @Test
    void clientConfigOfAnUnknownUserNamesTheUsersThereAre(@TempDir Path dir) {
        CliRun run = CliRun.of("client-config", LAB_SECURE, "--user", "mallory", "--out", dir.resolve("m.properties").toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--user mallory").contains("admin, alice, bob");
        assertThat(dir.resolve("m.properties")).doesNotExist();
    }

    @Test
    void clientConfigWritesWhatAJavaClientReadsOwnerOnly(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("alice.properties");
        CliRun run = CliRun.of("client-config", LAB_SECURE, "--user", "alice", "--out", file.toString());
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out() + run.err()).doesNotContain("lab-alice-secret").doesNotContain("lab-truststore-secret");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(file)));
        assertThat(p.getProperty("bootstrap.servers")).isEqualTo("10.213.77.21:9093,10.213.77.22:9093,10.213.77.23:9093");
        assertThat(p.getProperty("security.protocol")).isEqualTo("SASL_SSL");
        assertThat(p.getProperty("sasl.mechanism")).isEqualTo("SCRAM-SHA-512");
        assertThat(p.getProperty("sasl.jaas.config")).contains("username=\"alice\"").contains("password=\"lab-alice-secret\"");
        assertThat(p.getProperty("ssl.truststore.location")).isEqualTo("/var/lib/orchestrator-lab/lab-secure/ca/client-truststore.p12");
        assertThat(p.getProperty("ssl.truststore.password")).isEqualTo("lab-truststore-secret");
    }
}
