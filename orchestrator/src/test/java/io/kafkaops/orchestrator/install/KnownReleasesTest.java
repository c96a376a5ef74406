package io.kafkaops.orchestrator.install;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class KnownReleasesTest {
    static final KnownReleases RELEASES = KnownReleases.load(Path.of("upgrade/versions.yml"));

    @Test
    void anUnlistedVersionGetsApachesUsualScalaFromTheTable() {
        assertThat(RELEASES.knowsKafka("2.7.0")).isFalse();
        assertThat(RELEASES.kafka("2.7.0", Optional.empty()).scala()).isEqualTo("2.12");
        assertThat(RELEASES.kafka("0.10.2.2", Optional.empty()).scala()).isEqualTo("2.12");
        assertThat(RELEASES.kafka("3.1.0", Optional.empty()).scala()).isEqualTo("2.13");
        assertThat(RELEASES.kafka("10.0.0", Optional.empty()).scala()).isEqualTo("2.13");
    }

    @Test
    void theListedBuildAndTheInventorysOverrideComeFirst() {
        assertThat(RELEASES.kafka("2.8.2", Optional.empty()).scala()).isEqualTo("2.13");
        assertThat(RELEASES.kafka("2.7.0", Optional.of("2.13")).tarballName()).isEqualTo("kafka_2.13-2.7.0.tgz");
    }
}
