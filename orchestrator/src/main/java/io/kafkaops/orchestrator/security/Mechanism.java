package io.kafkaops.orchestrator.security;

import java.util.Locale;
import java.util.Optional;

/** The SASL mechanisms the orchestrator sets up, with Kafka's names and the cp-ansible word (sasl_protocol) for each. */
public enum Mechanism {
    SCRAM_SHA_512("SCRAM-SHA-512", "scram", "sasl_scram_users", "org.apache.kafka.common.security.scram.ScramLoginModule"),
    SCRAM_SHA_256("SCRAM-SHA-256", "scram256", "sasl_scram256_users", "org.apache.kafka.common.security.scram.ScramLoginModule"),
    PLAIN("PLAIN", "plain", "sasl_plain_users", "org.apache.kafka.common.security.plain.PlainLoginModule");

    private final String kafkaName;
    private final String saslProtocol;
    private final String usersVariable;
    private final String loginModule;

    Mechanism(String kafkaName, String saslProtocol, String usersVariable, String loginModule) {
        this.kafkaName = kafkaName;
        this.saslProtocol = saslProtocol;
        this.usersVariable = usersVariable;
        this.loginModule = loginModule;
    }

    /** As sasl.enabled.mechanisms and sasl.mechanism write it: SCRAM-SHA-512. */
    public String kafkaName() { return kafkaName; }

    /** cp-ansible's sasl_protocol word: scram, scram256, plain. */
    public String saslProtocol() { return saslProtocol; }

    /** cp-ansible's dictionary of this mechanism's users: sasl_scram_users, sasl_scram256_users, sasl_plain_users. */
    public String usersVariable() { return usersVariable; }

    /** The JAAS login module a client (and the broker's own inter-broker login) uses. */
    public String loginModule() { return loginModule; }

    public boolean scram() { return this != PLAIN; }

    /** cp-ansible's word (case-insensitive) or Kafka's name. */
    public static Optional<Mechanism> of(String word) {
        String w = word.strip();
        for (Mechanism m : values()) {
            if (m.saslProtocol.equalsIgnoreCase(w) || m.kafkaName.equalsIgnoreCase(w)) return Optional.of(m);
        }
        return Optional.empty();
    }

    @Override
    public String toString() { return kafkaName; }

    static String words() {
        return String.join("|", java.util.Arrays.stream(values()).map(m -> m.saslProtocol.toLowerCase(Locale.ROOT)).toList());
    }
}
