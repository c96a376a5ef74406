package io.kafkaops.orchestrator.security;

import java.util.List;
import java.util.Locale;

/**
 * One broker listener as the inventory names it (cp-ansible's kafka_broker_listeners entry).
 *
 * @param key        the inventory's key of the entry (kafka_broker_inter_broker_listener_name and kafka_client_listener_name
 *                   refer to it)
 * @param name       Kafka's listener name (INTERNAL), as listeners= and listener.security.protocol.map write it
 * @param mechanisms the SASL mechanisms clients of this listener use, the first being the one the orchestrator's own clients
 *                   use; empty unless the protocol is SASL
 * @param clientAuth ssl.client.auth of the listener; NONE unless the protocol is TLS
 */
public record Listener(String key, String name, Protocol protocol, int port, ClientAuth clientAuth, List<Mechanism> mechanisms) {
    public Listener {
        mechanisms = List.copyOf(mechanisms);
        if (protocol.sasl() == mechanisms.isEmpty()) {
            throw new IllegalArgumentException("listener " + key + ": a SASL listener has mechanisms, any other none");
        }
        if (!protocol.ssl() && clientAuth != ClientAuth.NONE) {
            throw new IllegalArgumentException("listener " + key + ": client authentication needs TLS");
        }
    }

    /** Today's single listener: its name is its protocol (PLAINTEXT://...:9092), its key the name in lower case. */
    public static Listener single(Protocol protocol, int port, ClientAuth clientAuth, List<Mechanism> mechanisms) {
        return new Listener(protocol.name().toLowerCase(Locale.ROOT), protocol.name(), protocol, port, clientAuth, mechanisms);
    }

    /** The name in listener-prefixed settings: listener.name.internal.ssl.client.auth. */
    public String prefixName() { return name.toLowerCase(Locale.ROOT); }

    /** The mechanism clients of this listener log in with (empty: no SASL). */
    public java.util.Optional<Mechanism> mechanism() {
        return mechanisms.stream().findFirst();
    }

    @Override
    public String toString() {
        return key + " (" + name + ", " + protocol + " on " + port + (mechanisms.isEmpty() ? "" : ", " + mechanisms)
                + (clientAuth == ClientAuth.NONE ? "" : ", client certificates " + clientAuth.kafkaName()) + ")";
    }
}
