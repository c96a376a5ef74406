package io.kafkaops.orchestrator.roll;

import io.kafkaops.orchestrator.gate.GateVerdict;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How a roll shortens long reasons for the operator (the engine itself: BrokerRollScenariosTest). */
class RollLogTest {
    @Test
    void fiftyPartitionReasonsPrintAsThreeAndACount() {
        String many = String.join("; ", java.util.stream.IntStream.range(0, 50)
                .mapToObj(i -> "partition t-" + i + " is under-replicated").toList());
        String line = BrokerRoll.brief(new GateVerdict.Wait(List.of(many)));
        assertThat(line).startsWith("partition t-0 is under-replicated; partition t-1").endsWith("and 47 more like it");
    }

    @Test
    void fewReasonsPrintInFull() {
        assertThat(BrokerRoll.brief(new GateVerdict.Wait(List.of("a", "b")))).isEqualTo("a; b");
    }
}
