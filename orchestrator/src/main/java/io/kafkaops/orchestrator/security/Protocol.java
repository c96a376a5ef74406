package io.kafkaops.orchestrator.security;

/** Kafka's security protocol of a listener: whether it speaks TLS, and whether clients log in with SASL. */
public enum Protocol {
    PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL;

    public static Protocol of(boolean ssl, boolean sasl) {
        return sasl ? (ssl ? SASL_SSL : SASL_PLAINTEXT) : (ssl ? SSL : PLAINTEXT);
    }

    public boolean ssl() { return this == SSL || this == SASL_SSL; }

    public boolean sasl() { return this == SASL_PLAINTEXT || this == SASL_SSL; }
}
