package io.kafkaops.orchestrator.gate;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** When the run of healthy samples began: the roll times its confirming sample from it. */
class AgreementRunStartTest {
    static final Instant T0 = Instant.parse("2026-11-26T00:00:00Z");
    static final Agreement AGREEMENT = new Agreement(Duration.ofSeconds(2));
    static final GateVerdict PASS = GateVerdict.pass();
    static final GateVerdict LEADERSHIP = new GateVerdict.Wait(List.of("partition orders-1 is led by broker 3"), true);
    static final GateVerdict UNDER_REPLICATED = GateVerdict.waitFor("partition orders-1 is under-replicated");

    static TimedVerdict at(long millis, GateVerdict v) { return new TimedVerdict(T0.plusMillis(millis), v); }

    @Test
    void theRunBeginsAfterTheLastUnhealthySample() {
        assertEquals(Optional.of(T0.plusMillis(2000)),
                AGREEMENT.runStart(List.of(at(0, PASS), at(1000, UNDER_REPLICATED), at(2000, LEADERSHIP), at(3000, PASS))));
    }

    @Test
    void samplesAreOrderedByTimeNotByArrival() {
        assertEquals(Optional.of(T0.plusMillis(1000)), AGREEMENT.runStart(List.of(at(2000, PASS), at(1000, PASS), at(0, UNDER_REPLICATED))));
    }

    @Test
    void noRunWhileTheLatestSampleFails() {
        assertEquals(Optional.empty(), AGREEMENT.runStart(List.of(at(0, PASS), at(1000, UNDER_REPLICATED))));
        assertEquals(Optional.empty(), AGREEMENT.runStart(List.of()));
    }
}
