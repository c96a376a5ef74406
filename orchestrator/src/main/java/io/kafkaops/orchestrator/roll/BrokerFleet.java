package io.kafkaops.orchestrator.roll;

import io.kafkaops.orchestrator.Pause;

import io.kafkaops.orchestrator.Workspace;
import io.kafkaops.orchestrator.cluster.Cluster;
import io.kafkaops.orchestrator.cluster.ClusterNode;
import io.kafkaops.orchestrator.cluster.NodeSettings;
import io.kafkaops.orchestrator.cluster.NodeSettingsReader;
import io.kafkaops.orchestrator.cluster.RenderModes;
import io.kafkaops.orchestrator.cluster.Role;
import io.kafkaops.orchestrator.gate.GateSettings;
import io.kafkaops.orchestrator.host.Fleet;
import io.kafkaops.orchestrator.host.HostReading;
import io.kafkaops.orchestrator.host.HostResult;
import io.kafkaops.orchestrator.install.InstallLayout;
import io.kafkaops.orchestrator.kafka.FeatureUpdates;
import io.kafkaops.orchestrator.kafka.KRaftReads;
import io.kafkaops.orchestrator.kafka.KafkaClients;
import io.kafkaops.orchestrator.kafka.KafkaConnection;
import io.kafkaops.orchestrator.version.ClusterMode;
import io.kafkaops.orchestrator.version.FeatureLevels;
import org.apache.kafka.clients.admin.Admin;
import io.kafkaops.orchestrator.kafka.LeaderElection;
import io.kafkaops.orchestrator.kafka.SnapshotCollector;
import io.kafkaops.orchestrator.plan.FileSpec;
import io.kafkaops.orchestrator.plan.PlannedFile;
import io.kafkaops.orchestrator.plan.RenderedFiles;
import io.kafkaops.orchestrator.ssh.HostKeyPolicy;
import io.kafkaops.orchestrator.ssh.HostUnreachable;
import io.kafkaops.orchestrator.ssh.RemoteHost;
import io.kafkaops.orchestrator.ssh.SshRemoteHost;
import io.kafkaops.orchestrator.ssh.SshTarget;
import io.kafkaops.orchestrator.ssh.SshTargets;

import io.kafkaops.orchestrator.lease.ClusterLease;
import io.kafkaops.orchestrator.lease.Invocation;
import io.kafkaops.orchestrator.lease.LeaseHeld;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The brokers of an inventory, connected: SSH per broker host, the cluster's snapshots and elections, the rendered configs. */
public final class BrokerFleet implements AutoCloseable {
    /** How often a gate samples the cluster. */
    private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

    public final Workspace ws;
    public final Cluster cluster;
    public final NodeSettingsReader settings;
    public final Map<Integer, RemoteHost> hosts = new TreeMap<>();
    public final Map<Integer, String> names = new TreeMap<>();
    /** KRaft: each controller's host by node.id, and its inventory name (empty in ZooKeeper mode). */
    public final Map<Integer, RemoteHost> controllerHosts = new TreeMap<>();
    public final Map<Integer, String> controllerNames = new TreeMap<>();
    /** KRaft: how the fleet's Admin clients reach the controllers (bootstrap.controllers). */
    private final Optional<KafkaConnection> controllers;
    /** Replaced only by {@link #reachThrough}: a live security switch moves the fleet's own clients between listeners. */
    public SnapshotCollector collector;
    public final String zookeeperConnect;
    /** Every broker's advertised address and the inventory's client settings, for clients of the whole cluster. */
    public KafkaConnection kafka;
    private final List<FileSpec> files;
    private final List<SnapshotCollector.ZooKeeperEndpoint> zookeeperEndpoints;

    public BrokerFleet(Workspace ws, HostKeyPolicy policy) throws IOException {
        this(ws, policy, RenderModes.of(ws.cluster()));
    }

    /**
     * A fleet whose nodes are in the given modes (a step of a ZooKeeper -> KRaft migration): configs render for them, and
     * the gates read the ensemble while anything still uses it and the controller quorum once the controllers run.
     */
    public BrokerFleet(Workspace ws, HostKeyPolicy policy, RenderModes modes) throws IOException {
        this.ws = ws;
        this.cluster = ws.cluster();
        this.settings = ws.nodeSettings(cluster, modes);
        this.files = FileSpec.load(ws.home().templates().resolve("index.yml"));
        List<SnapshotCollector.BrokerEndpoint> brokers = new ArrayList<>();
        for (ClusterNode n : cluster.brokers()) {
            int id = n.brokerId().orElseThrow().value();
            NodeSettings node = settings.forHost(n.host());
            names.put(id, n.host());
            brokers.add(new SnapshotCollector.BrokerEndpoint(id, n.host(), node.advertisedAddress()));
        }
        List<SnapshotCollector.ZooKeeperEndpoint> zk = new ArrayList<>();
        // once every node runs KRaft the ensemble keeps nothing (it is stopped after the migration)
        boolean zookeeperUsed = modes.brokers() != ClusterMode.KRAFT || modes.controllers() != ClusterMode.KRAFT;
        for (ClusterNode n : zookeeperUsed ? cluster.zookeeperNodes() : List.<ClusterNode>of()) {
            NodeSettings node = settings.forHost(n.host());
            zk.add(new SnapshotCollector.ZooKeeperEndpoint(n.myid().orElseThrow().value(), n.host(), n.address(),
                    node.zookeeperClientPort()));
        }
        this.zookeeperConnect = cluster.brokers().isEmpty() ? "" : settings.forHost(cluster.brokers().get(0).host()).zookeeperConnect();
        this.kafka = ws.kafka(cluster);
        this.zookeeperEndpoints = List.copyOf(zk);
        this.controllers = ws.controllers(cluster, settings);
        this.collector = new SnapshotCollector(kafka, brokers, zk, controllers, Clock.systemUTC());
        // KRaft: the controllers roll too (before the brokers), over SSH like them
        List<ClusterNode> kafkaNodes = new ArrayList<>(cluster.brokers());
        if (controllers.isPresent()) {
            for (ClusterNode n : cluster.controllers()) controllerNames.put(n.nodeId().orElseThrow().value(), n.host());
            kafkaNodes.addAll(cluster.controllers());
        }
        // every host's SSH settings checked before the first connection (bad input touches nothing)
        Map<ClusterNode, SshTarget> targets = new LinkedHashMap<>();
        for (ClusterNode n : kafkaNodes) targets.put(n, SshTargets.of(n, ws.variables()));
        // every host at once: a serial loop paid one SSH handshake per broker before the first gate
        Map<ClusterNode, HostResult<RemoteHost>> sessions;
        try (Fleet fleet = new Fleet(kafkaNodes.size())) {
            sessions = fleet.onEach(kafkaNodes, n -> SshRemoteHost.connect(targets.get(n), policy));
        }
        sessions.forEach((n, r) -> {
            if (!(r instanceof HostResult.Done<RemoteHost> d)) return;
            if (n.is(Role.BROKER)) hosts.put(n.brokerId().orElseThrow().value(), d.value());
            else controllerHosts.put(n.nodeId().orElseThrow().value(), d.value());
        });
        for (HostResult<RemoteHost> r : sessions.values()) {
            if (r.ok()) continue;
            close();
            // the first broker (inventory order) that could not be reached, as the serial loop reported it
            if (r instanceof HostResult.Unreachable<RemoteHost> u) throw new HostUnreachable(u.why(), null);
            throw new IOException(((HostResult.Failed<RemoteHost>) r).detail());
        }
    }

    /** Symlink target, unit state and pins of every broker host, as the hosts say now (read at once). */
    public Map<Integer, HostReading> readHosts() throws IOException {
        Map<Integer, HostReading> out = new LinkedHashMap<>();
        List<String> failed = new ArrayList<>();
        try (Fleet fleet = new Fleet(hosts.size())) {
            fleet.onEach(hosts.keySet(), id -> HostReading.read(hosts.get(id))).forEach((id, r) -> {
                if (r instanceof HostResult.Done<HostReading> d) {
                    collector.hostRead(id, d.value());
                    out.put(id, d.value());
                } else {
                    failed.add("broker " + id + " (" + names.get(id) + "): " + r.describe());
                }
            });
        }
        if (!failed.isEmpty()) throw new IOException("reading the broker hosts failed: " + String.join("; ", failed));
        return out;
    }

    /**
     * Hosts whose data belongs to another broker than the inventory says: judging broker N and stopping the host that runs
     * M would roll the wrong broker. One line per such host; empty when every host with data agrees.
     */
    public List<String> idsNotMatchingTheData(Map<Integer, HostReading> read) {
        return idsNotMatchingTheData(names, read);
    }

    /**
     * Prints the refusal when a host's data belongs to another broker than the inventory says (one line per host, then that
     * the command touched nothing); true when the command must stop there.
     */
    public boolean refusedForIdsNotMatchingTheData(Map<Integer, HostReading> read, String command, PrintWriter out) {
        return refusedForIdsNotMatchingTheData(names, read, command, out);
    }

    /** The same for nodes of the given names: the brokers, or (KRaft) the controllers by node.id. */
    public boolean refusedForIdsNotMatchingTheData(Map<Integer, String> nodeNames, Map<Integer, HostReading> read, String command,
                                                   PrintWriter out) {
        List<String> wrongIds = nodeNames == names ? idsNotMatchingTheData(nodeNames, read)
                : controllerIdsNotMatchingTheData(nodeNames, read);
        wrongIds.forEach(w -> out.println("REFUSED: " + w));
        if (!wrongIds.isEmpty()) out.println(command + " refused: nothing was touched");
        return !wrongIds.isEmpty();
    }

    /** KRaft controllers: the node.id their metadata log dir holds must be the inventory's (reordering a group moves ids). */
    static List<String> controllerIdsNotMatchingTheData(Map<Integer, String> names, Map<Integer, HostReading> read) {
        List<String> wrong = new ArrayList<>();
        read.forEach((id, h) -> h.brokerIdOnDisk().filter(onDisk -> onDisk != id.intValue()).ifPresent(onDisk -> wrong.add(names.get(id)
                + ": the inventory says controller " + id + ", but its metadata log dir holds the data of node.id " + onDisk + " ("
                + String.join(", ", h.brokerIdsOnDisk().keySet()) + "); fix the inventory's id mapping (kafka_controller_node_id, "
                + "--controller-id-variable, or the order of the controller group)")));
        return wrong;
    }

    static List<String> idsNotMatchingTheData(Map<Integer, String> names, Map<Integer, HostReading> read) {
        List<String> wrong = new ArrayList<>();
        read.forEach((id, h) -> h.brokerIdOnDisk().filter(onDisk -> onDisk != id.intValue()).ifPresent(onDisk -> wrong.add(names.get(id)
                + ": the inventory says broker " + id + ", but its log dirs hold the data of broker.id " + onDisk + " ("
                + String.join(", ", h.brokerIdsOnDisk().keySet()) + "); fix the inventory's id mapping (broker_id, --broker-id-variable)")));
        return wrong;
    }

    /**
     * The fleet's clients (gates, snapshots, elections) reach the brokers through another listener from now on: its
     * connection and each broker's address on it. The collector of the listener before is closed.
     */
    public void reachThrough(KafkaConnection connection, Map<Integer, String> brokerAddresses) {
        List<SnapshotCollector.BrokerEndpoint> brokers = new ArrayList<>();
        brokerAddresses.forEach((id, address) -> brokers.add(new SnapshotCollector.BrokerEndpoint(id, names.get(id), address)));
        SnapshotCollector before = collector;
        collector = new SnapshotCollector(connection, brokers, zookeeperEndpoints, controllers, Clock.systemUTC());
        kafka = connection;
        before.close();
    }

    /** The broker config files (under kafka_home/config) rendered for a host that runs kafkaVersion with the given pins. */
    public List<RenderedFile> brokerConfig(int broker, String kafkaVersion, String ibp, String lmf) {
        return brokerConfig(settings.forHost(names.get(broker), kafkaVersion).withPins(ibp, lmf));
    }

    /** The broker config files (under kafka_home/config) rendered for a host with settings of the caller's making. */
    public List<RenderedFile> brokerConfig(NodeSettings node) {
        String host = node.host();
        String prefix = InstallLayout.KAFKA_HOME + "/config/";
        List<RenderedFile> out = new ArrayList<>();
        for (PlannedFile f : RenderedFiles.forHost(files, ws.renderer(), host, node)) {
            if (!f.path().startsWith(prefix)) continue;
            out.add(new RenderedFile(f.path().substring(InstallLayout.KAFKA_HOME.length() + 1), f.content(), f.owner(), f.mode(),
                    f.secret()));
        }
        return out;
    }

    /** A config file relative to the Kafka install dir, e.g. config/server.properties. */
    public record RenderedFile(String relativePath, String content, String owner, String mode, boolean secret) {
        /** Files that may carry secrets are written 0600 whatever the index says. */
        public String writeMode() { return secret ? "0600" : mode; }
    }

    /**
     * @param lease the cluster's lease this run holds, if it took one (a dry run does not): the roll stops no broker once it
     *              is lost
     */
    public BrokerRoll.Context context(GateSettings gates, String resumeCommand, PrintWriter out, Optional<ClusterLease> lease) {
        LiveCluster live = new LiveCluster(collector, new LeaderElection(collector, hosts, zookeeperConnect, ws.zookeeperLogin(cluster)));
        return new BrokerRoll.Context(live, hosts, names, gates, journal(), resumeCommand, out,
                Clock.systemUTC(), POLL_INTERVAL, Pause.REAL_TIME, () -> lease.flatMap(ClusterLease::lost));
    }

    /** Symlink target, unit state and start log of every controller host (KRaft), read at once. */
    public Map<Integer, HostReading> readControllers() throws IOException {
        Map<Integer, HostReading> out = new TreeMap<>();
        List<String> failed = new ArrayList<>();
        try (Fleet fleet = new Fleet(Math.max(1, controllerHosts.size()))) {
            fleet.onEach(controllerHosts.keySet(), id -> HostReading.read(controllerHosts.get(id))).forEach((id, r) -> {
                if (r instanceof HostResult.Done<HostReading> d) out.put(id, d.value());
                else failed.add("controller " + id + " (" + controllerNames.get(id) + "): " + r.describe());
            });
        }
        if (!failed.isEmpty()) throw new IOException("reading the controller hosts failed: " + String.join("; ", failed));
        return out;
    }

    /** KRaft: the finalized feature levels and each feature's supported range, through the controllers. */
    public KRaftReads.Features features() throws Exception {
        try (Admin admin = KafkaClients.controllerAdmin(controllers.orElseThrow(), KafkaClients.CHECKING)) {
            return KRaftReads.features(admin, 10_000);
        }
    }

    /** KRaft: sets each feature to its level through the controllers ({@code validateOnly}: checked, not changed). */
    public void updateFeatures(List<FeatureLevels.Raise> raises, boolean validateOnly) throws Exception {
        try (Admin admin = KafkaClients.controllerAdmin(controllers.orElseThrow(), KafkaClients.CHECKING)) {
            FeatureUpdates.apply(admin, raises, validateOnly);
        }
    }

    /** A KRaft cluster (or one migrated, its ZooKeeper group still in the inventory); its controllers roll before its brokers. */
    public boolean kraft() {
        return settings.modes().cluster() == ClusterMode.KRAFT && !cluster.controllers().isEmpty();
    }

    /** The engine's context for the controllers: their hosts and names in place of the brokers'. */
    public BrokerRoll.Context controllerContext(GateSettings gates, String resumeCommand, PrintWriter out, Optional<ClusterLease> lease) {
        BrokerRoll.Context brokers = context(gates, resumeCommand, out, lease);
        return new BrokerRoll.Context(brokers.cluster(), controllerHosts, controllerNames, gates, brokers.journal(), resumeCommand, out,
                brokers.clock(), brokers.pollInterval(), brokers.pause(), brokers.leaseLost());
    }

    /** The inventory's roll journal: the audit log a resume reads back. */
    public Path journal() { return RollJournal.fileFor(ws.inventory().source()); }

    /** Takes the cluster's lease on every broker host before anything is changed; {@link LeaseHeld} if another run has it. */
    public ClusterLease lease(Invocation invocation) throws IOException {
        Map<String, RemoteHost> byName = new LinkedHashMap<>();
        hosts.forEach((id, h) -> byName.put(names.get(id), h));
        controllerHosts.forEach((id, h) -> byName.put(controllerNames.get(id), h));
        return ClusterLease.take(byName, invocation.command(), invocation.unlock(), Clock.systemUTC());
    }

    @Override
    public void close() {
        collector.close();
        List<RemoteHost> all = new ArrayList<>(hosts.values());
        all.addAll(controllerHosts.values());
        for (RemoteHost h : all) {
            try {
                h.close();
            } catch (Exception ignored) {
                // nothing left to do with a connection that will not close
            }
        }
    }
}
