package io.kafkaops.orchestrator.install;

import io.kafkaops.orchestrator.BadInput;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** upgrade/versions.yml: the releases we know, their Scala build, and the defaults. */
public record KnownReleases(String defaultKafka, String defaultZooKeeper, Map<String, String> kafkaScala,
                            List<String> zookeeperVersions, Path source) {

    @SuppressWarnings("unchecked")
    public static KnownReleases load(Path file) {
        try {
            Map<String, Object> doc = (Map<String, Object>) io.kafkaops.orchestrator.DataFile.readYaml(file);
            Map<String, Object> defaults = (Map<String, Object>) doc.get("defaults");
            return new KnownReleases(String.valueOf(defaults.get("kafka")), String.valueOf(defaults.get("zookeeper")),
                    (Map<String, String>) doc.get("kafka"), (List<String>) doc.get("zookeeper"), file);
        } catch (ClassCastException | NullPointerException e) {
            throw new BadInput(file, null, "cannot read the release table: " + e.getMessage(),
                    "restore upgrade/versions.yml from the repository");
        }
    }

    /** The Scala build for a Kafka version: the table's, else Apache's usual one (2.12 before 3.0, 2.13 after). */
    public KafkaRelease kafka(String version, Optional<String> scalaOverride) {
        String scala = scalaOverride.orElseGet(() -> kafkaScala.getOrDefault(version,
                version.matches("[012]\\..*") ? "2.12" : "2.13"));
        return new KafkaRelease(version, scala);
    }

    public boolean knowsKafka(String version) { return kafkaScala.containsKey(version); }
}
