package io.kafkaops.orchestrator.roll;

import io.kafkaops.orchestrator.gate.ClusterSnapshot;
import io.kafkaops.orchestrator.gate.GateSettings;
import io.kafkaops.orchestrator.gate.GateVerdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class GatePollerTest {
    @TempDir Path tmp;
    final SimulatedCluster cluster = new SimulatedCluster();

    @Test
    void aSeedSampleThatRefusedBreaksTheRunOfPassingSamples() {
        GateSettings settings = GateSettings.defaults(); // two samples 2 s apart
        RollLog log = new RollLog("test", cluster.names(), new PrintWriter(new StringWriter(), true), tmp.resolve("j.jsonl"), cluster.clock);
        GatePoller poller = new GatePoller(cluster, settings, cluster.clock, Duration.ofSeconds(1), cluster.clock::advance, log);
        Instant t0 = cluster.clock.instant();
        Map<ClusterSnapshot, GateVerdict> seen = new IdentityHashMap<>();
        ClusterSnapshot passed = cluster.sample(Optional.empty(), Set.of());
        seen.put(passed, GateVerdict.pass());
        cluster.clock.advance(Duration.ofMillis(1000));
        ClusterSnapshot refused = cluster.sample(Optional.empty(), Set.of());
        seen.put(refused, GateVerdict.refuse("partition orders-0 is under-replicated"));
        cluster.clock.advance(Duration.ofMillis(500));
        ClusterSnapshot passedAgain = cluster.sample(Optional.empty(), Set.of());
        seen.put(passedAgain, GateVerdict.pass());
        cluster.clock.advance(Duration.ofMillis(600));
        Function<ClusterSnapshot, GateVerdict> judge = s -> seen.getOrDefault(s, GateVerdict.pass());

        GateVerdict v = poller.poll("G1", Optional.of(2), Optional.of(2), Set.of(), judge, judge, List.of(passed, refused, passedAgain),
                Optional.empty());

        assertThat(v).isInstanceOf(GateVerdict.Pass.class);
        // not passed on the first new sample (2.1 s after the first seed, with a refusal between): the run began at the last seed
        assertThat(Duration.between(t0.plusMillis(1500), cluster.clock.instant())).isGreaterThanOrEqualTo(settings.sampleSpacing());
    }
}
