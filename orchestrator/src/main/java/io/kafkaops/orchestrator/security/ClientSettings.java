package io.kafkaops.orchestrator.security;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The client properties that reach a listener as a user: security.protocol, the SASL login, the truststore. The same map
 * is the orchestrator's own connection (as admin) and the file `client-config` writes, so a stock client gets exactly
 * what the gates use. Pure; the values hold the user's password, so callers mask them when printing.
 */
public final class ClientSettings {
    private ClientSettings() {}

    /**
     * @param user       who logs in on a SASL listener (required there, ignored elsewhere)
     * @param truststore the control machine's truststore and its password, for a TLS listener
     */
    public static Map<String, String> of(Listener listener, Optional<KafkaUser> user, Optional<Truststore> truststore) {
        Map<String, String> p = new LinkedHashMap<>();
        if (listener.protocol() == Protocol.PLAINTEXT) return p;
        p.put("security.protocol", listener.protocol().name());
        if (listener.protocol().sasl()) {
            KafkaUser u = user.orElseThrow(() -> new IllegalArgumentException("listener " + listener.key() + " needs a SASL user"));
            p.put("sasl.mechanism", u.mechanism().kafkaName());
            p.put("sasl.jaas.config", u.mechanism().loginModule() + " required username=\"" + jaasQuoted(u.principal())
                    + "\" password=\"" + jaasQuoted(u.password().reveal()) + "\";");
        }
        if (listener.protocol().ssl()) {
            Truststore t = truststore.orElseThrow(() -> new IllegalArgumentException("listener " + listener.key() + " needs a truststore"));
            p.put("ssl.truststore.location", t.location());
            t.password().ifPresent(pw -> p.put("ssl.truststore.password", pw.reveal()));
            p.put("ssl.truststore.type", t.type());
            // Kafka's default since 2.0, written so nobody turns it off by copying an older file
            p.put("ssl.endpoint.identification.algorithm", "https");
        }
        return p;
    }

    /** A truststore on the control machine. */
    /** @param password empty for a PEM bundle, which has none */
    public record Truststore(String location, Optional<Password> password, String type) {}

    /** A value inside JAAS's double quotes: backslash and quote escaped, as JAAS's parser reads them back. */
    static String jaasQuoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
