package io.kafkaops.orchestrator.template;

import io.kafkaops.orchestrator.testkit.TestSecurity;
import io.kafkaops.orchestrator.cluster.NodeSettings;
import io.kafkaops.orchestrator.SourceRef;
import io.kafkaops.orchestrator.plan.FileSpec;
import io.kafkaops.orchestrator.testkit.FakeInventory;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** templates/index.yml picks the files per role and says where each one goes. */
class TemplateIndexTest {
    final AnsibleTemplating engine = new AnsibleTemplating();
    final List<FileSpec> index = FileSpec.load(Path.of("templates/index.yml"));

    record RenderedFile(FileSpec source, String destination, String content) {}

    /** What plan does with the index: the files that apply to the node, destination and content rendered. */
    List<RenderedFile> render(TemplateContext context, NodeSettings node) {
        return index.stream().filter(f -> f.appliesTo(node)).map(f -> new RenderedFile(f, engine.render(f.dest(), f.dest(), context),
                engine.render(Path.of("templates").resolve(f.template()), context))).toList();
    }

    @Test
    void scramBrokerGetsItsFiveFilesAtTheirPlaces() {
        NodeSettings broker = new NodeSettings("k1", "10.0.0.11", true, false, 1, null, "az1", List.of("/data/d1", "/data/d2"),
                4, 8, 2, "-Xms6g -Xmx6g", null, "zk1:2181/kafka", List.of(), "/data/zk", 2181, 3, 2, "2.1", "2.1",
                "/usr/local/kafka", "/usr/local/zookeeper", 9999, TestSecurity.scram("k1", "INTERNAL"), NodeSettings.Services.DEFAULTS);
        FakeInventory inv = FakeInventory.flat(Map.of("kafka", List.of("k1")),
                Map.of("k1", Map.of("sasl_scram_users", Map.of("admin", Map.of("principal", "admin", "password", "pw")))),
                new SourceRef(Path.of("inventory/hosts.yml"), 1));
        List<RenderedFile> files = render(TemplateContext.forHost(inv, "k1", broker), broker);
        assertThat(files).extracting(RenderedFile::destination).containsExactly(
                "/usr/local/kafka/config/server.properties", "/usr/local/kafka/config/log4j.properties",
                "/usr/local/kafka/config/jmx", "/usr/local/kafka/config/kafka_server_jaas.conf",
                "/etc/systemd/system/kafka-server.service");
        assertThat(files.get(0).content()).contains("broker.id=1\n", "broker.rack=az1\n", "log.dirs=/data/d1,/data/d2\n",
                "inter.broker.protocol.version=2.1\n", "sasl.enabled.mechanisms=SCRAM-SHA-512\n");
        assertThat(files.get(2).content()).startsWith("JMX_PORT=9999\nKAFKA_JMX_OPTS=\"-Dcom.sun.management.jmxremote.host=127.0.0.1 ");
        assertThat(files.get(4).content()).contains("User=kafka\n", "KAFKA_HEAP_OPTS=-Xms6g -Xmx6g", "kafka_server_jaas.conf\"")
                .doesNotContain("User=root");
    }

    @Test
    void zookeeperGetsMyidZooCfgAndUnit() {
        NodeSettings zk = new NodeSettings("zk1", "10.0.0.1", false, true, null, 1, null, List.of(),
                3, 8, 1, null, "-Xmx1g", "zk1:2181", List.of(new NodeSettings.ZooKeeperServer(1, "zk1", 2888, 3888, 2181)),
                "/data/zk", 2181, 1, 1, null, null, "/usr/local/kafka", "/opt/zookeeper", 9999, null, NodeSettings.Services.DEFAULTS);
        FakeInventory inv = FakeInventory.flat(Map.of("zookeeper", List.of("zk1")), Map.of("zk1", Map.of()),
                new SourceRef(Path.of("inventory/hosts.yml"), 1));
        List<RenderedFile> files = render(TemplateContext.forHost(inv, "zk1", zk), zk);
        assertThat(files).extracting(f -> f.source().file()).containsExactly("zoo.cfg", "myid", "zookeeper-server.service");
        assertThat(files.get(1).destination()).isEqualTo("/data/zk/myid");
        assertThat(files.get(1).content()).isEqualTo("1\n");
        assertThat(files.get(0).content()).contains("server.1=zk1:2888:3888\n", "4lw.commands.whitelist=srvr,mntr,ruok,stat\n");
        assertThat(files.get(2).content()).contains("User=zookeeper\n", "/opt/zookeeper/bin/zkServer.sh start-foreground /opt/zookeeper/conf/zoo.cfg");
    }
}
