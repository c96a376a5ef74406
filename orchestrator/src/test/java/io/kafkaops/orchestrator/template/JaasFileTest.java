package io.kafkaops.orchestrator.template;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.URIParameter;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The rendered kafka_server_jaas.conf read back by Java's own JAAS parser (what the broker uses): any password survives. */
class JaasFileTest {
    static final String HOST = "peter-kafka01.foo.bar";

    static Map<String, ?> readBack(String user, String password, Path dir) throws Exception {
        TemplateContext ctx = TemplateContext.forHost(StrictTemplatingTest.book(Map.of("sasl_scram_users",
                Map.of("admin", Map.of("principal", user, "password", password)))), HOST, StrictTemplatingTest.scramNode(HOST));
        Path jaas = dir.resolve("kafka_server_jaas.conf");
        Files.writeString(jaas, new AnsibleTemplating().render(Path.of("templates/kafka_server_jaas.conf.j2"), ctx));
        Configuration config = Configuration.getInstance("JavaLoginConfig", new URIParameter(jaas.toUri()));
        AppConfigurationEntry[] entries = config.getAppConfigurationEntry("KafkaServer");
        assertThat(entries).as(Files.readString(jaas)).hasSize(1);
        assertThat(entries[0].getLoginModuleName()).isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule");
        return entries[0].getOptions();
    }

    @Test
    void aPasswordWithQuotesAndBackslashesReadsBackAsWritten(@TempDir Path dir) throws Exception {
        String password = "a\"b\\c d;e=f\\\\\"";
        Map<String, ?> options = readBack("ad\"min\\", password, dir);
        assertThat(options.get("password")).isEqualTo(password);
        assertThat(options.get("username")).isEqualTo("ad\"min\\");
    }

    @Test
    void aPlainPasswordIsWrittenAsItIs(@TempDir Path dir) throws Exception {
        assertThat(readBack("admin", "s3cret", dir).get("password")).isEqualTo("s3cret");
    }
}
