package io.kafkaops.orchestrator.gate;

import io.kafkaops.orchestrator.version.Pins;
import io.kafkaops.orchestrator.version.UpgradePath;
import io.kafkaops.orchestrator.version.VersionMatrix;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static io.kafkaops.orchestrator.testkit.SnapshotBuilder.healthy;
import static org.assertj.core.api.Assertions.assertThat;

class VersionCensusTest {

    @Test
    void aUniformClusterFeedsThePlanner() {
        ClusterSnapshot s = healthy().allBrokers("2.6.3", Map.of(Pins.IBP, "2.1", Pins.LMF, "2.1")).build();
        VersionCensus census = VersionCensus.of(s);
        assertThat(census.problems()).isEmpty();
        assertThat(census.version()).contains("2.6.3");
        assertThat(census.ibp()).contains("2.1");
        UpgradePath path = VersionMatrix.load(Path.of("upgrade/matrix.yml"))
                .plan(census.version().orElseThrow(), census.ibp(), census.lmf(), "2.1.1");
        assertThat(path).isInstanceOf(UpgradePath.Planned.class);
        assertThat(ClusterGate.beforeRoll(s, path, GateSettings.defaults())).isInstanceOf(GateVerdict.Pass.class);
    }

    @Test
    void aMixedClusterHasNoVersionToPlanFrom() {
        VersionCensus census = VersionCensus.of(healthy().versions(1, "2.1.1", "2.1.1").build());
        assertThat(census.version()).isEmpty();
        assertThat(census.problems()).singleElement().asString().contains("2.1.1 on brokers [1]");
    }
}
