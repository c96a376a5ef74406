package io.kafkaops.orchestrator.security;

import org.apache.kafka.common.security.JaasContext;
import org.junit.jupiter.api.Test;

import javax.security.auth.login.AppConfigurationEntry;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ClientSettingsTest {
    static final Listener SASL_SSL = new Listener("internal", "INTERNAL", Protocol.SASL_SSL, 9093, ClientAuth.NONE,
            List.of(Mechanism.SCRAM_SHA_512));

    @Test
    void aSaslSslListenerGetsTheLoginAndTheTruststoreAndKafkasOwnParserReadsTheLoginBack() {
        String tricky = "p\"a\\ss;word";
        KafkaUser alice = new KafkaUser("alice", "alice", Mechanism.SCRAM_SHA_512, Password.clear("sasl_scram_users.alice.password", tricky));
        Map<String, String> p = ClientSettings.of(SASL_SSL, Optional.of(alice), Optional.of(new ClientSettings.Truststore("/ca/client-truststore.p12",
                Optional.of(Password.clear("ssl_truststore_password", "trust-me")), "PKCS12")));
        assertThat(p).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.location", "/ca/client-truststore.p12").containsEntry("ssl.truststore.password", "trust-me")
                .containsEntry("ssl.truststore.type", "PKCS12").containsEntry("ssl.endpoint.identification.algorithm", "https");
        // Kafka's client reads sasl.jaas.config with this parser
        List<AppConfigurationEntry> entries = JaasContext.loadClientContext(Map.of("sasl.jaas.config",
                new org.apache.kafka.common.config.types.Password(p.get("sasl.jaas.config")))).configurationEntries();
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).getLoginModuleName()).isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule");
        Map<String, Object> options = Map.copyOf(entries.get(0).getOptions());
        assertThat(options).containsEntry("username", "alice").containsEntry("password", tricky);
    }

    @Test
    void plaintextNeedsNothingAndPemHasNoPassword() {
        assertThat(ClientSettings.of(Listener.single(Protocol.PLAINTEXT, 9092, ClientAuth.NONE, List.of()), Optional.empty(), Optional.empty()))
                .isEmpty();
        Listener ssl = Listener.single(Protocol.SSL, 9093, ClientAuth.NONE, List.of());
        Map<String, String> p = ClientSettings.of(ssl, Optional.empty(), Optional.of(new ClientSettings.Truststore("/etc/ca.pem",
                Optional.empty(), "PEM")));
        assertThat(p).containsEntry("security.protocol", "SSL").containsEntry("ssl.truststore.type", "PEM")
                .doesNotContainKey("ssl.truststore.password").doesNotContainKey("sasl.jaas.config");
    }
}
