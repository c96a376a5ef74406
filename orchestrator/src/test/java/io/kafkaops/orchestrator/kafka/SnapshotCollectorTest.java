package io.kafkaops.orchestrator.kafka;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
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

    @Test
    void hostFactsGiveTheLinkedVersionTheUnitStateAndThePins() {
        var h = SnapshotCollector.parseHostFacts("""
                link=/usr/local/kafka_2.12-2.6.3
                active=active
                pin.inter.broker.protocol.version=2.1
                pin.log.message.format.version=2.1
                """);
        assertThat(h.version()).contains("2.6.3");
        assertThat(h.active()).isTrue();
        assertThat(h.pins()).isEqualTo(Map.of("inter.broker.protocol.version", "2.1", "log.message.format.version", "2.1"));
    }

    @Test
    void aMissingLinkIsAnUnknownVersionNotAGuess() {
        var h = SnapshotCollector.parseHostFacts("link=\nactive=inactive\n");
        assertThat(h.version()).isEqualTo(Optional.empty());
        assertThat(h.active()).isFalse();
        assertThat(h.pins()).isEmpty();
    }

    @Test
    void scala213DirectoriesParseToo() {
        assertThat(SnapshotCollector.parseHostFacts("link=/usr/local/kafka_2.13-3.9.2\n").version()).contains("3.9.2");
    }

    @Test
    void hostFactsCarryTheBrokersOwnStartUpLog() {
        var h = SnapshotCollector.parseHostFacts("""
                link=/usr/local/kafka_2.12-2.6.3
                active=active
                startlog.lines=800
                startlog.version=[2026-11-25 23:30:01,004] INFO Kafka version: 2.6.3 (org.apache.kafka.common.utils.AppInfoParser)
                startlog.loading=1
                startlog.loaded=40
                startlog.done=1
                """);
        assertThat(h.startLog().version()).contains("2.6.3");
        assertThat(h.startLog().recovery()).isEmpty();
    }
}
