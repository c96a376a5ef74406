package io.kafkaops.orchestrator.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.kafkaops.orchestrator.testkit.ManualClock;

class CertificateInfoTest {
    private static final char[] PW = "info-test-store-pw".toCharArray();
    private static final Instant NOW = Instant.parse("2026-11-26T03:00:00Z");

    @TempDir Path dir;

    @Test
    void describeListsTheHostChainThenTheTrustedCa() {
        ManualClock clock = new ManualClock();
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir, "lab", clock);
        HostStores s = ca.storesFor("kafka-1", List.of("kafka-1"), List.of("10.0.0.1"), PW);

        List<CertificateInfo> keys = CertificateInfo.describe(s.keystore(), PW);
        List<CertificateInfo> trust = CertificateInfo.describe(ca.truststore(), PW);

        assertThat(keys).extracting(CertificateInfo::subject).containsExactly("CN=kafka-1", "O=orchestrator,CN=lab CA");
        assertThat(keys.get(0).issuer()).isEqualTo("O=orchestrator,CN=lab CA");
        assertThat(keys.get(0).sans()).containsExactly("DNS:kafka-1", "IP:10.0.0.1");
        assertThat(keys.get(1).notAfter()).isEqualTo(clock.instant().plus(CertificateAuthority.CA_VALIDITY));
        assertThat(trust).containsExactly(ca.describe());
        assertThat(CertificateInfo.hostCertificate(s.keystore(), PW)).isEqualTo(keys.get(0));
    }

    @Test
    void expiringWithinNamesTheHostsWhoseCertificateEndsInTheWindow() {
        CertificateInfo soon = info(List.of("a"), List.of(), NOW.plus(Duration.ofDays(10)));
        CertificateInfo later = info(List.of("b"), List.of(), NOW.plus(Duration.ofDays(300)));
        CertificateInfo gone = info(List.of("c"), List.of(), NOW.minus(Duration.ofDays(1)));
        CertificateInfo edge = info(List.of("d"), List.of(), NOW.plus(Duration.ofDays(30)));

        assertThat(CertificateInfo.expiringWithin(Map.of("kafka-3", soon, "kafka-1", later, "kafka-2", gone, "kafka-4", edge), Duration.ofDays(30), NOW))
                .containsExactly("kafka-2", "kafka-3", "kafka-4");
        assertThat(later.expiresWithin(Duration.ofDays(30), NOW)).isFalse();
    }

    @Test
    void missingSanSaysWhatIsMissingInOneSentence() {
        CertificateInfo c = info(List.of("kafka-1.lab.internal"), List.of("10.0.0.1"), NOW);

        assertThat(c.missingSan("10.0.0.2")).contains("the certificate CN=kafka-1 has the subject alternative names DNS:kafka-1.lab.internal, "
                + "IP:10.0.0.1 but not IP:10.0.0.2, the address clients connect to: TLS hostname verification (on by default since Kafka 2.0) would refuse it");
        assertThat(c.missingSan("kafka-1")).hasValueSatisfying(r -> assertThat(r).contains("but not DNS:kafka-1, the name clients connect to"));
        assertThat(c.missingSan("10.0.0.1")).isEmpty();
        assertThat(c.missingSan("KAFKA-1.lab.internal")).isEmpty();
    }

    @Test
    void missingSanReadsIpv6InAnyFormAndBrackets() {
        CertificateInfo c = info(List.of(), List.of(CertificateInfo.canonicalIp("fd00::1")), NOW);

        assertThat(c.missingSan("fd00:0:0:0:0:0:0:1")).isEmpty();
        assertThat(c.missingSan("[fd00::1]")).isEmpty();
        assertThat(c.missingSan("fd00::2")).isPresent();
    }

    @Test
    void wildcardsMatchOneLabelAndNeverATopLevelName() {
        assertThat(CertificateInfo.dnsMatches("kafka-1.lab.internal", "*.lab.internal")).isTrue();
        assertThat(CertificateInfo.dnsMatches("lab.internal", "*.lab.internal")).isFalse();
        assertThat(CertificateInfo.dnsMatches("x.kafka-1.lab.internal", "*.lab.internal")).isFalse();
        assertThat(CertificateInfo.dnsMatches("internal", "*")).isFalse();
        assertThat(CertificateInfo.dnsMatches("lab.internal", "lab.*")).isFalse();
    }

    private static CertificateInfo info(List<String> dns, List<String> ips, Instant notAfter) {
        return new CertificateInfo("CN=kafka-1", dns, ips, notAfter, "CN=lab CA");
    }
}
