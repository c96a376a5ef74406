package io.kafkaops.orchestrator.upgrade;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OffsetsKeptTest {
    static final Map<String, Map<String, Long>> BEFORE = Map.of("billing", Map.of("orders-0", 100L, "orders-1", 80L), "audit", Map.of("orders-0", 5L));

    @Test
    void groupsThatKeptConsumingMovedOnAndThatIsFine() {
        assertThat(OffsetsKept.lostOrMovedBack(BEFORE, Map.of("billing", Map.of("orders-0", 150L, "orders-1", 80L, "orders-2", 3L),
                "audit", Map.of("orders-0", 5L), "new-group", Map.of("orders-0", 1L)))).isEmpty();
    }

    @Test
    void aLostOffsetAndAnOffsetThatMovedBackAreBothNamed() {
        assertThat(OffsetsKept.lostOrMovedBack(BEFORE, Map.of("billing", Map.of("orders-0", 99L))))
                .containsExactlyInAnyOrder("consumer group billing moved back on orders-0 from 100 to 99",
                        "consumer group billing lost its committed offset on orders-1 (was 80)",
                        "consumer group audit lost its committed offset on orders-0 (was 5)");
    }

    @Test
    void describesTheCount() {
        assertThat(OffsetsKept.describe(BEFORE)).isEqualTo("2 consumer group(s), 3 committed offset(s)");
    }
}
