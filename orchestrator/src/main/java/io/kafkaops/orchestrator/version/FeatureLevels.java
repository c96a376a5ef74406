package io.kafkaops.orchestrator.version;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The KRaft feature bump, decided: which features rise from which level to which (never one down, never kraft.version),
 * and what refuses it. Pure; the levels come from the cluster (describeFeatures) and from upgrade/versions.yml.
 */
public final class FeatureLevels {
    /** Never changed by the orchestrator: finalizing it turns a static quorum dynamic (KAFKA-18979). */
    public static final String KRAFT_VERSION = "kraft.version";
    public static final String METADATA_VERSION = "metadata.version";
    /** Kafka 4.0 starts only on metadata.version 3.3-IV3 or later (level 7). */
    public static final short MIN_METADATA_LEVEL_FOR_4 = 7;

    private FeatureLevels() {}

    /** One feature's change: from its finalized level (0 when not finalized) to the release's. */
    public record Raise(String feature, short from, short to) {
        @Override
        public String toString() { return feature + " " + from + " -> " + to; }
    }

    /** The features below the release's levels, in name order; features already at or above them are left as they are. */
    public static List<Raise> raise(Map<String, Short> finalized, Map<String, Short> target) {
        List<Raise> out = new ArrayList<>();
        new TreeMap<>(target).forEach((feature, level) -> {
            if (feature.equals(KRAFT_VERSION)) return;
            short now = finalized.getOrDefault(feature, (short) 0);
            if (now < level) out.add(new Raise(feature, now, level));
        });
        return out;
    }

    /**
     * Why the bump must not run: a node whose binaries announce another release than the target (the new levels would
     * stop it), or a level the cluster's nodes do not support.
     *
     * @param announced each node's label -> the Kafka version its binaries run (its start log, else its install link)
     * @param supportedMax each feature's highest level every node supports (describeFeatures)
     */
    public static List<String> refusals(Map<String, String> announced, String targetVersion, List<Raise> raises,
                                        Map<String, Short> supportedMax) {
        List<String> out = new ArrayList<>();
        new LinkedHashMap<>(announced).forEach((node, version) -> {
            if (!version.equals(targetVersion)) out.add(node + " still runs Kafka " + version + ", not " + targetVersion
                    + ": roll every controller and broker to the new binaries before the feature levels rise");
        });
        for (Raise r : raises) {
            Optional<Short> max = Optional.ofNullable(supportedMax.get(r.feature()));
            if (max.isEmpty() || max.get() < r.to()) {
                out.add(r.feature() + " level " + r.to() + " is not supported by every node (highest: "
                        + max.map(String::valueOf).orElse("none") + ")");
            }
        }
        return out;
    }

    /** Before a 4.x upgrade: the metadata.version a 4.x node can start on. */
    public static Optional<String> blocksFour(Map<String, Short> finalized) {
        short mv = finalized.getOrDefault(METADATA_VERSION, (short) 0);
        if (mv >= MIN_METADATA_LEVEL_FOR_4) return Optional.empty();
        return Optional.of("metadata.version is at level " + mv + ", below 3.3-IV3 (level " + MIN_METADATA_LEVEL_FOR_4
                + "), which Kafka 4.x needs to start: upgrade to 3.9 and finalize its feature levels first");
    }

    /** The major version in a `java -version` first line ("openjdk version \"17.0.9\"" -> 17; "1.8.0_392" -> 8); empty if unreadable. */
    public static Optional<Integer> javaMajor(String versionLine) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("version \"(\\d+)(?:\\.(\\d+))?").matcher(versionLine);
        if (!m.find()) return Optional.empty();
        int first = Integer.parseInt(m.group(1));
        return Optional.of(first == 1 && m.group(2) != null ? Integer.parseInt(m.group(2)) : first);
    }
}
