package io.kafkaops.orchestrator.host;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class HostReadingTest {
    @Test
    void hostFactsGiveTheLinkedVersionTheUnitStateAndThePins() {
        var h = HostReading.parse("""
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
        var h = HostReading.parse("link=\nactive=inactive\n");
        assertThat(h.version()).isEqualTo(Optional.empty());
        assertThat(h.active()).isFalse();
        assertThat(h.pins()).isEmpty();
    }

    @Test
    void scala213DirectoriesParseToo() {
        assertThat(HostReading.parse("link=/usr/local/kafka_2.13-3.9.2\n").version()).contains("3.9.2");
    }

    @Test
    void hostFactsCarryTheBrokersOwnStartUpLog() {
        var h = HostReading.parse("""
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

    @Test
    void theLinkItselfIsKeptForPuttingItBack() {
        assertThat(HostReading.parse("link=/usr/local/kafka_2.12-2.1.1\n").link()).contains("/usr/local/kafka_2.12-2.1.1");
        assertThat(HostReading.parse("link=\n").link()).isEmpty();
    }
}
