package io.kafkaops.orchestrator.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.kafkaops.orchestrator.testkit.ManualClock;
import io.kafkaops.orchestrator.tls.Handshake.Store;

/** The generated stores in real JSSE handshakes on loopback, hostname verification on. */
class TlsHandshakeTest {
    private static final char[] PW = "handshake-store-pw".toCharArray();

    @TempDir Path dir;

    private CertificateAuthority ca() {
        return CertificateAuthority.loadOrCreate(dir.resolve("ca"), "lab", new ManualClock());
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void aClientTrustingTheCaReachesTheBrokerByItsSanAddress(String protocol) throws Exception {
        HostStores broker = ca().storesFor("kafka-1", List.of("kafka-1"), List.of("127.0.0.1"), PW);

        Handshake.Result r = Handshake.run(Store.keystore(broker, PW), Store.truststore(broker, PW), false,
                Store.truststore(broker, PW), Optional.empty(), "127.0.0.1", protocol);

        assertThat(r.serverSaw()).isEqualTo("CN=kafka-1 answered 42");
    }

    @Test
    void aCertificateWithoutTheAddressFailsHostnameVerification() throws Exception {
        HostStores broker = ca().storesFor("kafka-1", List.of("kafka-1"), List.of("10.0.0.1"), PW);

        assertThatThrownBy(() -> Handshake.run(Store.keystore(broker, PW), Store.truststore(broker, PW), false,
                Store.truststore(broker, PW), Optional.empty(), "127.0.0.1", "TLSv1.3"))
                .isInstanceOf(Handshake.Failed.class)
                .hasMessageContaining("client: CertificateException: No subject alternative names matching IP address 127.0.0.1 found");
        assertThat(CertificateInfo.hostCertificate(broker.keystore(), PW).missingSan("127.0.0.1")).isPresent();
    }

    @Test
    void aClientOfAnotherCaIsRefused() throws Exception {
        HostStores broker = ca().storesFor("kafka-1", List.of("kafka-1"), List.of("127.0.0.1"), PW);
        HostStores stranger = CertificateAuthority.loadOrCreate(dir.resolve("other"), "other", new ManualClock())
                .storesFor("kafka-1", List.of("kafka-1"), List.of("127.0.0.1"), PW);

        assertThatThrownBy(() -> Handshake.run(Store.keystore(broker, PW), Store.truststore(broker, PW), false,
                Store.truststore(stranger, PW), Optional.empty(), "127.0.0.1", "TLSv1.3"))
                .isInstanceOf(Handshake.Failed.class)
                .hasMessageContaining("unable to find valid certification path");
    }

    @Test
    void mutualTlsAcceptsAClientPresentingACaSignedCertificate() throws Exception {
        CertificateAuthority ca = ca();
        HostStores broker = ca.storesFor("kafka-1", List.of("kafka-1"), List.of("127.0.0.1"), PW);
        HostStores client = ca.storesFor("kafka-2", List.of("kafka-2"), List.of("10.0.0.2"), PW);

        Handshake.Result r = Handshake.run(Store.keystore(broker, PW), Store.truststore(broker, PW), true,
                Store.truststore(client, PW), Optional.of(Store.keystore(client, PW)), "127.0.0.1", "TLSv1.3");

        assertThat(r.clientSubject()).contains("CN=kafka-2");
    }

    @Test
    void mutualTlsRefusesAClientWithoutACertificate() {
        HostStores broker = ca().storesFor("kafka-1", List.of("kafka-1"), List.of("127.0.0.1"), PW);

        assertThatThrownBy(() -> Handshake.run(Store.keystore(broker, PW), Store.truststore(broker, PW), true,
                Store.truststore(broker, PW), Optional.empty(), "127.0.0.1", "TLSv1.3"))
                .isInstanceOf(Handshake.Failed.class)
                .hasMessageContaining("server: SSLHandshakeException: Empty client certificate chain");
    }

    /** missingSan says "passes" exactly when JSSE's hostname verification lets the handshake through. */
    @ParameterizedTest(name = "{0} / {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "kafka-1.lab.internal          | 10.0.0.1  | kafka-1.lab.internal | true",
            "kafka-1.lab.internal          | 10.0.0.1  | KAFKA-1.Lab.Internal | true",
            "kafka-1.lab.internal          | 10.0.0.1  | kafka-2.lab.internal | false",
            "*.lab.internal                | 10.0.0.1  | kafka-1.lab.internal | true",
            "*.lab.internal                | 10.0.0.1  | a.kafka-1.lab.internal | false",
            "kafka*.lab.internal           | 10.0.0.1  | kafka-9.lab.internal | true",
            "kafka-1.lab.internal          | 127.0.0.1 | 10.0.0.1             | false",
            "kafka-1.lab.internal          | ::1       | 0:0:0:0:0:0:0:1      | true",
            "kafka-1.lab.internal          | ::1       | ::2                  | false",
            "''                            | 10.0.0.1  | kafka-1              | true",
            "''                            | 10.0.0.1  | kafka-9              | false",
    })
    void missingSanAgreesWithJsse(String dnsSan, String ipSan, String name, boolean passes) throws Exception {
        List<String> dns = dnsSan.isEmpty() ? List.of() : List.of(dnsSan);
        HostStores broker = ca().storesFor("kafka-1", dns, List.of(ipSan), PW);
        boolean handshook;
        try {
            Handshake.run(Store.keystore(broker, PW), Store.truststore(broker, PW), false, Store.truststore(broker, PW), Optional.empty(), name, "TLSv1.3");
            handshook = true;
        } catch (Handshake.Failed e) {
            handshook = false;
        }

        assertThat(handshook).as("JSSE").isEqualTo(passes);
        assertThat(CertificateInfo.hostCertificate(broker.keystore(), PW).missingSan(name).isEmpty()).as("missingSan").isEqualTo(passes);
    }
}
