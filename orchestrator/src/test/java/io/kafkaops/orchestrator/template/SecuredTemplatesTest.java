package io.kafkaops.orchestrator.template;

import io.kafkaops.orchestrator.Workspace;
import io.kafkaops.orchestrator.cluster.GroupMapping;
import io.kafkaops.orchestrator.cluster.NodeSettings;
import io.kafkaops.orchestrator.cluster.NodeSettingsReader;
import io.kafkaops.orchestrator.security.BrokerSecurity;
import io.kafkaops.orchestrator.security.ClusterSecurity;
import io.kafkaops.orchestrator.security.Listener;
import io.kafkaops.orchestrator.upgrade.StartingPoint;
import io.kafkaops.orchestrator.host.HostState;
import io.kafkaops.orchestrator.version.Phase;
import io.kafkaops.orchestrator.version.UpgradePath;
import io.kafkaops.orchestrator.version.VersionMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.URIParameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** inventory/lab-secure.yml and the parity inventories rendered as a broker reads them: Java's properties and JAAS parsers. */
class SecuredTemplatesTest {
    static Workspace ws(Path inventory) {
        return Workspace.load(inventory, GroupMapping.none(), Optional.empty());
    }

    static Properties properties(String text) throws Exception {
        Properties p = new Properties();
        p.load(new StringReader(text));
        return p;
    }

    static AppConfigurationEntry[] jaas(String text, Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("jaas-" + System.nanoTime() + ".conf"), text);
        return Configuration.getInstance("JavaLoginConfig", new URIParameter(f.toUri())).getAppConfigurationEntry("KafkaServer");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> options(AppConfigurationEntry e) {
        return (Map<String, Object>) e.getOptions();
    }

    @Test
    void labSecureRendersScramOnSaslSslWithAclsAndTheLabStores(@TempDir Path dir) throws Exception {
        Workspace ws = ws(Path.of("inventory/lab-secure.yml"));
        NodeSettings node = ws.nodeSettings(ws.cluster()).forHost("kafka2");
        Properties p = properties(ws.renderer().renderTemplate("kafka2", "server.properties.j2", node));
        assertThat(p).containsEntry("listeners", "INTERNAL://0.0.0.0:9093,BROKER://0.0.0.0:9091")
                .containsEntry("advertised.listeners", "INTERNAL://10.213.77.22:9093,BROKER://10.213.77.22:9091")
                .containsEntry("listener.security.protocol.map", "INTERNAL:SASL_SSL,BROKER:SASL_SSL")
                .containsEntry("inter.broker.listener.name", "BROKER")
                .containsEntry("sasl.enabled.mechanisms", "SCRAM-SHA-512")
                .containsEntry("sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-512")
                .containsEntry("authorizer.class.name", "kafka.security.auth.SimpleAclAuthorizer")
                .containsEntry("super.users", "User:admin")
                .containsEntry("ssl.keystore.type", "PKCS12")
                .containsEntry("ssl.keystore.location", "/var/ssl/private/kafka_broker.keystore.p12")
                .containsEntry("ssl.keystore.password", "lab-keystore-secret")
                .containsEntry("ssl.key.password", "lab-keystore-secret")
                .containsEntry("ssl.truststore.location", "/var/ssl/private/kafka_broker.truststore.p12")
                .containsEntry("ssl.truststore.password", "lab-truststore-secret")
                .doesNotContainKey("security.inter.broker.protocol").doesNotContainKey("allow.everyone.if.no.acl.found")
                .doesNotContainKey("ssl.client.auth");
        assertThat(node.advertisedAddress()).isEqualTo("10.213.77.22:9093");
        AppConfigurationEntry[] entries = jaas(ws.renderer().renderTemplate("kafka2", "kafka_server_jaas.conf.j2", node), dir);
        assertThat(entries).hasSize(1);
        assertThat(entries[0].getLoginModuleName()).isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule");
        assertThat(options(entries[0])).containsEntry("username", "admin").containsEntry("password", "lab-admin-secret");
        assertThat(ws.renderer().renderTemplate("kafka2", "kafka-server.service.j2", node))
                .contains("KAFKA_OPTS=-Djava.security.auth.login.config=/usr/local/kafka/config/kafka_server_jaas.conf");
        // nothing secret in the node dictionary the plans print
        assertThat(node.toTemplateVars().toString()).doesNotContain("secret");
    }

    @Test
    void twoMechanismsGiveTwoLoginsTheInterBrokerOneFirstAndEveryPlainUser(@TempDir Path dir) throws Exception {
        Workspace ws = ws(Path.of("orchestrator/src/test/resources/template-inventories/secured/hosts.yml"));
        NodeSettings node = ws.nodeSettings(ws.cluster()).forHost("kafka1.sec");
        AppConfigurationEntry[] entries = jaas(ws.renderer().renderTemplate("kafka1.sec", "kafka_server_jaas.conf.j2", node), dir);
        assertThat(entries).extracting(AppConfigurationEntry::getLoginModuleName).containsExactly(
                "org.apache.kafka.common.security.scram.ScramLoginModule", "org.apache.kafka.common.security.plain.PlainLoginModule");
        assertThat(options(entries[0])).containsEntry("password", "adm\"in\\x");
        assertThat(options(entries[1])).containsEntry("username", "admin").containsEntry("password", "plain-admin")
                .containsEntry("user_admin", "plain-admin").containsEntry("user_reporter", "rep\"orter");
        Properties p = properties(ws.renderer().renderTemplate("kafka1.sec", "server.properties.j2", node));
        assertThat(p).containsEntry("ssl.keystore.password", "ks\\pass").containsEntry("listener.name.internal.ssl.client.auth", "required")
                .containsEntry("authorizer.class.name", "kafka.security.authorizer.AclAuthorizer")
                .containsEntry("super.users", "User:admin;User:alice");
    }

    @Test
    void aLiveSwitchStageKeepsPlaintextBesideTheNewListenersWithTheAuthorizerOff() throws Exception {
        Workspace ws = ws(Path.of("inventory/lab-secure.yml"));
        NodeSettingsReader reader = ws.nodeSettings(ws.cluster());
        ClusterSecurity cs = reader.security();
        Listener plaintext = ClusterSecurity.plaintext(9092).interBroker();
        List<Listener> listeners = new ArrayList<>(List.of(plaintext));
        listeners.addAll(cs.listeners());
        BrokerSecurity stage = BrokerSecurity.of(cs, reader.advertisedHost("kafka1"), listeners, plaintext, false, "2.1.1");
        NodeSettings node = reader.forHost("kafka1").withSecurity(stage);
        Properties p = properties(ws.renderer().renderTemplate("kafka1", "server.properties.j2", node));
        assertThat(p).containsEntry("listeners", "PLAINTEXT://0.0.0.0:9092,INTERNAL://0.0.0.0:9093,BROKER://0.0.0.0:9091")
                .containsEntry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,INTERNAL:SASL_SSL,BROKER:SASL_SSL")
                .containsEntry("inter.broker.listener.name", "PLAINTEXT").containsEntry("sasl.enabled.mechanisms", "SCRAM-SHA-512")
                .doesNotContainKey("sasl.mechanism.inter.broker.protocol").doesNotContainKey("authorizer.class.name")
                .doesNotContainKey("super.users");
        assertThat(node.advertisedAddress()).isEqualTo("10.213.77.21:9093");
    }

    /** The upgrade renders each phase for the version its brokers run: 2.1's authorizer class is gone in 3.0. */
    @Test
    void anUpgradeFrom21To3xSwitchesTheAuthorizerClassInThePhaseThatRuns3x() throws Exception {
        Workspace ws = ws(Path.of("inventory/lab-secure.yml"));
        NodeSettingsReader reader = ws.nodeSettings(ws.cluster());
        VersionMatrix matrix = VersionMatrix.load(Path.of("upgrade/matrix.yml"));
        UpgradePath.Planned path = (UpgradePath.Planned) StartingPoint.plan(matrix, new HostState("2.1.1", Map.of()), "3.9.2");
        List<String> classes = new ArrayList<>();
        String version = "2.1.1";
        for (Phase phase : path.phases()) {
            if (phase.kind() == Phase.Kind.STAGE) continue;
            version = phase.binaries().orElse(version); // as RollingUpgrade.plan renders a phase
            Properties p = properties(ws.renderer().renderTemplate("kafka1", "server.properties.j2", reader.forHost("kafka1", version)));
            classes.add(version + " " + p.getProperty("authorizer.class.name"));
        }
        assertThat(classes).first().isEqualTo("3.9.2 kafka.security.authorizer.AclAuthorizer");
        assertThat(classes).allMatch(c -> c.endsWith("AclAuthorizer") && !c.contains("SimpleAclAuthorizer"));
        assertThat(properties(ws.renderer().renderTemplate("kafka1", "server.properties.j2", reader.forHost("kafka1", "2.1.1")))
                .getProperty("authorizer.class.name")).isEqualTo("kafka.security.auth.SimpleAclAuthorizer");
        assertThat(reader.brokerSecurity("kafka1", "2.3.1").authorizer().orElseThrow().className()).isEqualTo("kafka.security.auth.SimpleAclAuthorizer");
        assertThat(reader.brokerSecurity("kafka1", "2.4.0").authorizer().orElseThrow().className()).isEqualTo("kafka.security.authorizer.AclAuthorizer");
    }
}
