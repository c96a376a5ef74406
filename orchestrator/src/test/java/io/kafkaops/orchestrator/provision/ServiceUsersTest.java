package io.kafkaops.orchestrator.provision;

import io.kafkaops.orchestrator.Workspace;
import io.kafkaops.orchestrator.cluster.GroupMapping;
import io.kafkaops.orchestrator.host.HostFacts;
import io.kafkaops.orchestrator.install.Artifact;
import io.kafkaops.orchestrator.plan.HostPlan;
import io.kafkaops.orchestrator.plan.ProvisionPlan;
import io.kafkaops.orchestrator.testkit.FakeHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kafka_user / zookeeper_user are the one source of the service users: the facts look for them, provision creates them and
 * gives them the data dirs, the install's logs dir and every config file, and the units run as them.
 */
class ServiceUsersTest {
    @TempDir
    Path tmp;

    ProvisionPlan plan() throws Exception {
        Path inventory = Files.writeString(tmp.resolve("hosts.yml"), String.join("\n",
                "all:",
                "  vars: {hardware_profile: lab, default_replication_factor: 1, zookeeper_user: svc-zk}",
                "  children:",
                "    zookeeper: {hosts: {zk1: {myid: 1}}}",
                "    kafka:",
                "      vars: {kafka_user: svc-kafka, kafka_group: streaming}",
                "      hosts: {kafka1: {broker_id: 1}}", ""));
        return Workspace.load(inventory, GroupMapping.none(), Optional.empty()).plan();
    }

    /** The changes provision makes on a fresh host, made on a fake one: what it ran and wrote. */
    static FakeHost provisionFresh(HostPlan h) throws Exception {
        FakeHost host = new FakeHost(h.host());
        FactsScript.read(host, h);
        HostFacts facts = HostFacts.parse(h.host(), "java\tversion\topenjdk version \"17\"\n");
        var zk = new ProvisionDiff.Install("/usr/local/apache-zookeeper-3.8.4-bin", new Artifact(Path.of("/dist/zk.tar.gz"), "cd"));
        var kafka = new ProvisionDiff.Install("/usr/local/kafka_2.13-3.9.2", new Artifact(Path.of("/dist/kafka.tgz"), "ab"));
        for (Change c : ProvisionDiff.of(h, facts, zk, kafka).changes()) c.applyTo(host);
        return host;
    }

    @Test
    void theBrokersUserIsLookedForCreatedAndOwnsItsDirsAndFiles() throws Exception {
        HostPlan broker = plan().hosts().stream().filter(h -> h.host().equals("kafka1")).findFirst().orElseThrow();
        FakeHost host = provisionFresh(broker);
        List<String> commands = host.commands();
        assertThat(commands.get(0)).contains("\nUSERS='svc-kafka svc-zk'\n");
        assertThat(commands).anyMatch(c -> c.contains("useradd --system --no-create-home --shell /usr/sbin/nologin 'svc-kafka'")
                        && c.contains("getent group 'streaming' >/dev/null || groupadd --system 'streaming'"))
                .anyMatch(c -> c.contains("chown 'svc-kafka':'svc-kafka' '" + broker.node().logDirs().get(0) + "'"))
                .anyMatch(c -> c.contains("chown 'svc-kafka' '/usr/local/kafka_2.13-3.9.2/logs'"))
                .noneMatch(c -> c.matches("(?s).*'kafka'[: ].*"));
        assertThat(host.log()).contains("write: /usr/local/kafka/config/server.properties svc-kafka 0600",
                "write: /etc/systemd/system/kafka-server.service root 0644");
        assertThat(host.file("/etc/systemd/system/kafka-server.service")).contains("\nUser=svc-kafka\nGroup=streaming\n");
    }

    @Test
    void zooKeepersUserLikewise() throws Exception {
        HostPlan zk = plan().hosts().stream().filter(h -> h.host().equals("zk1")).findFirst().orElseThrow();
        FakeHost host = provisionFresh(zk);
        assertThat(host.commands()).anyMatch(c -> c.contains("useradd --system --no-create-home --shell /usr/sbin/nologin 'svc-zk'")
                        && !c.contains("groupadd"))
                .anyMatch(c -> c.contains("chown 'svc-zk':'svc-zk' '" + zk.node().zookeeperDataDir() + "'"));
        assertThat(host.log()).contains("write: " + zk.node().zookeeperDataDir() + "/myid svc-zk 0644");
        assertThat(host.file("/etc/systemd/system/zookeeper-server.service")).contains("\nUser=svc-zk\nGroup=svc-zk\n");
    }
}
