package io.kafkaops.orchestrator.security;

import java.util.Locale;
import java.util.Optional;

/** ssl.client.auth of a TLS listener: whether clients must (or may) show a certificate. */
public enum ClientAuth {
    NONE, REQUESTED, REQUIRED;

    /** As ssl.client.auth writes it. */
    public String kafkaName() { return name().toLowerCase(Locale.ROOT); }

    /** cp-ansible's ssl_client_authentication word. */
    public static Optional<ClientAuth> of(String word) {
        for (ClientAuth a : values()) if (a.kafkaName().equals(word.strip().toLowerCase(Locale.ROOT))) return Optional.of(a);
        return Optional.empty();
    }
}
