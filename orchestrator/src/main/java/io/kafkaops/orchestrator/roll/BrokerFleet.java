package io.kafkaops.orchestrator.roll;

import io.kafkaops.orchestrator.Workspace;

import io.kafkaops.orchestrator.cluster.Cluster;
import io.kafkaops.orchestrator.cluster.ClusterNode;
import io.kafkaops.orchestrator.cluster.NodeSettings;
import io.kafkaops.orchestrator.cluster.NodeSettingsReader;
import io.kafkaops.orchestrator.gate.GateSettings;
import io.kafkaops.orchestrator.kafka.KafkaConnection;
import io.kafkaops.orchestrator.kafka.SnapshotCollector;
import io.kafkaops.orchestrator.kafka.SnapshotCollector.HostReading;
import io.kafkaops.orchestrator.install.InstallLayout;
import io.kafkaops.orchestrator.plan.FileSpec;
import io.kafkaops.orchestrator.ssh.HostKeyPolicy;
import io.kafkaops.orchestrator.ssh.RemoteHost;
import io.kafkaops.orchestrator.ssh.SshRemoteHost;
import io.kafkaops.orchestrator.ssh.SshTargets;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The brokers of an inventory, connected: SSH per broker host, a snapshot collector, the rendered configs. */
public final class BrokerFleet implements AutoCloseable {
    public final Workspace ws;
    public final Cluster cluster;
    public final NodeSettingsReader settings;
    public final Map<Integer, RemoteHost> hosts = new TreeMap<>();
    public final Map<Integer, String> names = new TreeMap<>();
    public final SnapshotCollector collector;
    public final String zookeeperConnect;
    /** Every broker's advertised address and the inventory's client settings, for clients of the whole cluster. */
    public final KafkaConnection kafka;

    public BrokerFleet(Workspace ws, HostKeyPolicy policy) throws IOException {
        this.ws = ws;
        this.cluster = ws.cluster();
        this.settings = ws.nodeSettings(cluster);
        List<SnapshotCollector.BrokerEndpoint> brokers = new ArrayList<>();
        for (ClusterNode n : cluster.brokers()) {
            int id = n.brokerId().orElseThrow().value();
            NodeSettings node = settings.forHost(n.host());
            names.put(id, n.host());
            brokers.add(new SnapshotCollector.BrokerEndpoint(id, n.host(), node.advertisedListeners().replaceFirst("^[A-Z_]+://", "")));
        }
        List<SnapshotCollector.ZooKeeperEndpoint> zk = new ArrayList<>();
        String connect = "";
        for (ClusterNode n : cluster.zookeeperNodes()) {
            NodeSettings node = settings.forHost(n.host());
            zk.add(new SnapshotCollector.ZooKeeperEndpoint(n.myid().orElseThrow().value(), n.host(), n.address(), node.zookeeperClientPort()));
        }
        if (!cluster.brokers().isEmpty()) connect = settings.forHost(cluster.brokers().get(0).host()).zookeeperConnect();
        this.zookeeperConnect = connect;
        this.kafka = ws.kafka(cluster);
        this.collector = new SnapshotCollector(kafka, brokers, zk, Clock.systemUTC());
        for (ClusterNode n : cluster.brokers()) {
            try {
                hosts.put(n.brokerId().orElseThrow().value(), SshRemoteHost.connect(SshTargets.of(n, ws.variables()), policy));
            } catch (IOException e) {
                close();
                throw e;
            }
        }
    }

    /** Symlink target, unit state and pins of every broker host, as the hosts say now. */
    public Map<Integer, HostReading> readHosts() throws IOException {
        Map<Integer, HostReading> out = new LinkedHashMap<>();
        for (Map.Entry<Integer, RemoteHost> e : hosts.entrySet()) {
            HostReading h = SnapshotCollector.parseHostFacts(e.getValue().run(
                    SnapshotCollector.hostFactsCommand(InstallLayout.KAFKA_HOME, InstallLayout.KAFKA_UNIT)).stdout());
            collector.hostRead(e.getKey(), h);
            out.put(e.getKey(), h);
        }
        return out;
    }

    /** The broker config files (under kafka_home/config) rendered for a host with the given pins. */
    public List<RenderedFile> brokerConfig(int broker, String ibp, String lmf) {
        String host = names.get(broker);
        NodeSettings node = settings.forHost(host).withPins(ibp, lmf);
        List<RenderedFile> files = new ArrayList<>();
        for (FileSpec spec : FileSpec.load(ws.home().templates().resolve("index.yml"))) {
            if (!spec.appliesTo(node)) continue;
            String dest = ws.renderer().renderString(host, spec.dest(), node);
            if (!dest.startsWith(InstallLayout.KAFKA_HOME + "/config/")) continue;
            files.add(new RenderedFile(dest.substring(InstallLayout.KAFKA_HOME.length() + 1), ws.renderer().renderTemplate(host, spec.template(), node),
                    spec.owner(), spec.mode(), spec.secret()));
        }
        return files;
    }

    /** A config file relative to the Kafka install dir, e.g. config/server.properties. */
    public record RenderedFile(String relativePath, String content, String owner, String mode, boolean secret) {}

    public BrokerRoll.Context context(GateSettings gates, String resumeCommand, PrintWriter out) {
        return new BrokerRoll.Context(collector, hosts, names, gates, journalFile(), zookeeperConnect, resumeCommand, out,
                Clock.systemUTC(), Duration.ofSeconds(1));
    }

    /** An audit log per inventory under ~/.cache/orchestrator/journal; resume never reads it. */
    public Path journalFile() {
        String stem = ws.inventory().source().toString().replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^_+", "");
        return Path.of(System.getProperty("user.home"), ".cache", "orchestrator", "journal", stem + ".jsonl");
    }

    @Override
    public void close() {
        collector.close();
        for (RemoteHost h : hosts.values()) {
            try {
                h.close();
            } catch (Exception ignored) {
                // nothing left to do with a connection that will not close
            }
        }
    }
}
