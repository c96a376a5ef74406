package io.kafkaops.orchestrator.host;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a broker's host runs: the version its link points at and the pins server.properties sets. Upgrades plan from it,
 * a roll's switch aims at it.
 */
public record HostState(String version, Map<String, String> pins) {
    public HostState {
        // in the file's order, as printed
        pins = Collections.unmodifiableMap(new LinkedHashMap<>(pins));
    }

    @Override
    public String toString() { return version + (pins.isEmpty() ? " (no pins)" : " " + pins); }
}
