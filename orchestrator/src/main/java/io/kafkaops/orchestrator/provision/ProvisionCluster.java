package io.kafkaops.orchestrator.provision;

import io.kafkaops.orchestrator.Workspace;
import io.kafkaops.orchestrator.cluster.Cluster;
import io.kafkaops.orchestrator.cluster.Role;
import io.kafkaops.orchestrator.host.Fleet;
import io.kafkaops.orchestrator.host.HostFacts;
import io.kafkaops.orchestrator.host.HostResult;
import io.kafkaops.orchestrator.install.ArtifactFolder;
import io.kafkaops.orchestrator.install.ClusterIdentity;
import io.kafkaops.orchestrator.install.InventoryClusterId;
import io.kafkaops.orchestrator.SourceRef;
import io.kafkaops.orchestrator.kafka.ClusterIds;
import io.kafkaops.orchestrator.kafka.KafkaClients;
import io.kafkaops.orchestrator.kafka.KafkaConnection;
import io.kafkaops.orchestrator.lease.ClusterLease;
import io.kafkaops.orchestrator.lease.Invocation;
import io.kafkaops.orchestrator.plan.HostPlan;
import io.kafkaops.orchestrator.plan.ProvisionPlan;
import io.kafkaops.orchestrator.provision.ProvisionDiff.Install;
import io.kafkaops.orchestrator.secure.Credentials;
import io.kafkaops.orchestrator.security.ClusterSecurity;
import io.kafkaops.orchestrator.ssh.HostKeyPolicy;
import io.kafkaops.orchestrator.ssh.RemoteHost;
import io.kafkaops.orchestrator.version.ClusterMode;

import org.apache.kafka.clients.admin.Admin;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * `orchestrator provision`: facts -> diff -> changes -> commands. Connect once per host, read its facts, print what
 * differs, then apply ZooKeeper first (and check the ensemble), brokers second (and check the cluster end to end).
 */
public final class ProvisionCluster {
    /** @param invocation shown in the cluster's lease, which a run that is not dry takes before it changes anything */
    /** @param pruneAcls remove the ACLs the cluster has that the inventory does not name (else they are only reported) */
    /**
     * @param leaseHeld the caller holds the cluster's lease already (a migration provisions its controllers under its own)
     * @param clusterId the id the KRaft nodes must be formatted with when no host holds one yet (a migration: the ZooKeeper
     *                  cluster's); else the inventory's kafka_cluster_id or a new one
     */
    public record Options(boolean dryRun, int forks, Duration healthTimeout, Invocation invocation, boolean pruneAcls, boolean leaseHeld,
                          Optional<String> clusterId) {
        public Options(boolean dryRun, int forks, Duration healthTimeout, Invocation invocation, boolean pruneAcls) {
            this(dryRun, forks, healthTimeout, invocation, pruneAcls, false, Optional.empty());
        }

        public Options(boolean dryRun, int forks, Duration healthTimeout) {
            this(dryRun, forks, healthTimeout, new Invocation("orchestrator provision", "orchestrator unlock"), false);
        }
    }

    private final ProvisionPlan plan;
    private final Install zookeeper;
    private final Install kafka;
    private final Options options;
    private final ClusterAccess access;
    private final HealthChecks health;
    private final SecuritySteps security;
    private final PrintWriter out;
    private final Map<String, RemoteHost> sessions = new ConcurrentHashMap<>();
    // written only between the Fleet runs, by the calling thread; printed in inventory order
    private final Map<String, HostOutcome> outcomes = new LinkedHashMap<>();
    private ClusterLease lease;

    /**
     * Provision as the command runs it: the workspace's plan, the tarballs from {@code artifacts} (else the inventory's
     * artifact_dir), SSH with the given host-key policy. Plan warnings are printed first.
     */
    public static int run(Workspace ws, Optional<Path> artifacts, HostKeyPolicy hostKeys, Options options, PrintWriter out) {
        ProvisionPlan plan = ws.plan();
        return run(ws, plan, ws.controllers(plan.cluster()), artifacts, hostKeys, options, out);
    }

    /**
     * The same for a plan of the caller's making (a migration's: its controller hosts only, rendered in migration mode), whose
     * controllers are reached at {@code controllers}.
     */
    public static int run(Workspace ws, ProvisionPlan plan, Optional<KafkaConnection> controllers, Optional<Path> artifacts,
                          HostKeyPolicy hostKeys, Options options, PrintWriter out) {
        Cluster cluster = plan.cluster();
        Path dir = ArtifactFolder.resolve(artifacts, ws.variables().resolve(plan.hosts().get(0).host(), "artifact_dir"),
                String.valueOf(ws.inventory().source()), cluster.kafka().tarballName());
        Install zookeeper = Install.from(dir, cluster.zookeeper().installDir(), cluster.zookeeper().tarballName());
        Install kafka = Install.from(dir, cluster.kafka().installDir(), cluster.kafka().tarballName());
        ClusterAccess access = ClusterAccess.overNetwork(cluster, ws.variables(), hostKeys, ws.kafka(cluster), controllers);
        plan.warnings().forEach(w -> out.println("warning: " + w.message()));
        ClusterSecurity s = ws.security(cluster);
        SecuritySteps security = new SecuritySteps() {
            @Override
            public void beforeBrokers() throws IOException {
                Credentials.beforeBrokersUseThem(ws, cluster, s, out);
            }

            @Override
            public void afterBrokers() throws IOException {
                if (!s.aclsEnabled()) return;
                try (Admin admin = KafkaClients.admin(ws.kafka(cluster), KafkaClients.CHECKING)) {
                    Credentials.acls(admin, s, options.pruneAcls(), out);
                }
            }
        };
        return new ProvisionCluster(plan, zookeeper, kafka, options, access, Waiting.realTime(), security, out).run();
    }

    public ProvisionCluster(ProvisionPlan plan, Install zookeeper, Install kafka, Options options, ClusterAccess access,
                            PrintWriter out) {
        this(plan, zookeeper, kafka, options, access, Waiting.realTime(), SecuritySteps.NONE, out);
    }

    ProvisionCluster(ProvisionPlan plan, Install zookeeper, Install kafka, Options options, ClusterAccess access,
                     Waiting waiting, PrintWriter out) {
        this(plan, zookeeper, kafka, options, access, waiting, SecuritySteps.NONE, out);
    }

    ProvisionCluster(ProvisionPlan plan, Install zookeeper, Install kafka, Options options, ClusterAccess access,
                     Waiting waiting, SecuritySteps security, PrintWriter out) {
        this.security = security;
        this.plan = plan;
        this.zookeeper = zookeeper;
        this.kafka = kafka;
        this.options = options;
        this.access = access;
        this.out = out;
        this.health = new HealthChecks(plan, access, waiting, options.healthTimeout(), this::say);
    }

    /** @return 0 when every host is healthy (or, with --dry-run, when the plan could be made) */
    public int run() {
        try (Fleet fleet = new Fleet(Math.min(options.forks(), plan.hosts().size()))) {
            Map<String, HostChanges> diffs = readFacts(fleet);
            ProvisionReport.changes(plan.hosts(), diffs, this::say);
            if (diffs.values().stream().anyMatch(d -> !d.refusals().isEmpty())) {
                diffs.values().forEach(d -> d.refusals().forEach(r -> outcomes.put(d.host(), new HostOutcome.Refused(d.host(), r))));
                say("refusing to change any host: fix the problems above first (nothing was touched)");
                return summary(1);
            }
            if (options.dryRun()) {
                say("dry run: nothing changed");
                return summary(outcomes.isEmpty() ? 0 : 1);
            }
            // a run with nothing to change only reads: it needs no lease (and so never waits for one)
            if (diffs.values().stream().anyMatch(d -> !d.noChanges()) && !options.leaseHeld()) {
                try {
                    lease = ClusterLease.take(sessions, options.invocation().command(), options.invocation().unlock(), Clock.systemUTC());
                } catch (IOException e) {
                    say("refusing to change any host: " + e.getMessage() + " (nothing was touched)");
                    return summary(1);
                }
            }
            List<HostPlan> zkHosts = plan.hosts().stream().filter(h -> h.node().zookeeper()).toList();
            List<HostPlan> controllerHosts = plan.hosts().stream().filter(h -> h.node().controller() && !h.node().broker()).toList();
            List<HostPlan> brokerHosts = plan.hosts().stream().filter(h -> h.node().broker()).toList();
            if (!zkHosts.isEmpty()) {
                applyPhase(fleet, zkHosts, diffs, Role.ZOOKEEPER);
                boolean ensembleOk = failed(zkHosts).isEmpty() ? health.zooKeeper() : quorumOf(zkHosts);
                if (!ensembleOk) {
                    say("brokers left untouched: the ZooKeeper ensemble is not healthy");
                    return summary(1);
                }
            }
            if (!controllerHosts.isEmpty()) {
                // KRaft: the quorum first, with a leader and every voter caught up, before any broker starts to register with it
                applyPhase(fleet, controllerHosts, diffs, Role.CONTROLLER);
                List<String> controllersFailed = failed(controllerHosts);
                if (!controllersFailed.isEmpty() || !health.controllers()) {
                    say("brokers left untouched: the KRaft controller quorum is not healthy"
                            + (controllersFailed.isEmpty() ? "" : " (" + String.join(", ", controllersFailed) + " did not finish)"));
                    return summary(1);
                }
            }
            try {
                security.beforeBrokers();
            } catch (IOException e) {
                say("brokers left untouched: the SCRAM users could not be written to ZooKeeper: " + e.getMessage());
                return summary(1);
            }
            applyPhase(fleet, brokerHosts, diffs, Role.BROKER);
            List<String> brokersFailed = failed(brokerHosts);
            boolean brokersOk = brokersFailed.isEmpty() && health.kafka(diffs.values().stream().anyMatch(d -> !d.noChanges()));
            if (brokersOk) {
                try {
                    security.afterBrokers();
                } catch (IOException e) {
                    say("ACLs could not be applied: " + e.getMessage() + " (run provision again once the brokers answer)");
                    brokersOk = false;
                }
            }
            if (!brokersFailed.isEmpty()) {
                say("cluster checks skipped: " + String.join(", ", brokersFailed) + " did not finish; fix and run provision again");
            }
            diffs.forEach((host, d) -> outcomes.putIfAbsent(host,
                    d.noChanges() ? new HostOutcome.Unchanged(host) : new HostOutcome.Changed(host, d.changes().size())));
            return summary(brokersOk && outcomes.values().stream().allMatch(HostOutcome::ok) ? 0 : 1);
        } finally {
            if (lease != null) lease.close();
            sessions.values().forEach(ProvisionCluster::close);
        }
    }

    public Map<String, HostOutcome> outcomes() {
        return Map.copyOf(outcomes);
    }

    /** Connects to every host and diffs its facts against the plan; a host that cannot be read gets its outcome. */
    private Map<String, HostChanges> readFacts(Fleet fleet) {
        Map<HostPlan, HostFacts> facts = new LinkedHashMap<>();
        fleet.onEach(plan.hosts(), h -> {
            RemoteHost session = access.connect(h.host());
            sessions.put(h.host(), session);
            return FactsScript.read(session, h);
        }).forEach((h, result) -> {
            if (result instanceof HostResult.Done<HostFacts> done) facts.put(h, done.value());
            else record(h.host(), result);
        });
        Map<String, HostChanges> diffs = new LinkedHashMap<>();
        Optional<String> refusal = Optional.empty();
        Optional<String> clusterId = Optional.empty();
        if (plan.hosts().stream().anyMatch(h -> h.node().kraft() != null)) {
            ClusterIdentity.Choice id = clusterId(facts);
            if (id instanceof ClusterIdentity.Known k) {
                clusterId = Optional.of(k.id());
                say("KRaft cluster id " + k.id() + " (from the " + k.from() + ")");
            } else if (id instanceof ClusterIdentity.Disagree d) {
                refusal = Optional.of(d.reason() + ": one of them is not this cluster's - fix the inventory or the host");
            } else if (plan.hosts().stream().anyMatch(h -> h.node().kraft() != null && !facts.containsKey(h))) {
                // an unread host may hold the id already: a new one would split the cluster
                refusal = Optional.of("no host read so far holds a KRaft cluster id, and not every Kafka host could be read; "
                        + "run provision again once they answer (a new id now could split the cluster)");
            } else {
                clusterId = Optional.of(options.dryRun() ? "(" + new ClusterIdentity.Generate() + ")" : ClusterIds.generate());
                say("KRaft cluster id " + clusterId.get() + " (new: no host is formatted yet)");
            }
        }
        for (var e : facts.entrySet()) {
            HostPlan h = e.getKey();
            if (refusal.isPresent() && h.node().kraft() != null) {
                diffs.put(h.host(), new HostChanges(h.host(), List.of(), List.of(refusal.get())));
            } else {
                diffs.put(h.host(), ProvisionDiff.of(h, e.getValue(), zookeeper, kafka, clusterId));
            }
        }
        return diffs;
    }

    /** The cluster id the KRaft hosts' meta.properties hold, else the inventory's, else a new one. */
    private ClusterIdentity.Choice clusterId(Map<HostPlan, HostFacts> facts) {
        Map<String, String> ids = new LinkedHashMap<>();
        facts.forEach((h, f) -> {
            if (h.node().kraft() == null) return;
            h.node().logDirs().stream().map(d -> f.metaProperties().getOrDefault(d, Map.of()).get("cluster.id"))
                    .filter(Objects::nonNull).findFirst().ifPresent(id -> ids.put(h.host(), id));
        });
        // a migration's controllers take the ZooKeeper cluster's id (the Migration use case checked the inventory's against it)
        return ClusterIdentity.decide(ids, options.clusterId()
                .map(id -> new InventoryClusterId(id, new SourceRef(plan.cluster().inventory().source(), null)))
                .or(() -> plan.cluster().clusterId()));
    }

    /** Makes one role's changes on the hosts still in the run, all at once; a host that fails is recorded, the others go on. */
    private void applyPhase(Fleet fleet, List<HostPlan> hosts, Map<String, HostChanges> diffs, Role phase) {
        List<HostPlan> live = hosts.stream().filter(h -> !outcomes.containsKey(h.host())).toList();
        fleet.onEach(live, h -> apply(h, diffs.get(h.host()), phase)).forEach((h, result) -> record(h.host(), result));
    }

    private Void apply(HostPlan h, HostChanges changes, Role phase) throws IOException {
        RemoteHost session = sessions.get(h.host());
        for (Change c : changes.changes()) {
            if (!c.runsIn(phase) || c.reportOnly()) continue;
            long start = System.nanoTime();
            c.applyTo(session);
            say(String.format("[%s] %s ... ok (%.1fs)", h.host(), c.describe(), (System.nanoTime() - start) / 1e9));
        }
        return null;
    }

    private void record(String host, HostResult<?> result) {
        if (result instanceof HostResult.Failed<?> f) {
            outcomes.put(host, new HostOutcome.Failed(host, f.step(), f.command(), f.detail()));
            say("[" + host + "] FAILED at " + f.step() + ": " + f.command() + "\n    " + f.detail());
        } else if (result instanceof HostResult.Unreachable<?> u) {
            outcomes.put(host, new HostOutcome.Unreachable(host, u.why()));
            say("[" + host + "] UNREACHABLE: " + u.why());
        }
    }

    private List<String> failed(List<HostPlan> hosts) {
        return hosts.stream().map(HostPlan::host).filter(outcomes::containsKey).toList();
    }

    /** With ZooKeeper hosts failed, brokers may still go ahead if the rest of the ensemble holds a quorum. */
    private boolean quorumOf(List<HostPlan> zkHosts) {
        List<String> failed = failed(zkHosts);
        int alive = zkHosts.size() - failed.size();
        boolean quorum = ServiceHealth.quorum(alive, zkHosts.size());
        say("ZooKeeper hosts " + String.join(", ", failed) + " did not finish; " + alive + " of " + zkHosts.size()
                + (quorum ? " remain, a quorum: going on with the brokers" : " remain, no quorum"));
        return quorum && health.zooKeeperAmong(zkHosts.stream().map(HostPlan::host).filter(h -> !outcomes.containsKey(h)).toList());
    }

    private int summary(int code) {
        ProvisionReport.summary(plan.hosts(), outcomes, this::say);
        return code;
    }

    private synchronized void say(String line) {
        out.println(line);
        out.flush();
    }

    private static void close(RemoteHost session) {
        try {
            session.close();
        } catch (IOException ignored) {
            // closing a dead connection has nothing left to report
        }
    }
}
