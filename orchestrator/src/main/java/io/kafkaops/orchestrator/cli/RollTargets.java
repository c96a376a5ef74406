package io.kafkaops.orchestrator.cli;

import io.kafkaops.orchestrator.cluster.Cluster;
import io.kafkaops.orchestrator.cluster.ClusterNode;
import io.kafkaops.orchestrator.cluster.NodeSettings;
import io.kafkaops.orchestrator.cluster.NodeSettingsFactory;
import io.kafkaops.orchestrator.gate.GateSettings;
import io.kafkaops.orchestrator.health.SnapshotCollector;
import io.kafkaops.orchestrator.health.SnapshotCollector.HostReading;
import io.kafkaops.orchestrator.install.InstallLayout;
import io.kafkaops.orchestrator.plan.FileSpec;
import io.kafkaops.orchestrator.ssh.HostKeyPolicy;
import io.kafkaops.orchestrator.ssh.RemoteHost;
import io.kafkaops.orchestrator.ssh.SshRemoteHost;
import io.kafkaops.orchestrator.ssh.SshTargets;
import io.kafkaops.orchestrator.upgrade.RollingRestart;

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
final class RollTargets implements AutoCloseable {
    final Workspace ws;
    final Cluster cluster;
    final NodeSettingsFactory settings;
    final Map<Integer, RemoteHost> hosts = new TreeMap<>();
    final Map<Integer, String> names = new TreeMap<>();
    final SnapshotCollector collector;
    final String zookeeperConnect;
    /** Every broker's advertised address, for clients of the whole cluster. */
    final String bootstrap;

    RollTargets(Workspace ws, HostKeyPolicy policy) throws IOException {
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
        this.collector = new SnapshotCollector(brokers, zk, Clock.systemUTC());
        this.bootstrap = String.join(",", brokers.stream().map(SnapshotCollector.BrokerEndpoint::bootstrap).toList());
        for (ClusterNode n : cluster.brokers()) {
            try {
                hosts.put(n.brokerId().orElseThrow().value(), SshRemoteHost.connect(SshTargets.of(n, ws.variables()), policy));
            } catch (IOException e) {
                close();
                throw new IOException("cannot reach " + n.host() + " (" + n.address() + ") over SSH: " + e.getMessage(), e);
            }
        }
    }

    /** Symlink target, unit state and pins of every broker host, as the hosts say now. */
    Map<Integer, HostReading> readHosts() throws IOException {
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
    List<RenderedFile> brokerConfig(int broker, String ibp, String lmf) {
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
    record RenderedFile(String relativePath, String content, String owner, String mode, boolean secret) {}

    RollingRestart.Context context(GateSettings gates, String resumeCommand, PrintWriter out) {
        return new RollingRestart.Context(collector, hosts, names, gates, journalFile(), zookeeperConnect, resumeCommand, out,
                Clock.systemUTC(), Duration.ofSeconds(1));
    }

    /** An audit log per inventory under ~/.cache/orchestrator/journal; resume never reads it. */
    Path journalFile() {
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
