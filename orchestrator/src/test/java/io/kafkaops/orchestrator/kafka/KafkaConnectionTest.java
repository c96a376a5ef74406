package io.kafkaops.orchestrator.kafka;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A connection prints its client settings with the plan's masking rule: no secret in a log line or an exception. */
class KafkaConnectionTest {
    @Test
    void printedSettingsMaskEverySecretKey() {
        KafkaConnection c = new KafkaConnection("10.0.0.1:9092", Map.of("security.protocol", "SASL_SSL", "ssl.keystore.password", "P1;x",
                "sasl.jaas.config", "o.ScramLoginModule required username=\"u\" password=\"P2\";", "sasl.oauthbearer.token", "P3"));
        assertThat(c.toString()).contains("security.protocol=SASL_SSL").doesNotContain("P1").doesNotContain("P2").doesNotContain("P3");
    }
}
