package io.kafkaops.orchestrator.secure;

import io.kafkaops.orchestrator.BadInput;
import io.kafkaops.orchestrator.Workspace;
import io.kafkaops.orchestrator.cluster.Cluster;
import io.kafkaops.orchestrator.cluster.ClusterRules;
import io.kafkaops.orchestrator.cluster.NodeSettings;
import io.kafkaops.orchestrator.gate.ClusterGate;
import io.kafkaops.orchestrator.gate.GateSettings;
import io.kafkaops.orchestrator.gate.GateVerdict;
import io.kafkaops.orchestrator.host.HostCommands;
import io.kafkaops.orchestrator.host.HostReading;
import io.kafkaops.orchestrator.install.InstallLayout;
import io.kafkaops.orchestrator.lease.ClusterLease;
import io.kafkaops.orchestrator.lease.Invocation;
import io.kafkaops.orchestrator.lease.LeaseHeld;
import io.kafkaops.orchestrator.plan.HostPlan;
import io.kafkaops.orchestrator.plan.PlannedFile;
import io.kafkaops.orchestrator.roll.BrokerFleet;
import io.kafkaops.orchestrator.roll.BrokerRoll;
import io.kafkaops.orchestrator.roll.BrokerSwitch;
import io.kafkaops.orchestrator.roll.RollJournal;
import io.kafkaops.orchestrator.roll.RollReport;
import io.kafkaops.orchestrator.security.BrokerSecurity;
import io.kafkaops.orchestrator.security.ClusterSecurity;
import io.kafkaops.orchestrator.security.Listener;
import io.kafkaops.orchestrator.security.LiveSecurity;
import io.kafkaops.orchestrator.security.SecureStages;
import io.kafkaops.orchestrator.ssh.HostKeyPolicy;
import io.kafkaops.orchestrator.ssh.RemoteHost;
import io.kafkaops.orchestrator.version.UpgradePath;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * `orchestrator secure`: moves a running cluster to the inventory's security without downtime, through the gated engine.
 * Stage by stage ({@link SecureStages}): the secured listeners beside the old ones, the brokers onto their secured
 * listener, the authorizer on once the ACLs are in place, and - only when asked - the old listeners gone. Re-running
 * resumes: each broker's server.properties says which stage it is at.
 */
public final class SecureCluster {
    static final String PHASE = "secure";
    /** The flag that runs the stage which cuts off clients still on the old listeners. */
    public static final String REMOVE_FLAG = "--remove-plaintext";

    /**
     * @param removeOldListeners run the last stage, which removes the listeners the inventory does not have
     * @param typed              the command as typed: what a halt prints to resume
     */
    public record Request(boolean dryRun, boolean removeOldListeners, GateSettings gates, HostKeyPolicy hostKeys, String typed,
                          Invocation invocation) {}

    private final Workspace ws;
    private final Request request;
    private final PrintWriter out;

    private SecureCluster(Workspace ws, Request request, PrintWriter out) {
        this.ws = ws;
        this.request = request;
        this.out = out;
    }

    public static int run(Workspace ws, Request request, PrintWriter out) {
        return new SecureCluster(ws, request, out).run();
    }

    private int run() {
        Cluster cluster = ws.cluster();
        ClusterSecurity target = ws.security(cluster);
        if (!target.secured()) {
            throw new BadInput(new io.kafkaops.orchestrator.SourceRef(ws.inventory().source(), null),
                    "the inventory asks for no security: every listener is PLAINTEXT and no ACLs are on",
                    "set sasl_protocol and/or ssl_enabled (and the listeners, users, ACLs) as docs/security.md shows, then run secure");
        }
        ClusterRules.require(cluster).forEach(w -> out.println("warning: " + w.message() + "\n  fix: " + w.fix()));
        BrokerFleet fleet;
        try {
            fleet = new BrokerFleet(ws, request.hostKeys());
        } catch (IOException e) {
            return RollReport.haltedBeforeAnyChange(out, RollJournal.fileFor(ws.inventory().source()), PHASE, e.getMessage(),
                    request.typed());
        }
        try (fleet; ClusterLease lease = request.dryRun() ? null : fleet.lease(request.invocation())) {
            return new Run(fleet, target, Optional.ofNullable(lease)).secure();
        } catch (BadInput | LeaseHeld e) {
            throw e;
        } catch (Exception e) {
            // a host or the cluster that failed outside a roll (the engine halts its own): the same halt, not a trace
            return RollReport.haltedBeforeAnyChange(out, fleet.journal(), PHASE, e.getMessage(), request.typed());
        }
    }

    private final class Run {
        private final BrokerFleet fleet;
        private final ClusterSecurity target;
        private final Optional<ClusterLease> lease;

        Run(BrokerFleet fleet, ClusterSecurity target, Optional<ClusterLease> lease) {
            this.fleet = fleet;
            this.target = target;
            this.lease = lease;
        }

        int secure() throws Exception {
            Map<Integer, HostReading> hosts = fleet.readHosts();
            if (fleet.refusedForIdsNotMatchingTheData(hosts, PHASE, out)) return 1;
            List<String> notInstalled = hosts.entrySet().stream().filter(e -> e.getValue().version().isEmpty())
                    .map(e -> fleet.names.get(e.getKey())).toList();
            if (!notInstalled.isEmpty()) {
                out.println("REFUSED: " + String.join(", ", notInstalled) + " run no installed Kafka; provision the cluster first (nothing was touched)");
                return 1;
            }
            Map<Integer, LiveSecurity> live = liveSecurity();
            // planned from the broker that keeps the most old listeners: a broker past the last stage no longer names them
            LiveSecurity from = live.values().stream().max(java.util.Comparator.comparingInt(l -> l.notIn(target.listeners()).size()))
                    .orElseThrow();
            SecureStages.Plan plan = SecureStages.plan(target.listeners(), target.interBroker(), target.aclsEnabled(), from);
            if (plan instanceof SecureStages.Plan.Refused r) {
                out.println("REFUSED: " + r.reason() + " (nothing was touched)");
                return 1;
            }
            SecureStages.Plan.Stages stages = (SecureStages.Plan.Stages) plan;
            int at = SecureStages.clusterStage(stages.stages(), live);
            printPlan(stages, live);
            if (at == stages.stages().size()) {
                out.println("nothing to do: every broker runs the inventory's listeners" + (target.aclsEnabled() ? " and authorizer" : ""));
                return 0;
            }
            if (request.dryRun()) {
                out.println("dry run: nothing changed");
                return 0;
            }
            prepare();
            for (SecureStages.Stage stage : stages.stages().subList(at, stages.stages().size())) {
                if (stage.confirmed() && !request.removeOldListeners()) {
                    out.println("stopping before stage " + stage.number() + " (" + stage.title() + "): " + stage.clients());
                    out.println("  once every client uses the secured listeners, run:");
                    out.println("    " + request.typed() + " " + REMOVE_FLAG);
                    return 0;
                }
                if (!roll(stages, stage)) return 1;
            }
            out.println("secure done: every broker runs the inventory's security");
            return 0;
        }

        /** Each broker's security as its server.properties says now. */
        private Map<Integer, LiveSecurity> liveSecurity() throws IOException {
            Map<Integer, LiveSecurity> live = new LinkedHashMap<>();
            for (var e : fleet.hosts.entrySet()) {
                live.put(e.getKey(), LiveSecurity.parse(HostCommands.read(e.getValue(), InstallLayout.kafkaConfig("server.properties"))));
            }
            return live;
        }

        private void printPlan(SecureStages.Plan.Stages stages, Map<Integer, LiveSecurity> live) {
            out.println("[" + PHASE + "] from " + (stages.kept().isEmpty() ? "the inventory's listeners"
                    : "listeners " + stages.kept().stream().map(Listener::toString).toList()) + " to " + target.listeners()
                    + ", brokers over " + target.interBroker().name() + (target.aclsEnabled() ? ", ACLs on" : ""));
            for (SecureStages.Stage s : stages.stages()) {
                long done = live.values().stream().filter(l -> SecureStages.stageOf(stages.stages(), l) >= s.number()).count();
                String state = done == live.size() ? "done" : done == 0 ? "to do" : "done on " + done + " of " + live.size() + " brokers";
                out.println("  stage " + s.number() + " " + s.title() + " [" + state + (s.confirmed() ? ", only with " + REMOVE_FLAG : "")
                        + "]");
                out.println("    changes: " + s.changes());
                out.println("    clients: " + s.clients());
            }
        }

        /**
         * What no running broker reads until it restarts, put on every broker first: the JAAS file, the stores, the unit
         * (which passes the JAAS file), and the SCRAM users (in ZooKeeper, where brokers of every version find them).
         */
        private void prepare() throws IOException {
            Map<String, HostPlan> plans = new LinkedHashMap<>();
            ws.plan().hosts().forEach(h -> plans.put(h.host(), h));
            String live = InstallLayout.kafkaConfig("server.properties");
            for (var e : fleet.hosts.entrySet()) {
                String host = fleet.names.get(e.getKey());
                RemoteHost session = e.getValue();
                for (PlannedFile f : plans.get(host).files()) {
                    if (f.path().equals(live) || !f.template().matches("kafka_server_jaas.conf.j2|kafka-server.service.j2|tls.*")) continue;
                    HostCommands.write(session, f);
                }
                HostCommands.run(session, "systemctl daemon-reload", "systemctl daemon-reload");
                out.println("[" + host + "] JAAS file, stores and unit written (read at the next start)");
            }
            Credentials.beforeBrokersUseThem(ws, fleet.cluster, target, out);
        }

        /** One stage: every broker not at it yet through the engine, with its server.properties of the stage. */
        private boolean roll(SecureStages.Plan.Stages stages, SecureStages.Stage stage) throws Exception {
            String title = PHASE + " stage " + stage.number() + " " + stage.title();
            // stage 1 adds the secured listeners: until it is done the fleet's clients use an old one
            Listener through = stage.number() == 1 && !stages.kept().isEmpty() ? stages.kept().get(0) : target.client();
            fleet.reachThrough(ws.kafka(fleet.cluster, through), ws.brokerAddresses(fleet.cluster, through));
            if (stage.authorizer()) Credentials.aclsBeforeTheAuthorizer(ws, fleet.cluster, target, out);
            Map<Integer, HostReading> hosts = fleet.readHosts();
            Map<Integer, LiveSecurity> live = liveSecurity();
            Map<Integer, BrokerSwitch> switches = new LinkedHashMap<>();
            boolean begun = false;
            String version = null;
            for (var e : hosts.entrySet()) {
                int id = e.getKey();
                HostReading h = e.getValue();
                version = h.version().orElseThrow();
                if (SecureStages.stageOf(stages.stages(), live.get(id)) >= stage.number() && h.active()) {
                    begun = true;
                    switches.put(id, new BrokerSwitch("already at stage " + stage.number(), version, h.state(), List.of(), List.of(), "true",
                            List.of(), Optional.empty()));
                    continue;
                }
                if (!h.active()) begun = true;
                switches.put(id, switchFor(id, h, stage));
            }
            BrokerRoll engine = new BrokerRoll(fleet.context(request.gates(), request.typed(), out, lease), title);
            if (begun) {
                out.println("[" + title + "] resuming: brokers already at this stage are skipped; G1 guards every broker still to roll");
            } else {
                GateVerdict g0 = engine.beforeRoll(s -> ClusterGate.beforeRoll(s,
                        new UpgradePath.NothingToDo("a security switch changes no version"), request.gates()));
                if (!(g0 instanceof GateVerdict.Pass)) {
                    out.println("secure refused at G0 before stage " + stage.number() + ": no broker was touched in this stage");
                    return false;
                }
            }
            out.println("[" + title + "] " + stage.changes() + "; clients: " + stage.clients());
            return RollReport.print(out, engine.roll(switches, version));
        }

        private BrokerSwitch switchFor(int id, HostReading h, SecureStages.Stage stage) throws IOException {
            String version = h.version().orElseThrow();
            NodeSettings node = fleet.settings.forHost(fleet.names.get(id), version);
            Listener inter = stage.listeners().stream().filter(l -> l.name().equals(stage.interBrokerListener())).findFirst().orElseThrow();
            NodeSettings staged = node.withSecurity(BrokerSecurity.of(target, node.security().advertisedHost(), stage.listeners(), inter,
                    stage.authorizer(), version));
            BrokerFleet.RenderedFile next = fleet.brokerConfig(staged).stream()
                    .filter(f -> f.relativePath().equals("config/server.properties")).findFirst().orElseThrow();
            String liveProperties = HostCommands.read(fleet.hosts.get(id), InstallLayout.kafkaConfig("server.properties"));
            return BrokerSwitch.newServerProperties("stage " + stage.number() + ": " + stage.changes(), version, Optional.empty(),
                    next.content(), next.owner(), next.writeMode(), Optional.of(liveProperties), Optional.empty());
        }
    }
}
