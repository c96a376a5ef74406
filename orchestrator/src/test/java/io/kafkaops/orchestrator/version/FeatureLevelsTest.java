package io.kafkaops.orchestrator.version;

import io.kafkaops.orchestrator.install.KnownReleases;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The KRaft feature bump decided without a cluster: what rises, what refuses it, and the 4.x floor. */
class FeatureLevelsTest {
    static final Map<String, Short> FOUR_ONE = KnownReleases.load(Path.of("upgrade/versions.yml")).kraftFeatures("4.1.1").orElseThrow();

    @Test
    void theReleasesLevelsComeFromVersionsYmlByMajorMinor() {
        assertThat(FOUR_ONE).containsExactlyInAnyOrderEntriesOf(Map.of("metadata.version", (short) 27, "transaction.version", (short) 2,
                "group.version", (short) 1, "eligible.leader.replicas.version", (short) 1));
        assertThat(KnownReleases.load(Path.of("upgrade/versions.yml")).kraftFeatures("2.6.3")).isEmpty();
    }

    @Test
    void eachFeatureBelowTheReleaseRisesNoneGoesDownAndKraftVersionIsNeverTouched() {
        Map<String, Short> finalized = Map.of("metadata.version", (short) 21, "group.version", (short) 2, "kraft.version", (short) 0);
        Map<String, Short> target = new java.util.HashMap<>(FOUR_ONE);
        target.put("kraft.version", (short) 1);
        assertThat(FeatureLevels.raise(finalized, target)).extracting(Object::toString).containsExactly(
                "eligible.leader.replicas.version 0 -> 1", "metadata.version 21 -> 27", "transaction.version 0 -> 2");
        assertThat(FeatureLevels.raise(FOUR_ONE, FOUR_ONE)).isEmpty();
    }

    @Test
    void aNodeOnOtherBinariesOrALevelNotEverywhereSupportedRefusesTheBump() {
        List<FeatureLevels.Raise> raises = FeatureLevels.raise(Map.of("metadata.version", (short) 21), FOUR_ONE);
        Map<String, Short> supported = Map.of("metadata.version", (short) 27, "transaction.version", (short) 2, "group.version", (short) 1,
                "eligible.leader.replicas.version", (short) 1);
        assertThat(FeatureLevels.refusals(Map.of("controller 9991 (kctl1)", "4.1.1", "broker 1 (kafka1)", "4.1.1"), "4.1.1", raises,
                supported)).isEmpty();
        assertThat(FeatureLevels.refusals(Map.of("broker 2 (kafka2)", "3.9.2"), "4.1.1", raises, supported)).containsExactly(
                "broker 2 (kafka2) still runs Kafka 3.9.2, not 4.1.1: roll every controller and broker to the new binaries before the"
                        + " feature levels rise");
        assertThat(FeatureLevels.refusals(Map.of(), "4.1.1", raises, Map.of("metadata.version", (short) 21)))
                .contains("metadata.version level 27 is not supported by every node (highest: 21)",
                        "group.version level 1 is not supported by every node (highest: none)");
    }

    @Test
    void fourNeedsMetadataVersion33IV3AndJava17() {
        assertThat(FeatureLevels.blocksFour(Map.of("metadata.version", (short) 7))).isEmpty();
        assertThat(FeatureLevels.blocksFour(Map.of("metadata.version", (short) 6))).get().asString()
                .contains("below 3.3-IV3 (level 7)").contains("upgrade to 3.9 and finalize its feature levels first");
        assertThat(FeatureLevels.javaMajor("openjdk version \"17.0.13\" 2024-10-15")).contains(17);
        assertThat(FeatureLevels.javaMajor("openjdk version \"21\" 2023-09-19")).contains(21);
        assertThat(FeatureLevels.javaMajor("java version \"1.8.0_392\"")).contains(8);
        assertThat(FeatureLevels.javaMajor("bash: java: command not found")).isEmpty();
    }
}
