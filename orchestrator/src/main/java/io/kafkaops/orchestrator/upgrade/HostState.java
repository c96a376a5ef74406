package io.kafkaops.orchestrator.upgrade;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a broker's host runs, as an upgrade plans from it: the version its link points at and the pins server.properties sets. */
public record HostState(String version, Map<String, String> pins) {
    public HostState {
        // in the file's order, as printed
        pins = Collections.unmodifiableMap(new LinkedHashMap<>(pins));
    }

    @Override
    public String toString() { return version + (pins.isEmpty() ? " (no pins)" : " " + pins); }
}
