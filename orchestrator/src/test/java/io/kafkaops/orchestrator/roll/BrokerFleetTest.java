package io.kafkaops.orchestrator.roll;

import io.kafkaops.orchestrator.host.HostReading;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BrokerFleetTest {
    @Test
    void aHostWhoseDataBelongsToAnotherBrokerIsNamedAndOnesWithoutDataOrAgreeingPass() {
        Map<Integer, HostReading> read = Map.of(
                1, HostReading.parse("link=/usr/local/kafka_2.12-2.6.3\nactive=active\ndisk./data/kafka-logs=1\n"),
                2, HostReading.parse("link=/usr/local/kafka_2.12-2.6.3\nactive=active\ndisk./data/kafka-logs=3\n"),
                3, HostReading.parse("link=/usr/local/kafka_2.12-2.6.3\nactive=active\n"));
        assertThat(BrokerFleet.idsNotMatchingTheData(Map.of(1, "kafka1", 2, "kafka2", 3, "kafka3"), read)).containsExactly(
                "kafka2: the inventory says broker 2, but its log dirs hold the data of broker.id 3 (/data/kafka-logs); "
                        + "fix the inventory's id mapping (broker_id, --broker-id-variable)");
    }
}
