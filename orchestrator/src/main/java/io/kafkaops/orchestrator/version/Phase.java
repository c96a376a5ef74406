package io.kafkaops.orchestrator.version;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One phase of an upgrade path. {@code pinsAfter} is the complete pin state server.properties must
 * hold once the phase is done, so config rendering and resume compare against one value.
 */
public record Phase(int number, Kind kind, String title, Optional<String> binaries, Map<String, String> pinsSet,
                    List<String> pinsRemoved, List<String> topicConfigsRemoved, Map<String, String> pinsAfter,
                    Optional<String> pointOfNoReturn, Nodes nodes) {

    public enum Kind {
        /** Upload and unpack the new version on every broker host; nothing restarts. */
        STAGE,
        /** Restart every broker on the new binaries, pins holding the protocol back. */
        BINARY_ROLL,
        /** Restart every broker to raise or remove pins; cannot be undone. */
        FINALIZE_ROLL,
        /** Restart every broker on the older binaries, pins kept. */
        ROLLBACK_ROLL,
        /** KRaft: set the release's feature levels (metadata.version and the others) through the Admin API; nothing restarts. */
        FINALIZE_FEATURES
    }

    /** A phase of the brokers (every ZooKeeper-mode phase). */
    public Phase(int number, Kind kind, String title, Optional<String> binaries, Map<String, String> pinsSet, List<String> pinsRemoved,
                 List<String> topicConfigsRemoved, Map<String, String> pinsAfter, Optional<String> pointOfNoReturn) {
        this(number, kind, title, binaries, pinsSet, pinsRemoved, topicConfigsRemoved, pinsAfter, pointOfNoReturn, Nodes.BROKERS);
    }

    public Phase {
        pinsSet = Collections.unmodifiableMap(new LinkedHashMap<>(pinsSet));
        pinsRemoved = List.copyOf(pinsRemoved);
        topicConfigsRemoved = List.copyOf(topicConfigsRemoved);
        pinsAfter = Collections.unmodifiableMap(new LinkedHashMap<>(pinsAfter));
    }

    public boolean irreversible() { return pointOfNoReturn.isPresent(); }

    /** A rolling restart (of brokers or controllers): everything but staging and the feature bump. */
    public boolean restartsBrokers() { return kind != Kind.STAGE && kind != Kind.FINALIZE_FEATURES; }

    /** One line for the plan: "phase 3, finalize roll (POINT OF NO RETURN): ...". */
    public String describe() {
        List<String> what = new ArrayList<>();
        binaries.ifPresent(v -> what.add((kind == Kind.STAGE ? "unpack Kafka " : "run Kafka ") + v
                + (nodes == Nodes.CONTROLLERS ? " on the controllers" : "")));
        pinsSet.forEach((k, v) -> what.add(k + "=" + v));
        pinsRemoved.forEach(k -> what.add("remove " + k));
        if (restartsBrokers()) {
            pinsAfter.forEach((k, v) -> { if (!pinsSet.containsKey(k)) what.add("keep " + k + "=" + v); });
        }
        topicConfigsRemoved.forEach(k -> what.add("remove topic-level " + k + " where set"));
        String kindWords = kind.name().toLowerCase().replace('_', ' ');
        return "phase " + number + ", " + kindWords + (irreversible() ? " (POINT OF NO RETURN)" : "") + ": " + title
                + (what.isEmpty() ? "" : " - " + String.join(", ", what))
                + pointOfNoReturn.map(p -> "; " + p).orElse("");
    }
}
