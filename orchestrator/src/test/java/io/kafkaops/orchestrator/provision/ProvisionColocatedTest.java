package io.kafkaops.orchestrator.provision;

import io.kafkaops.orchestrator.Workspace;
import io.kafkaops.orchestrator.cluster.GroupMapping;
import io.kafkaops.orchestrator.install.Artifact;
import io.kafkaops.orchestrator.kafka.KafkaProbe.ClusterView;
import io.kafkaops.orchestrator.plan.ProvisionPlan;
import io.kafkaops.orchestrator.provision.ProvisionDiff.Install;
import io.kafkaops.orchestrator.ssh.RemoteHost;
import io.kafkaops.orchestrator.testkit.FakeHost;
import io.kafkaops.orchestrator.testkit.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** One host that is both the ZooKeeper node and the broker: its ZooKeeper part runs in the first phase, its Kafka part after the check. */
class ProvisionColocatedTest {
    static final String INVENTORY = """
            all:
              vars:
                hardware_profile: lab
                kafka_version: "2.1.1"
                default_replication_factor: 1
                min_insync_replicas: 1
              children:
                zookeeper:
                  hosts:
                    solo: {ansible_host: 10.0.0.5}
                kafka:
                  hosts:
                    solo: {}
            """;

    @Test
    void theZooKeeperPartRunsFirstAndTheBrokerPartOnlyOnceTheEnsembleAnswered(@TempDir Path dir) throws IOException {
        Path inventory = Files.writeString(dir.resolve("hosts.yml"), INVENTORY);
        ProvisionPlan plan = Workspace.load(inventory, GroupMapping.none(), Optional.empty()).plan();
        var zk = plan.cluster().zookeeper();
        var kafka = plan.cluster().kafka();
        Install zkInstall = new Install(zk.installDir(), new Artifact(Path.of("/dist/" + zk.tarballName()), "cd"));
        Install kafkaInstall = new Install(kafka.installDir(), new Artifact(Path.of("/dist/" + kafka.tarballName()), "ab"));

        List<Integer> askedAfter = new ArrayList<>();
        FakeHost solo = new FakeHost("solo").answers("^set -- ", "java\tversion\topenjdk 17\n");
        ClusterAccess access = new ClusterAccess() {
            @Override public RemoteHost connect(String host) { return solo; }
            @Override public Optional<String> zooKeeperMode(String address, int port) {
                askedAfter.add(solo.commands().size());
                return Optional.of("standalone");
            }
            @Override public Brokers brokers() {
                return new Brokers() {
                    @Override public ClusterView describe() { return new ClusterView(Set.of(1), Optional.of(1)); }
                    @Override public String canary(int brokers, int minIsr) { return "produced and consumed offset 0"; }
                    @Override public void close() {}
                };
            }
        };
        StringWriter out = new StringWriter();
        ManualClock clock = new ManualClock();
        int exit = new ProvisionCluster(plan, zkInstall, kafkaInstall, new ProvisionCluster.Options(false, 10, Duration.ofSeconds(5)),
                access, new Waiting(clock, clock::advance), new PrintWriter(out)).run();
        System.out.println(out);

        assertThat(exit).as(out.toString()).isZero();
        List<String> commands = solo.commands();
        int zkStarted = commands.indexOf("systemctl start 'zookeeper-server'");
        String createKafkaUser = commands.stream().filter(c -> c.contains("useradd") && c.endsWith("'kafka'")).findFirst().orElseThrow();
        int kafkaUser = commands.indexOf(createKafkaUser);
        int kafkaStarted = commands.indexOf("systemctl start 'kafka-server'");
        assertThat(zkStarted).isPositive().isLessThan(kafkaUser);
        assertThat(kafkaUser).isLessThan(kafkaStarted);
        // asked once, after the ZooKeeper phase and before any Kafka command
        assertThat(askedAfter).singleElement().satisfies(n -> assertThat(n).isGreaterThan(zkStarted).isLessThanOrEqualTo(kafkaUser));
        // the Kafka unit file is written before a reload that precedes its start
        List<String> log = solo.log();
        int unitWritten = log.indexOf("write: /etc/systemd/system/kafka-server.service root 0644");
        assertThat(log.subList(unitWritten, log.indexOf("run: systemctl start 'kafka-server'"))).contains("run: systemctl daemon-reload");
        assertThat(out.toString()).contains("ZooKeeper ensemble healthy: solo=standalone").containsPattern("solo\\s+ok, \\d+ change");
    }
}
