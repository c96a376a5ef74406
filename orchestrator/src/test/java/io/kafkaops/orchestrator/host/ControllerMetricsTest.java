package io.kafkaops.orchestrator.host;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ControllerMetricsTest {
    /** As JmxTool 3.9.2 printed it on a lab controller after the migration (its "Trying to connect" line goes to stderr). */
    @Test
    void readsJmxToolsPropertiesFormat() {
        var m = ControllerMetrics.parse("""
                time=1796237893750
                kafka.controller:type=KafkaController,name=MigratingZkBrokerCount:Value=0
                kafka.controller:type=KafkaController,name=ZkMigrationState:Value=3
                """);
        assertThat(m).containsEntry(ControllerMetrics.STATE, 3L).containsEntry(ControllerMetrics.MIGRATING_BROKERS, 0L).hasSize(2);
    }

    @Test
    void noAnswerIsNoValue() {
        assertThat(ControllerMetrics.parse("")).isEmpty();
        assertThat(ControllerMetrics.parse("Could not connect to JMX\n")).isEmpty();
    }

    @Test
    void theToolNeverBindsTheControllersJmxPort() {
        assertThat(ControllerMetrics.command(9999)).startsWith("env -u JMX_PORT -u KAFKA_JMX_OPTS ")
                .contains("rmi://127.0.0.1:9999/jmxrmi").contains("--one-time true");
    }
}
