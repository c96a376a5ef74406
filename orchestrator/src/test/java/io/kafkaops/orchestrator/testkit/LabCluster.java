package io.kafkaops.orchestrator.testkit;

import io.kafkaops.orchestrator.Workspace;
import io.kafkaops.orchestrator.cluster.Cluster;
import io.kafkaops.orchestrator.cluster.GroupMapping;
import io.kafkaops.orchestrator.cluster.Role;
import io.kafkaops.orchestrator.install.InstallLayout;
import io.kafkaops.orchestrator.kafka.KafkaClients;
import io.kafkaops.orchestrator.kafka.KafkaConnection;
import io.kafkaops.orchestrator.lab.RunningLab;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A cluster on lab hosts as an integration test reaches it: a shell on each host over SSH, and Kafka clients made by
 * {@link KafkaClients} from the connection the inventory describes, so no test copies a bootstrap string.
 */
public record LabCluster(RunningLab lab, Workspace workspace, Cluster cluster) {

    public static LabCluster of(RunningLab lab, Path inventory) {
        Workspace ws = Workspace.load(inventory, GroupMapping.none(), Optional.empty());
        return new LabCluster(lab, ws, ws.cluster());
    }

    /** Lab hosts are network namespaces: only root makes them. */
    public static boolean runningAsRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .anyMatch(l -> l.startsWith("Uid:") && l.split("\\s+")[1].equals("0"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs a command as root on a host (one session per call) and returns its stdout, stripped; the exit code is not checked. */
    public String sh(String host, String command) throws IOException {
        try (LabSession ssh = lab.ssh(host)) {
            return ssh.run(command).stdout().strip();
        }
    }

    /** Where the {@value InstallLayout#KAFKA_HOME} symlink points: the Kafka version a host runs from. */
    public String kafkaHomeLink(String host) throws IOException {
        return sh(host, "readlink " + InstallLayout.KAFKA_HOME);
    }

    /** Each host's MainPID of a systemd unit, in the order given. */
    public Map<String, String> mainPids(List<String> hosts, String unit) throws IOException {
        return each(hosts, "systemctl show -p MainPID --value " + unit);
    }

    /** MainPID and the moment the unit last became active: equal before and after means not restarted, not even to the same PID. */
    public Map<String, String> unitStarts(List<String> hosts, String unit) throws IOException {
        return each(hosts, "systemctl show -p MainPID --value " + unit
                + "; systemctl show -p ActiveEnterTimestampMonotonic --value " + unit);
    }

    private Map<String, String> each(List<String> hosts, String command) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String h : hosts) out.put(h, sh(h, command));
        return out;
    }

    /** How clients reach every broker of the inventory. */
    public KafkaConnection kafka() {
        return workspace.kafka(cluster);
    }

    /** The same connection, bootstrapped through the named brokers only (the reachable ones, during a cut). */
    public KafkaConnection kafkaVia(List<String> brokers) {
        Cluster only = new Cluster(cluster.inventory(), cluster.zookeeperGroup(), cluster.brokerGroup(), cluster.controllerGroup(),
                cluster.nodes().stream().filter(n -> !n.is(Role.BROKER) || brokers.contains(n.host())).toList(),
                cluster.kafka(), cluster.zookeeper(), cluster.defaultReplicationFactor(), cluster.minInsyncReplicas(),
                cluster.zookeeperChroot(), cluster.clusterId(), cluster.findings());
        return workspace.kafka(only);
    }

    /** KRaft: an Admin client on the controllers (bootstrap.controllers), for describeMetadataQuorum and describeFeatures. */
    public Admin controllerAdmin() {
        return KafkaClients.controllerAdmin(workspace.controllers(cluster).orElseThrow(), KafkaClients.CHECKING);
    }

    public Admin admin(Map<String, Object> settings) {
        return KafkaClients.admin(kafka(), settings);
    }

    public KafkaProducer<String, String> producer(Map<String, Object> settings) {
        return KafkaClients.producer(kafka(), settings);
    }

    public KafkaConsumer<String, String> consumer(Map<String, Object> settings) {
        return KafkaClients.consumer(kafka(), settings);
    }
}
