package io.kafkaops.orchestrator.ssh;

import net.schmizz.sshj.common.Buffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** The production host-key check, key by key, with keys ssh-keygen made (no server needed). */
class KnownHostsVerifierTest {
    @TempDir
    static Path keys;
    static String ed25519Line;
    static String otherEd25519Line;
    static PublicKey ed25519;
    static PublicKey otherEd25519;
    static String rsaLine;
    static PublicKey rsa;

    @BeforeAll
    static void makeKeys() throws Exception {
        ed25519Line = keygen("ed25519", "a");
        otherEd25519Line = keygen("ed25519", "b");
        ed25519 = key(ed25519Line);
        otherEd25519 = key(otherEd25519Line);
        rsaLine = keygen("rsa", "c");
        rsa = key(rsaLine);
    }

    @Test
    void strictRefusesAnUnknownHostAsUnknownAndCreatesNoFile(@TempDir Path dir) {
        Path file = dir.resolve("missing/known_hosts");
        KnownHostsVerifier v = new KnownHostsVerifier(file, HostKeyPolicy.STRICT);
        assertThat(v.verify("10.0.0.1", 22, ed25519)).isFalse();
        assertThat(v.refusal().orElseThrow()).startsWith("host key of 10.0.0.1 is unknown: nothing is pinned for it in " + file)
                .contains("ssh-keyscan 10.0.0.1 >> " + file).contains("--accept-new-host-keys")
                .doesNotContain("CHANGED");
        assertThat(dir.resolve("missing")).doesNotExist();
    }

    @Test
    void aPinnedKeyIsAcceptedUnderBothPoliciesAndNothingIsWritten(@TempDir Path dir) throws Exception {
        String pinned = "zk1,10.0.0.1 " + ed25519Line + "\n[10.0.0.2]:2222 " + ed25519Line + "\n";
        Path file = Files.writeString(dir.resolve("known_hosts"), pinned);
        for (HostKeyPolicy policy : HostKeyPolicy.values()) {
            KnownHostsVerifier v = new KnownHostsVerifier(file, policy);
            assertThat(v.verify("10.0.0.1", 22, ed25519)).isTrue();
            assertThat(v.verify("10.0.0.2", 2222, ed25519)).isTrue();
            assertThat(v.findExistingAlgorithms("10.0.0.1", 22)).containsExactly("ssh-ed25519");
        }
        assertThat(Files.readString(file)).isEqualTo(pinned);
    }

    @Test
    void aHostPinnedByEd25519ThatOffersRsaOrAnotherKeyIsRefusedAsChangedUnderBothPolicies(@TempDir Path dir) throws Exception {
        String pinned = "# lab\n\n[10.0.0.1]:2222 " + ed25519Line + "\n";
        Path file = Files.writeString(dir.resolve("known_hosts"), pinned);
        for (HostKeyPolicy policy : HostKeyPolicy.values()) {
            for (PublicKey offered : new PublicKey[] {rsa, otherEd25519}) {
                KnownHostsVerifier v = new KnownHostsVerifier(file, policy);
                assertThat(v.verify("10.0.0.1", 2222, offered)).as(policy + " " + offered.getAlgorithm()).isFalse();
                assertThat(v.refusal().orElseThrow())
                        .startsWith("host key of [10.0.0.1]:2222 CHANGED (possible man-in-the-middle): " + file + ":3 pins a ssh-ed25519 key")
                        .contains("the host offered " + (offered == rsa ? "ssh-rsa" : "ssh-ed25519") + " SHA256:")
                        .contains("ssh-keygen -R '[10.0.0.1]:2222' -f " + file).doesNotContain("unknown");
            }
        }
        assertThat(Files.readString(file)).isEqualTo(pinned);
    }

    @Test
    void acceptNewPinsOnlyAHostWithNothingPinnedOnceInOpenSshFormat(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ssh/known_hosts");
        // two inventory hosts on one address, each with its own verifier made before either connects
        KnownHostsVerifier first = new KnownHostsVerifier(file, HostKeyPolicy.ACCEPT_NEW);
        KnownHostsVerifier second = new KnownHostsVerifier(file, HostKeyPolicy.ACCEPT_NEW);
        assertThat(first.verify("10.0.0.9", 2222, ed25519)).isTrue();
        assertThat(second.verify("10.0.0.9", 2222, ed25519)).isTrue();
        assertThat(first.verify("kafka1", 22, rsa)).isTrue();
        assertThat(Files.readAllLines(file)).containsExactly("[10.0.0.9]:2222 " + ed25519Line, "kafka1 " + rsaLine);
        assertThat(Files.getPosixFilePermissions(file)).hasSize(2);
        assertThat(Files.getPosixFilePermissions(file.getParent())).hasSize(3);
        // and once pinned, another key type for that host is CHANGED, not new
        assertThat(second.verify("10.0.0.9", 2222, rsa)).isFalse();
        assertThat(second.refusal().orElseThrow()).contains("CHANGED (possible man-in-the-middle)");
    }

    @Test
    void aFileWithoutATrailingNewlineGetsItsEntryOnALineOfItsOwn(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("known_hosts"), "zk1 " + ed25519Line);
        assertThat(new KnownHostsVerifier(file, HostKeyPolicy.ACCEPT_NEW).verify("zk2", 22, otherEd25519)).isTrue();
        assertThat(Files.readAllLines(file)).containsExactly("zk1 " + ed25519Line, "zk2 " + otherEd25519Line);
    }

    private static String keygen(String type, String name) throws Exception {
        Path file = keys.resolve(name);
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", type, "-N", "", "-f", file.toString(), "-C", "")
                .redirectErrorStream(true).start();
        assertThat(p.waitFor()).isZero();
        String[] pub = Files.readString(keys.resolve(name + ".pub")).strip().split(" ");
        return pub[0] + " " + pub[1];
    }

    private static PublicKey key(String line) throws Exception {
        return new Buffer.PlainBuffer(Base64.getDecoder().decode(line.split(" ")[1])).readPublicKey();
    }
}
