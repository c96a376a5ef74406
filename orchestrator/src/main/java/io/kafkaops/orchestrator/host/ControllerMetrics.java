package io.kafkaops.orchestrator.host;

import io.kafkaops.orchestrator.install.InstallLayout;
import io.kafkaops.orchestrator.ssh.RemoteHost;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A KRaft controller's migration metrics (KIP-866), read on its own host over SSH with Kafka's JmxTool from the JMX port
 * the controller listens on at 127.0.0.1 (templates/jmx.j2): nothing new is opened to the network.
 */
public final class ControllerMetrics {
    private ControllerMetrics() {}

    public static final String STATE = "kafka.controller:type=KafkaController,name=ZkMigrationState";
    public static final String MIGRATING_BROKERS = "kafka.controller:type=KafkaController,name=MigratingZkBrokerCount";

    /** The metrics' values by object name; an object the controller does not have is absent. */
    public static Map<String, Long> read(RemoteHost host, int jmxPort) throws IOException {
        return parse(host.run(command(jmxPort)).stdout());
    }

    /** One JmxTool run for both objects; JMX_PORT and KAFKA_JMX_OPTS unset, or the tool would bind the controller's port. */
    static String command(int jmxPort) {
        return "env -u JMX_PORT -u KAFKA_JMX_OPTS KAFKA_HEAP_OPTS=-Xmx64m " + InstallLayout.KAFKA_HOME
                + "/bin/kafka-run-class.sh org.apache.kafka.tools.JmxTool --jmx-url service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort
                + "/jmxrmi --object-name " + STATE + " --object-name " + MIGRATING_BROKERS
                + " --one-time true --report-format properties 2>/dev/null; true";
    }

    /** JmxTool's properties format: {@code <object name>:Value=<number>} per line (and time=...). */
    static Map<String, Long> parse(String text) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.lastIndexOf('=');
            int attr = line.lastIndexOf(":Value=");
            if (eq < 0 || attr < 0) continue;
            value(line.substring(eq + 1).strip()).ifPresent(v -> out.put(line.substring(0, attr).strip(), v));
        }
        return out;
    }

    private static Optional<Long> value(String text) {
        try {
            return Optional.of((long) Double.parseDouble(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
