package io.kafkaops.orchestrator.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.kafkaops.orchestrator.BadInput;
import io.kafkaops.orchestrator.testkit.ManualClock;

class CertificateAuthorityTest {
    private static final char[] PW = "ca-test-store-pw".toCharArray();

    @TempDir Path tmp;
    private final ManualClock clock = new ManualClock();

    private Path dir() { return tmp.resolve("tls").resolve("lab"); }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void theCaDirectoryKeepsItsSecretsPrivate() throws Exception {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir(), "lab", clock);
        ca.storesFor("kafka-1", List.of("kafka-1"), List.of("10.0.0.1"), PW);
        CertificateAuthority.storePassword(dir());

        assertThat(mode(dir())).isEqualTo("rwx------");
        assertThat(mode(dir().resolve("ca.key"))).isEqualTo("rw-------");
        assertThat(mode(dir().resolve("ca.crt"))).isEqualTo("rw-r--r--");
        assertThat(mode(dir().resolve("store-password"))).isEqualTo("rw-------");
        assertThat(mode(dir().resolve("truststore.p12"))).isEqualTo("rw-------");
        assertThat(mode(dir().resolve("hosts"))).isEqualTo("rwx------");
        assertThat(mode(ca.keystore("kafka-1"))).isEqualTo("rw-------");
        assertThat(Files.readString(dir().resolve("ca.key"))).startsWith("-----BEGIN PRIVATE KEY-----");
    }

    @Test
    void theCaIsMadeOnceAndReusedByLaterRuns() throws Exception {
        CertificateAuthority first = CertificateAuthority.loadOrCreate(dir(), "lab", clock);
        byte[] key = Files.readAllBytes(dir().resolve("ca.key"));
        clock.advance(Duration.ofDays(3));

        CertificateAuthority second = CertificateAuthority.loadOrCreate(dir(), "lab", clock);

        assertThat(second.certificate().getEncoded()).isEqualTo(first.certificate().getEncoded());
        assertThat(Files.readAllBytes(dir().resolve("ca.key"))).isEqualTo(key);
        X509Certificate c = first.certificate();
        assertThat(c.getSubjectX500Principal().getName()).isEqualTo("O=orchestrator,CN=lab CA");
        assertThat(c.getBasicConstraints()).isEqualTo(0);
        assertThat(c.getSigAlgName()).isEqualTo("SHA256withRSA");
        assertThat(((java.security.interfaces.RSAPublicKey) c.getPublicKey()).getModulus().bitLength()).isEqualTo(2048);
    }

    @Test
    void theHostCertificateNamesTheHostItsSansAndBothUses() throws Exception {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir(), "lab", clock);
        HostStores s = ca.storesFor("kafka-1", List.of("kafka-1", "kafka-1.lab.internal", "KAFKA-1"), List.of("10.0.0.1", "::1"), PW);

        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(new ByteArrayInputStream(s.keystore()), PW);
        assertThat(ks.isKeyEntry("kafka-1")).isTrue();
        assertThat(ks.getCertificateChain("kafka-1")).hasSize(2);
        X509Certificate leaf = (X509Certificate) ks.getCertificate("kafka-1");
        assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=kafka-1");
        assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        leaf.verify(ca.certificate().getPublicKey());
        CertificateInfo info = CertificateInfo.of(leaf);
        assertThat(info.sans()).containsExactly("DNS:kafka-1", "DNS:kafka-1.lab.internal", "IP:10.0.0.1", "IP:0:0:0:0:0:0:0:1");
        assertThat(info.notAfter()).isEqualTo(clock.instant().plus(CertificateAuthority.HOST_VALIDITY));
        assertThat(s.clientTruststore()).contains(dir().resolve("truststore.p12"));
        assertThat(Files.readAllBytes(dir().resolve("truststore.p12"))).isEqualTo(s.truststore());
        assertThat(Files.readAllBytes(ca.keystore("kafka-1"))).isEqualTo(s.keystore());
    }

    @Test
    void theSameHostGetsTheSameBytesOnEveryRun() {
        HostStores first = CertificateAuthority.loadOrCreate(dir(), "lab", clock).storesFor("kafka-1", List.of("kafka-1"), List.of("10.0.0.1", "::1"), PW);
        clock.advance(Duration.ofDays(400));

        // another instance, names spelled differently but meaning the same
        HostStores again = CertificateAuthority.loadOrCreate(dir(), "lab", clock)
                .storesFor("kafka-1", List.of("KAFKA-1", "kafka-1"), List.of("10.0.0.1", "0:0:0:0:0:0:0:1"), PW);

        assertThat(again.keystoreSha256()).isEqualTo(first.keystoreSha256());
        assertThat(again.truststoreSha256()).isEqualTo(first.truststoreSha256());
        assertThat(again).isEqualTo(first);
    }

    @Test
    void changedSansGiveANewCertificate() {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir(), "lab", clock);
        HostStores first = ca.storesFor("kafka-1", List.of("kafka-1"), List.of("10.0.0.1"), PW);

        HostStores moved = ca.storesFor("kafka-1", List.of("kafka-1"), List.of("10.0.0.9"), PW);

        assertThat(moved.keystoreSha256()).isNotEqualTo(first.keystoreSha256());
        assertThat(CertificateInfo.hostCertificate(moved.keystore(), PW).ipAddresses()).containsExactly("10.0.0.9");
        assertThat(moved.truststoreSha256()).isEqualTo(first.truststoreSha256());
    }

    @Test
    void aCertificateNearItsEndIsIssuedAnew() {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir(), "lab", clock);
        HostStores first = ca.storesFor("kafka-1", List.of("kafka-1"), List.of("10.0.0.1"), PW);

        clock.advance(CertificateAuthority.HOST_VALIDITY.minus(Duration.ofDays(31)));
        assertThat(ca.storesFor("kafka-1", List.of("kafka-1"), List.of("10.0.0.1"), PW).keystoreSha256()).isEqualTo(first.keystoreSha256());
        clock.advance(Duration.ofDays(2));
        HostStores renewed = ca.storesFor("kafka-1", List.of("kafka-1"), List.of("10.0.0.1"), PW);

        assertThat(renewed.keystoreSha256()).isNotEqualTo(first.keystoreSha256());
        assertThat(CertificateInfo.hostCertificate(renewed.keystore(), PW).notAfter()).isEqualTo(clock.instant().plus(CertificateAuthority.HOST_VALIDITY));
    }

    @Test
    void anotherStorePasswordRewritesBothStores() {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir(), "lab", clock);
        HostStores first = ca.storesFor("kafka-1", List.of("kafka-1"), List.of("10.0.0.1"), PW);
        char[] other = "another-password".toCharArray();

        HostStores changed = ca.storesFor("kafka-1", List.of("kafka-1"), List.of("10.0.0.1"), other);

        assertThat(changed.keystoreSha256()).isNotEqualTo(first.keystoreSha256());
        assertThat(changed.truststoreSha256()).isNotEqualTo(first.truststoreSha256());
        assertThat(CertificateInfo.describe(dir().resolve("truststore.p12"), other)).hasSize(1);
    }

    @Test
    void aDamagedCaKeyStopsTheRunNamingTheFileAndTheFix() throws Exception {
        CertificateAuthority.loadOrCreate(dir(), "lab", clock);
        byte[] cert = Files.readAllBytes(dir().resolve("ca.crt"));
        Files.writeString(dir().resolve("ca.key"), "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");

        assertThatThrownBy(() -> CertificateAuthority.loadOrCreate(dir(), "lab", clock))
                .isInstanceOfSatisfying(BadInput.class, e -> {
                    assertThat(e.file()).contains(dir().resolve("ca.key").toString());
                    assertThat(e.problem()).contains("cannot be read as the CA's private key").contains("not made anew");
                    assertThat(e.fix()).contains("restore ca.key from a backup").contains("move " + dir() + " away");
                });
        assertThat(Files.readAllBytes(dir().resolve("ca.crt"))).as("no new CA").isEqualTo(cert);
    }

    @Test
    void aCaKeyOfAnotherCaOrAMissingCertificateStopsTheRun() throws Exception {
        CertificateAuthority.loadOrCreate(dir(), "lab", clock);
        CertificateAuthority.loadOrCreate(tmp.resolve("other"), "other", clock);
        Files.copy(tmp.resolve("other/ca.key"), dir().resolve("ca.key"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThatThrownBy(() -> CertificateAuthority.loadOrCreate(dir(), "lab", clock))
                .isInstanceOf(BadInput.class).hasMessageContaining("does not belong to the certificate in " + dir().resolve("ca.crt"));

        Files.delete(dir().resolve("ca.crt"));
        assertThatThrownBy(() -> CertificateAuthority.loadOrCreate(dir(), "lab", clock))
                .isInstanceOf(BadInput.class).hasMessageContaining(dir().resolve("ca.crt") + " is missing beside");
        assertThat(dir().resolve("ca.crt")).doesNotExist();
    }

    @Test
    void theStorePasswordIsMadeOnceAndKept() throws Exception {
        char[] first = CertificateAuthority.storePassword(dir());
        char[] again = CertificateAuthority.storePassword(dir());

        assertThat(first).hasSize(32).isEqualTo(again);
        assertThat(new String(first)).matches("[A-Za-z0-9]{32}");
        assertThat(Files.readString(dir().resolve("store-password"), StandardCharsets.UTF_8)).isEqualTo(new String(first) + "\n");
        assertThat(CertificateAuthority.storePassword(tmp.resolve("elsewhere"))).isNotEqualTo(first);
    }

    @Test
    void noPasswordInTextsOrErrors() {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir(), "lab", clock);
        char[] generated = CertificateAuthority.storePassword(dir());
        HostStores s = ca.storesFor("kafka-1", List.of("kafka-1"), List.of("10.0.0.1"), generated);
        Throwable wrong = org.assertj.core.api.Assertions.catchThrowable(() -> CertificateInfo.describe(s.keystore(), "not-it".toCharArray()));

        assertThat(wrong).isInstanceOf(BadInput.class).hasMessageContaining("the password does not open it");
        for (String text : List.of(s.toString(), ca.toString(), wrong.getMessage(), ((BadInput) wrong).fix())) {
            assertThat(text).doesNotContain(new String(generated)).doesNotContain("not-it");
        }
    }

    @Test
    void badHostNamesAndEmptySansAreRefused() {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir(), "lab", clock);

        assertThatThrownBy(() -> ca.storesFor("../kafka-1", List.of("kafka-1"), List.of(), PW)).hasMessageContaining("cannot name its keystore file");
        assertThatThrownBy(() -> ca.storesFor("kafka-1", List.of(), List.of(), PW)).hasMessageContaining("at least one DNS name or IP address");
        assertThatThrownBy(() -> ca.storesFor("kafka-1", List.of(), List.of("kafka-1"), PW)).hasMessageContaining("not an IP address: kafka-1");
    }
}
