package io.kafkaops.orchestrator.kafka;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SnapshotCollectorTest {
    static SnapshotCollector threeBrokers() {
        return new SnapshotCollector(KafkaConnection.plaintext("kafka1:9092"), java.util.stream.IntStream.rangeClosed(1, 3)
                .mapToObj(i -> new SnapshotCollector.BrokerEndpoint(i, "kafka" + i, "kafka" + i + ":9092")).toList(), List.of(),
                java.time.Clock.systemUTC());
    }

    static List<Integer> ids(List<SnapshotCollector.BrokerEndpoint> order) { return order.stream().map(SnapshotCollector.BrokerEndpoint::id).toList(); }

    @Test
    void successiveSamplesGoThroughDifferentBrokersAndTheRolledOneLast() {
        SnapshotCollector c = threeBrokers();
        List<Integer> first = ids(c.readOrder(Optional.of(1), java.util.Set.of()));
        List<Integer> second = ids(c.readOrder(Optional.of(1), java.util.Set.of()));
        assertThat(first.get(0)).isNotEqualTo(second.get(0));
        assertThat(first.get(2)).isEqualTo(1);
        assertThat(second.get(2)).isEqualTo(1);
    }

    @Test
    void theBrokerTheNextGateJudgesIsSparedWhileAnotherAnswers() {
        SnapshotCollector c = threeBrokers();
        for (int turn = 0; turn < 4; turn++) assertThat(ids(c.readOrder(Optional.of(1), java.util.Set.of(2)))).containsExactly(3, 2, 1);
    }
}
