package io.kafkaops.orchestrator.upgrade;

import io.kafkaops.orchestrator.host.HostState;

import io.kafkaops.orchestrator.version.VersionMatrix;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Resume reads the hosts: which mixes of versions and pins are one interrupted phase, and which are refused. */
class StartingPointTest {
    static final VersionMatrix MATRIX = VersionMatrix.load(Path.of("upgrade/matrix.yml"));
    static final Map<String, String> PINNED = Map.of("inter.broker.protocol.version", "2.1", "log.message.format.version", "2.1");

    static Optional<HostState> start(StringWriter out, HostState... brokers) {
        Map<Integer, HostState> states = new LinkedHashMap<>();
        for (int i = 0; i < brokers.length; i++) states.put(i + 1, brokers[i]);
        return StartingPoint.of(MATRIX, states, "2.6.3", new PrintWriter(out, true));
    }

    @Test
    void oneStateIsWhereThePlanStarts() {
        assertThat(start(new StringWriter(), new HostState("2.1.1", Map.of()), new HostState("2.1.1", Map.of())))
                .contains(new HostState("2.1.1", Map.of()));
    }

    @Test
    void aBinaryRollStoppedHalfWayResumesFromTheOldVersion() {
        StringWriter out = new StringWriter();
        assertThat(start(out, new HostState("2.6.3", PINNED), new HostState("2.1.1", Map.of()), new HostState("2.1.1", Map.of())))
                .contains(new HostState("2.1.1", Map.of()));
        assertThat(out.toString()).contains("stopped half-way").contains("resuming");
    }

    @Test
    void aPinRollStoppedHalfWayResumesFromTheFullyPinnedState() {
        assertThat(start(new StringWriter(), new HostState("2.6.3", Map.of("log.message.format.version", "2.1")), new HostState("2.6.3", PINNED)))
                .contains(new HostState("2.6.3", PINNED));
    }

    @Test
    void aNewVersionWithoutPinsNextToTheOldOneIsRefused() {
        StringWriter out = new StringWriter();
        assertThat(start(out, new HostState("2.6.3", Map.of()), new HostState("2.1.1", Map.of()))).isEmpty();
        assertThat(out.toString()).contains("REFUSED").contains("broker 1: 2.6.3 (no pins)");
    }

    @Test
    void threeDifferentStatesAreRefused() {
        assertThat(start(new StringWriter(), new HostState("2.6.3", PINNED), new HostState("2.1.1", Map.of()),
                new HostState("2.6.3", Map.of()))).isEmpty();
    }
}
