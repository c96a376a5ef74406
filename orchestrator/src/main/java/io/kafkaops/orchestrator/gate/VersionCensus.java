package io.kafkaops.orchestrator.gate;

import io.kafkaops.orchestrator.version.KafkaVersion;
import io.kafkaops.orchestrator.version.Pins;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * G0.6: which version and pins the inventory brokers run, recorded before a roll. A cluster is
 * ready to plan only when they agree; a mix means an earlier roll stopped half-way.
 *
 * @param byVersion running version (broker-reported, else host) -> broker ids
 * @param byPins    pin set -> broker ids
 */
public record VersionCensus(Map<String, List<Integer>> byVersion, Map<Map<String, String>, List<Integer>> byPins,
                            List<String> problems) {

    public VersionCensus {
        byVersion = Collections.unmodifiableMap(new TreeMap<>(byVersion));
        byPins = Collections.unmodifiableMap(new LinkedHashMap<>(byPins));
        problems = List.copyOf(problems);
    }

    public static VersionCensus of(ClusterSnapshot s) {
        Map<String, List<Integer>> byVersion = new TreeMap<>();
        Map<Map<String, String>, List<Integer>> byPins = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (BrokerState b : s.brokers()) {
            if (!b.inInventory()) continue;
            byPins.computeIfAbsent(b.pins(), p -> new ArrayList<>()).add(b.id());
            Optional<String> running = b.brokerVersion().or(b::hostVersion);
            if (running.isEmpty()) {
                problems.add("the version of " + b.label() + " is unknown (neither its host nor the broker told)");
                continue;
            }
            if (b.hostVersion().isPresent() && b.brokerVersion().isPresent()
                    && !sameVersion(b.hostVersion().get(), b.brokerVersion().get())) {
                problems.add(b.label() + " runs " + b.brokerVersion().get() + " but its host is set up for " + b.hostVersion().get()
                        + "; an earlier roll stopped half-way on it");
            }
            byVersion.computeIfAbsent(KafkaVersion.parse(running.get()).map(KafkaVersion::toString).orElse(running.get()),
                    v -> new ArrayList<>()).add(b.id());
        }
        if (byVersion.size() > 1) {
            problems.add("the brokers run different versions: " + String.join(", ", byVersion.entrySet().stream()
                    .map(e -> e.getKey() + " on brokers " + e.getValue()).toList())
                    + "; resume or roll back the interrupted roll before starting a new one");
        }
        if (byPins.size() > 1) {
            problems.add("the brokers have different protocol pins: " + String.join(", ", byPins.entrySet().stream()
                    .map(e -> (e.getKey().isEmpty() ? "no pins" : e.getKey().toString()) + " on brokers " + e.getValue()).toList())
                    + "; an earlier pin roll stopped half-way, resume it first");
        }
        return new VersionCensus(byVersion, byPins, problems);
    }

    /** The one version every inventory broker runs, if they agree. */
    public Optional<String> version() {
        return byVersion.size() == 1 && problems.isEmpty() ? Optional.of(byVersion.keySet().iterator().next()) : Optional.empty();
    }

    /** The one pin set every inventory broker has, if they agree (empty map: nothing pinned). */
    public Optional<Map<String, String>> pins() {
        return byPins.size() == 1 ? Optional.of(byPins.keySet().iterator().next()) : Optional.empty();
    }

    /** The agreed inter.broker.protocol.version pin, as VersionMatrix.plan takes it. */
    public Optional<String> ibp() { return pins().flatMap(p -> Optional.ofNullable(p.get(Pins.IBP))); }

    /** The agreed log.message.format.version pin, as VersionMatrix.plan takes it. */
    public Optional<String> lmf() { return pins().flatMap(p -> Optional.ofNullable(p.get(Pins.LMF))); }

    static boolean sameVersion(String a, String b) {
        Optional<KafkaVersion> va = KafkaVersion.parse(a);
        return va.isPresent() ? va.equals(KafkaVersion.parse(b)) : a.trim().equals(b.trim());
    }
}
