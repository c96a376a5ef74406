package io.kafkaops.orchestrator.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.kafkaops.orchestrator.BadInput;
import io.kafkaops.orchestrator.testkit.ManualClock;
import io.kafkaops.orchestrator.tls.Handshake.Store;

/** The user's own material, made by openssl and keytool (real external tools), turned into stores a real handshake accepts. */
class HostStoresTest {
    private static final String KEY_PW = "key-pw-from-vault";
    private static final char[] STORE_PW = "store-pw-from-vault".toCharArray();

    @TempDir Path dir;

    /** Runs a tool in the test directory; passwords reach it through files, as they would on a host. */
    private String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
        return out;
    }

    private Path file(String name) { return dir.resolve(name); }

    @BeforeEach
    void opensslCaAndHost() throws Exception {
        Files.writeString(file("keypw"), KEY_PW + "\n");
        Files.writeString(file("storepw"), new String(STORE_PW) + "\n");
        Files.writeString(file("host.ext"), "subjectAltName=DNS:kafka-1,IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\n");
        Files.writeString(file("ca.ext"), "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n");
        run("openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "ca.key");
        run("openssl", "req", "-x509", "-new", "-key", "ca.key", "-sha256", "-days", "30", "-subj", "/CN=Test Root CA", "-out", "ca.crt");
        run("openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "host.key");
        signHost("host.key", "host.crt", "ca.crt", "ca.key");
    }

    private void signHost(String key, String cert, String caCert, String caKey) throws Exception {
        run("openssl", "req", "-new", "-key", key, "-subj", "/CN=kafka-1", "-out", cert + ".csr");
        run("openssl", "x509", "-req", "-in", cert + ".csr", "-CA", caCert, "-CAkey", caKey, "-CAcreateserial", "-days", "30", "-sha256",
                "-extfile", "host.ext", "-out", cert);
    }

    private static void handshakes(HostStores s) throws Exception {
        Handshake.Result r = Handshake.run(Store.keystore(s, STORE_PW), Store.truststore(s, STORE_PW), true,
                Store.truststore(s, STORE_PW), Optional.of(Store.keystore(s, STORE_PW)), "127.0.0.1", "TLSv1.3");
        assertThat(r.serverSaw()).isEqualTo("CN=kafka-1 answered 42");
        assertThat(r.clientSubject()).contains("CN=kafka-1");
    }

    /** Each key form cp-ansible users hand over: PKCS#8 plain and encrypted (openssl 3: PBES2, AES-256), PKCS#1 plain and encrypted. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "pkcs8,           openssl pkcs8 -topk8 -nocrypt -in host.key -out {out}, false",
            "pkcs8-encrypted, openssl pkcs8 -topk8 -in host.key -passout file:keypw -out {out}, true",
            "pkcs1,           openssl rsa -in host.key -traditional -out {out}, false",
            "pkcs1-encrypted, openssl rsa -in host.key -traditional -aes256 -passout file:keypw -out {out}, true",
    })
    void pemFilesBecomeStoresThatAMutualTlsHandshakeAccepts(String form, String command, boolean encrypted) throws Exception {
        run(command.replace("{out}", form + ".key").split(" "));
        assertThat(Files.readString(file(form + ".key"))).startsWith(switch (form) {
            case "pkcs8" -> "-----BEGIN PRIVATE KEY-----";
            case "pkcs8-encrypted" -> "-----BEGIN ENCRYPTED PRIVATE KEY-----";
            default -> "-----BEGIN RSA PRIVATE KEY-----";
        });

        HostStores s = HostStores.fromPem(file("ca.crt"), file("host.crt"), file(form + ".key"),
                encrypted ? Optional.of(KEY_PW.toCharArray()) : Optional.empty(), STORE_PW);

        assertThat(s.keystoreType()).isEqualTo(StoreType.PKCS12);
        assertThat(s.clientTruststore()).isEmpty();
        handshakes(s);
    }

    /** With Bouncy Castle registered as a JCE provider, as sshj does in every run that opens SSH (its EC keys say "ECDSA"). */
    @Test
    void anEcKeyWorksToo() throws Exception {
        if (java.security.Security.getProvider("BC") == null) java.security.Security.addProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
        run("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "ec.key");
        signHost("ec.key", "ec.crt", "ca.crt", "ca.key");

        handshakes(HostStores.fromPem(file("ca.crt"), file("ec.crt"), file("ec.key"), Optional.empty(), STORE_PW));
    }

    @Test
    void theSamePemFilesGiveTheSameBytes() {
        HostStores first = HostStores.fromPem(file("ca.crt"), file("host.crt"), file("host.key"), Optional.empty(), STORE_PW);
        HostStores again = HostStores.fromPem(file("ca.crt"), file("host.crt"), file("host.key"), Optional.empty(), STORE_PW);

        assertThat(again.keystoreSha256()).isEqualTo(first.keystoreSha256());
        assertThat(again.truststoreSha256()).isEqualTo(first.truststoreSha256());
        assertThat(HostStores.fromPem(file("ca.crt"), file("host.crt"), file("host.key"), Optional.empty(), "other-password".toCharArray())
                .keystoreSha256()).isNotEqualTo(first.keystoreSha256());
    }

    @Test
    void aCertificateSignedByAnIntermediateCarriesTheIntermediateInItsChain() throws Exception {
        run("openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "int.key");
        run("openssl", "req", "-new", "-key", "int.key", "-subj", "/CN=Test Intermediate", "-out", "int.csr");
        run("openssl", "x509", "-req", "-in", "int.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-days", "30", "-sha256",
                "-extfile", "ca.ext", "-out", "int.crt");
        signHost("host.key", "leaf.crt", "int.crt", "int.key");
        Files.writeString(file("leaf-chain.crt"), Files.readString(file("leaf.crt")) + Files.readString(file("int.crt")));

        HostStores s = HostStores.fromPem(file("ca.crt"), file("leaf-chain.crt"), file("host.key"), Optional.empty(), STORE_PW);

        assertThat(CertificateInfo.describe(s.keystore(), STORE_PW)).extracting(CertificateInfo::subject)
                .containsExactly("CN=kafka-1", "CN=Test Intermediate", "CN=Test Root CA");
        assertThat(CertificateInfo.describe(s.truststore(), STORE_PW)).extracting(CertificateInfo::subject).containsExactly("CN=Test Root CA");
        handshakes(s);
    }

    @Test
    void anEncryptedKeyWithTheWrongOrNoPasswordIsBadInputNamingTheFile() throws Exception {
        run("openssl", "pkcs8", "-topk8", "-in", "host.key", "-passout", "file:keypw", "-out", "enc.key");

        Throwable wrong = catchThrowable(() -> HostStores.fromPem(file("ca.crt"), file("host.crt"), file("enc.key"),
                Optional.of("not-the-key-pw".toCharArray()), STORE_PW));
        Throwable none = catchThrowable(() -> HostStores.fromPem(file("ca.crt"), file("host.crt"), file("enc.key"), Optional.empty(), STORE_PW));

        assertThat(wrong).isInstanceOf(BadInput.class).hasMessageContaining(file("enc.key") + " does not open with the key password given");
        assertThat(none).isInstanceOf(BadInput.class).hasMessageContaining("is encrypted and no key password is given");
        for (Throwable t : List.of(wrong, none)) {
            assertThat(((BadInput) t).file()).contains(file("enc.key").toString());
            assertThat(t.getMessage()).doesNotContain("not-the-key-pw").doesNotContain(KEY_PW).doesNotContain(new String(STORE_PW));
        }
    }

    @Test
    void aKeyOfAnotherCertificateOrACertificateOfAnotherCaIsRefused() throws Exception {
        run("openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "other.key");
        run("openssl", "req", "-x509", "-new", "-key", "other.key", "-sha256", "-days", "30", "-subj", "/CN=Other CA", "-out", "other-ca.crt");

        assertThatThrownBy(() -> HostStores.fromPem(file("ca.crt"), file("host.crt"), file("other.key"), Optional.empty(), STORE_PW))
                .isInstanceOf(BadInput.class).hasMessageContaining("does not belong to the certificate in " + file("host.crt"));
        assertThatThrownBy(() -> HostStores.fromPem(file("other-ca.crt"), file("host.crt"), file("host.key"), Optional.empty(), STORE_PW))
                .isInstanceOf(BadInput.class).hasMessageContaining("does not chain to a CA in " + file("other-ca.crt"));
        assertThatThrownBy(() -> HostStores.fromPem(file("host.key"), file("host.crt"), file("host.key"), Optional.empty(), STORE_PW))
                .isInstanceOf(BadInput.class).hasMessageContaining("holds no PEM certificate");
    }

    @Test
    void providedPkcs12AndJksStoresAreUsedAsTheyAre() throws Exception {
        run("openssl", "pkcs12", "-export", "-in", "host.crt", "-inkey", "host.key", "-certfile", "ca.crt", "-name", "kafka-1",
                "-out", "ks.p12", "-passout", "file:storepw");
        run("keytool", "-importkeystore", "-srckeystore", "ks.p12", "-srcstoretype", "PKCS12", "-srcstorepass:file", "storepw",
                "-destkeystore", "ks.jks", "-deststoretype", "JKS", "-deststorepass:file", "storepw", "-destkeypass:file", "storepw", "-noprompt");
        run("keytool", "-importcert", "-noprompt", "-alias", "ca", "-file", "ca.crt", "-keystore", "ts.jks", "-storetype", "JKS", "-storepass:file", "storepw");

        HostStores p12 = HostStores.provided(file("ks.p12"), STORE_PW, file("ts.jks"), STORE_PW);
        HostStores jks = HostStores.provided(file("ks.jks"), STORE_PW, file("ts.jks"), STORE_PW);

        assertThat(p12.keystore()).isEqualTo(Files.readAllBytes(file("ks.p12")));
        assertThat(p12.keystoreType()).isEqualTo(StoreType.PKCS12);
        assertThat(jks.keystoreType()).isEqualTo(StoreType.JKS);
        assertThat(jks.truststoreType()).isEqualTo(StoreType.JKS);
        assertThat(jks.clientTruststore()).contains(file("ts.jks"));
        handshakes(p12);
        handshakes(jks);
        assertThat(CertificateInfo.hostCertificate(file("ks.jks"), STORE_PW).sans()).containsExactly("DNS:kafka-1", "IP:127.0.0.1");
    }

    @Test
    void providedStoresThatDoNotOpenOrHoldNoKeyAreBadInput() throws Exception {
        run("keytool", "-importcert", "-noprompt", "-alias", "ca", "-file", "ca.crt", "-keystore", "ts.p12", "-storetype", "PKCS12", "-storepass:file", "storepw");
        Files.writeString(file("junk.p12"), "not a store");

        Throwable wrongPassword = catchThrowable(() -> HostStores.provided(file("ts.p12"), "guessed-wrong".toCharArray(), file("ts.p12"), STORE_PW));
        Throwable noKey = catchThrowable(() -> HostStores.provided(file("ts.p12"), STORE_PW, file("ts.p12"), STORE_PW));
        Throwable junk = catchThrowable(() -> HostStores.provided(file("junk.p12"), STORE_PW, file("ts.p12"), STORE_PW));

        assertThat(wrongPassword).isInstanceOf(BadInput.class).hasMessageContaining(file("ts.p12") + " cannot be opened: the password does not open it");
        assertThat(noKey).isInstanceOf(BadInput.class).hasMessageContaining("holds no private key entry");
        assertThat(junk).isInstanceOf(BadInput.class).hasMessageContaining("neither a PKCS12 nor a JKS keystore");
        for (Throwable t : List.of(wrongPassword, noKey, junk)) {
            assertThat(t.getMessage()).doesNotContain("guessed-wrong").doesNotContain(new String(STORE_PW));
        }
    }

    /** The stores this package writes open in the other tools too: openssl 3 without its legacy provider, and keytool sees a trusted entry. */
    @Test
    void opensslAndKeytoolReadTheGeneratedStores() throws Exception {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(file("ca-dir"), "lab", new ManualClock());
        ca.storesFor("kafka-1", List.of("kafka-1"), List.of("127.0.0.1"), STORE_PW);

        String keys = run("openssl", "pkcs12", "-in", ca.keystore("kafka-1").toString(), "-passin", "file:storepw", "-nodes", "-info");
        String trust = run("keytool", "-list", "-keystore", ca.truststore().toString(), "-storetype", "PKCS12", "-storepass:file", "storepw");

        assertThat(keys).contains("pbeWithSHA1And3-KeyTripleDES-CBC").contains("subject=CN = kafka-1").contains("-----BEGIN PRIVATE KEY-----");
        assertThat(trust).contains("Your keystore contains 1 entry").contains("trustedCertEntry");
        List<String> lines = new ArrayList<>(List.of(keys.split("\n")));
        assertThat(lines).noneMatch(l -> l.contains(new String(STORE_PW)));
    }
}
