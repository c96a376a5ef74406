package io.kafkaops.orchestrator.host;

import io.kafkaops.orchestrator.testkit.FakeHost;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HostCommandsTest {
    @Test
    void aFileThatCannotBeReadIsAFailureNotAnEmptyText() throws Exception {
        FakeHost host = new FakeHost("kafka1").fails("cat '/usr/local/kafka/config/server.properties'", 1,
                "cat: /usr/local/kafka/config/server.properties: No such file or directory");
        // an upgrade's undo of a pin phase writes back what this read: "" would leave the broker an empty config
        assertThatThrownBy(() -> HostCommands.read(host, "/usr/local/kafka/config/server.properties")).isInstanceOf(StepFailed.class)
                .hasMessageContaining("read /usr/local/kafka/config/server.properties").hasMessageContaining("No such file");
        host.answers("cat '/etc/hosts'", "127.0.0.1 localhost\n");
        assertThat(HostCommands.read(host, "/etc/hosts")).isEqualTo("127.0.0.1 localhost\n");
    }
}
