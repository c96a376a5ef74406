package io.kafkaops.orchestrator.install;

import io.kafkaops.orchestrator.BadInput;
import io.kafkaops.orchestrator.DataFile;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** upgrade/versions.yml: the releases we know, their Scala build, the Scala build of the others, and the defaults. */
public record KnownReleases(String defaultKafka, String defaultZooKeeper, Map<String, String> kafkaScala,
                            UnlistedScala unlistedScala, List<String> zookeeperVersions,
                            Map<String, Map<String, Short>> kraftFeatures, Path source) {

    /** Apache's usual Scala build of a Kafka version the table does not list: {@code older} before major {@code beforeMajor}. */
    public record UnlistedScala(int beforeMajor, String older, String newer) {
        private static final Pattern MAJOR = Pattern.compile("(\\d+)\\.");

        String of(String version) {
            Matcher m = MAJOR.matcher(version);
            return m.lookingAt() && Integer.parseInt(m.group(1)) < beforeMajor ? older : newer;
        }
    }

    @SuppressWarnings("unchecked")
    public static KnownReleases load(Path file) {
        try {
            Map<String, Object> doc = (Map<String, Object>) DataFile.readYaml(file);
            Map<String, Object> defaults = (Map<String, Object>) doc.get("defaults");
            Map<String, Object> unlisted = (Map<String, Object>) doc.get("unlisted_kafka_scala");
            UnlistedScala scala = new UnlistedScala(Integer.parseInt(String.valueOf(unlisted.get("before_major"))),
                    (String) unlisted.get("older"), (String) unlisted.get("newer"));
            Map<String, Map<String, Short>> features = new TreeMap<>();
            Map<String, Object> raw = (Map<String, Object>) doc.getOrDefault("kraft_features", Map.of());
            raw.forEach((release, levels) -> {
                Map<String, Short> byFeature = new TreeMap<>();
                ((Map<String, Object>) levels).forEach((f, level) -> byFeature.put(f, Short.parseShort(String.valueOf(level))));
                features.put(String.valueOf(release), Map.copyOf(byFeature));
            });
            return new KnownReleases(String.valueOf(defaults.get("kafka")), String.valueOf(defaults.get("zookeeper")),
                    (Map<String, String>) doc.get("kafka"), scala, (List<String>) doc.get("zookeeper"), Map.copyOf(features), file);
        } catch (ClassCastException | NullPointerException | NumberFormatException e) {
            throw new BadInput(file, null, "cannot read the release table: " + e.getMessage(),
                    "restore upgrade/versions.yml from the repository");
        }
    }

    /** The Scala build for a Kafka version: the inventory's override, the table's, else the usual one (versions.yml says which). */
    public KafkaRelease kafka(String version, Optional<String> scalaOverride) {
        String scala = scalaOverride.orElseGet(() -> kafkaScala.getOrDefault(version, unlistedScala.of(version)));
        return new KafkaRelease(version, scala);
    }

    public boolean knowsKafka(String version) { return kafkaScala.containsKey(version); }

    /** The KRaft feature levels a release finalizes (versions.yml kraft_features, by major.minor); empty when not listed. */
    public Optional<Map<String, Short>> kraftFeatures(String version) {
        Matcher m = MAJOR_MINOR.matcher(version);
        return m.lookingAt() ? Optional.ofNullable(kraftFeatures.get(m.group(1))) : Optional.empty();
    }

    private static final Pattern MAJOR_MINOR = Pattern.compile("(\\d+\\.\\d+)");
}
