package io.kafkaops.orchestrator.gate;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One broker as a snapshot saw it. {@code host} is empty for a broker that is registered but not in
 * the inventory; versions are empty where they could not be read (yet).
 *
 * @param hostVersion   the version the host is set up to run (install symlink / jar names)
 * @param brokerVersion the version the running broker reports (app-info / its start-up log)
 * @param pins          inter.broker.protocol.version / log.message.format.version as server.properties on the host sets them
 * @param recovery      present while the broker is loading/recovering its logs
 * @param startLogRead  the broker's start-up log of its current start could be read: it will announce its version there
 */
public record BrokerState(int id, Optional<String> host, boolean registered, Optional<String> hostVersion,
                          Optional<String> brokerVersion, Map<String, String> pins, Optional<LogRecovery> recovery,
                          boolean startLogRead) {

    public BrokerState {
        pins = Collections.unmodifiableMap(new TreeMap<>(pins));
    }

    /** A broker whose start-up log was not read (not this roll's business, or no log to read). */
    public BrokerState(int id, Optional<String> host, boolean registered, Optional<String> hostVersion,
                       Optional<String> brokerVersion, Map<String, String> pins, Optional<LogRecovery> recovery) {
        this(id, host, registered, hostVersion, brokerVersion, pins, recovery, false);
    }

    public boolean inInventory() { return host.isPresent(); }

    public boolean recovering() { return recovery.isPresent(); }

    /** "broker 2 (kafka2)" - how every verdict names a broker. */
    public String label() { return "broker " + id + host.map(h -> " (" + h + ")").orElse(""); }
}
