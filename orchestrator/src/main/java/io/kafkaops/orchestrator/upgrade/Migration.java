package io.kafkaops.orchestrator.upgrade;

import io.kafkaops.orchestrator.BadInput;
import io.kafkaops.orchestrator.Pause;
import io.kafkaops.orchestrator.Workspace;
import io.kafkaops.orchestrator.cluster.Cluster;
import io.kafkaops.orchestrator.cluster.ClusterNode;
import io.kafkaops.orchestrator.cluster.NodeSettings;
import io.kafkaops.orchestrator.cluster.NodeSettingsReader;
import io.kafkaops.orchestrator.cluster.RenderModes;
import io.kafkaops.orchestrator.cluster.Role;
import io.kafkaops.orchestrator.gate.ClusterGate;
import io.kafkaops.orchestrator.gate.GateSettings;
import io.kafkaops.orchestrator.gate.GateVerdict;
import io.kafkaops.orchestrator.gate.MigrationGate;
import io.kafkaops.orchestrator.host.ControllerMetrics;
import io.kafkaops.orchestrator.host.HostCommands;
import io.kafkaops.orchestrator.host.HostReading;
import io.kafkaops.orchestrator.install.InstallLayout;
import io.kafkaops.orchestrator.kafka.KafkaClients;
import io.kafkaops.orchestrator.lease.ClusterLease;
import io.kafkaops.orchestrator.lease.Invocation;
import io.kafkaops.orchestrator.lease.LeaseHeld;
import io.kafkaops.orchestrator.plan.HostPlan;
import io.kafkaops.orchestrator.plan.ProvisionPlan;
import io.kafkaops.orchestrator.provision.ProvisionCluster;
import io.kafkaops.orchestrator.roll.BrokerFleet;
import io.kafkaops.orchestrator.roll.BrokerRoll;
import io.kafkaops.orchestrator.roll.BrokerSwitch;
import io.kafkaops.orchestrator.roll.ControllerRoll;
import io.kafkaops.orchestrator.roll.RollJournal;
import io.kafkaops.orchestrator.roll.RollReport;
import io.kafkaops.orchestrator.ssh.HostKeyPolicy;
import io.kafkaops.orchestrator.ssh.RemoteHost;
import io.kafkaops.orchestrator.ssh.SshRemoteHost;
import io.kafkaops.orchestrator.ssh.SshTargets;
import io.kafkaops.orchestrator.version.ClusterMode;
import io.kafkaops.orchestrator.version.KafkaVersion;
import io.kafkaops.orchestrator.version.MatrixRow;
import io.kafkaops.orchestrator.version.MatrixRow.Action;
import io.kafkaops.orchestrator.version.MatrixRow.RollRule;
import io.kafkaops.orchestrator.version.Nodes;
import io.kafkaops.orchestrator.version.UpgradePath;
import io.kafkaops.orchestrator.version.VersionMatrix;
import io.kafkaops.orchestrator.ssh.Shell;
import io.kafkaops.orchestrator.zookeeper.ControllerZnode;
import io.kafkaops.orchestrator.zookeeper.ZooKeeperSession;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.admin.Admin;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * `orchestrator upgrade INV --to 3.9.x --mode kraft`: the ZooKeeper -> KRaft migration (KIP-866) as the matrix row's
 * phases, each gated, each skipped when the hosts already show it done - so the same command resumes after a halt or a
 * kill. It stops before the point of no return (the controllers leaving migration mode) unless told, and verifies at the
 * end that nothing acknowledged was lost.
 */
public final class Migration {

    /**
     * @param typed            the command as typed without --dry-run: what a halt prints to resume
     * @param migrationTimeout how long the wait for the controllers' copy of the metadata may take before it halts
     */
    public record Request(Path inventory, String to, boolean dryRun, boolean yesFinalize, Optional<Path> artifacts, GateSettings gates,
                          HostKeyPolicy hostKeys, String typed, Invocation invocation, Duration migrationTimeout, ClusterMode target) {
        /** The migration to KRaft. */
        public Request(Path inventory, String to, boolean dryRun, boolean yesFinalize, Optional<Path> artifacts, GateSettings gates,
                       HostKeyPolicy hostKeys, String typed, Invocation invocation, Duration migrationTimeout) {
            this(inventory, to, dryRun, yesFinalize, artifacts, gates, hostKeys, typed, invocation, migrationTimeout, ClusterMode.KRAFT);
        }

        String finalizeCommand() { return yesFinalize ? typed : typed + " --yes-finalize"; }

        boolean rollback() { return target == ClusterMode.ZOOKEEPER; }
    }

    /** One phase of the row, numbered, with the modes the nodes are in once it is done. */
    record Step(int number, RollRule rule, RenderModes after, boolean rollback) {
        String title() { return (rollback ? "rollback" : "migration") + " phase " + number; }

        String describe() {
            return "phase " + number + (rule.pointOfNoReturn().isPresent() ? " (POINT OF NO RETURN)" : "") + ": " + rule.name()
                    + rule.pointOfNoReturn().map(p -> "; " + p).orElse("");
        }
    }

    private final Workspace ws;
    private final VersionMatrix matrix;

    public Migration(Workspace ws) {
        this.ws = ws;
        this.matrix = VersionMatrix.load(ws.home().upgrade().resolve("matrix.yml"));
    }

    /** What can be refused before any connection: no controller group, combined hosts, a version the row does not cover. */
    MatrixRow validate(Request request) {
        Cluster cluster = ws.cluster();
        String fix = "the migration needs the ZooKeeper ensemble and a group of 3 (or 5) dedicated KRaft controller hosts "
                + "(kafka_controller) beside the brokers (docs/kraft.md)";
        if (cluster.zookeeperGroup().isEmpty()) {
            throw new BadInput(cluster.inventory().source(), null, "--mode kraft migrates a ZooKeeper-mode cluster, and this inventory "
                    + "has no ZooKeeper group: it already describes a KRaft cluster", "leave --mode out to upgrade a KRaft cluster");
        }
        if (cluster.controllerGroup().isEmpty()) {
            throw new BadInput(cluster.inventory().source(), null, "--mode kraft: the inventory has no KRaft controller group", fix);
        }
        // in ZooKeeper mode a host in both groups reads as a broker only: the groups as written say it is combined
        List<String> brokerHosts = cluster.brokers().stream().map(ClusterNode::host).toList();
        List<String> combined = cluster.controllerGroup().map(g -> ws.inventory().hostsOf(g)).orElse(List.of()).stream()
                .filter(brokerHosts::contains).toList();
        if (!combined.isEmpty()) {
            throw new BadInput(cluster.inventory().source(), null, "--mode kraft: " + String.join(", ", combined)
                    + " is both a broker and a controller; Kafka migrates ZooKeeper clusters to dedicated controllers only (KIP-866)", fix);
        }
        int n = cluster.controllers().size();
        if (n < 3 || n % 2 == 0) {
            throw new BadInput(cluster.inventory().source(), null, "--mode kraft: " + n + " controller hosts; a quorum that survives the "
                    + "loss of one needs an odd number, at least 3", fix);
        }
        KafkaVersion to = KafkaVersion.parse(request.to()).orElseThrow(() -> new BadInput("--to '" + request.to()
                + "' is not a Kafka version", "give the 3.9 release the cluster runs, e.g. --to 3.9.2"));
        if (!matrix.installable().contains(request.to().trim())) {
            throw new BadInput("--to " + request.to() + " is not a release listed in " + matrix.versionsName(),
                    "give the 3.9 release the cluster runs, e.g. --to 3.9.2");
        }
        MatrixRow row = request.rollback()
                ? matrix.migrationRollback(to).orElseThrow(() -> new BadInput("--to " + request.to() + " --mode zookeeper: no row of "
                        + matrix.matrixName() + " rolls a migration on Kafka " + to + " back", "give the 3.9 release the cluster runs"))
                : matrix.migration(to).orElseThrow(() -> new BadInput("--to " + request.to() + " --mode kraft: no row of "
                        + matrix.matrixName() + " migrates a cluster on Kafka " + to + " to KRaft",
                        "upgrade the ZooKeeper-mode cluster to 3.9 first (upgrade --to 3.9.2 --yes-finalize), then migrate it on 3.9"));
        // every node rendered in every mode it will pass through: a bad inventory is refused before any host is touched
        for (Step step : steps(row)) {
            NodeSettingsReader nodes = ws.nodeSettings(cluster, step.after());
            cluster.nodes().forEach(node -> nodes.forHost(node.host(), request.to()));
        }
        return row;
    }

    static List<Step> steps(MatrixRow row) {
        List<Step> steps = new ArrayList<>();
        // a migration starts from ZooKeeper mode; its rollback from the furthest it can come back from
        boolean rollback = row.mode() == ClusterMode.MIGRATION;
        ClusterMode brokers = rollback ? ClusterMode.KRAFT : ClusterMode.ZOOKEEPER;
        ClusterMode controllers = rollback ? ClusterMode.MIGRATION : ClusterMode.ZOOKEEPER;
        for (RollRule rule : row.rolls()) {
            if (rule.action().equals(Optional.of(Action.PROVISION_CONTROLLERS))) controllers = ClusterMode.MIGRATION;
            if (rule.action().equals(Optional.of(Action.STOP_CONTROLLERS))) controllers = ClusterMode.ZOOKEEPER;
            if (rule.config().isPresent() && rule.nodes() == Nodes.BROKERS) brokers = rule.config().get();
            if (rule.config().isPresent() && rule.nodes() == Nodes.CONTROLLERS) controllers = rule.config().get();
            steps.add(new Step(steps.size() + 1, rule, new RenderModes(brokers, controllers), rollback));
        }
        return steps;
    }

    /** The migration's phases as the matrix gives them for a release, for a plan shown before the cluster runs it. */
    static String describe(VersionMatrix matrix, String release) {
        MatrixRow row = matrix.migration(KafkaVersion.parse(release).orElseThrow()).orElseThrow();
        StringBuilder sb = new StringBuilder("ZooKeeper -> KRaft on " + release + " (" + matrix.matrixName() + ": " + row.name() + ")");
        steps(row).forEach(s -> sb.append("\n  ").append(s.describe()));
        return sb.toString();
    }

    /** @return the exit code: 0 done (or stopped before the point of no return as asked), 1 halted */
    public int run(Request request, PrintWriter out) throws Exception {
        MatrixRow row = validate(request);
        List<Step> steps = steps(row);
        BrokerFleet fleet;
        try {
            fleet = new BrokerFleet(ws, request.hostKeys(), new RenderModes(ClusterMode.MIGRATION, ClusterMode.MIGRATION));
        } catch (IOException e) {
            RollReport.haltedBeforeAnyChange(out, RollJournal.fileFor(ws.inventory().source()), "upgrade", e.getMessage(), request.typed());
            return 1;
        }
        try (fleet; ClusterLease lease = request.dryRun() ? null : fleet.lease(request.invocation())) {
            return new Run(request, row, steps, fleet, out, Optional.ofNullable(lease)).migrate();
        } catch (BadInput | LeaseHeld e) {
            throw e;
        } catch (Exception e) {
            RollReport.haltedBeforeAnyChange(out, fleet.journal(), "upgrade", e.getMessage(), request.typed());
            return 1;
        }
    }

    private final class Run {
        private final Request request;
        private final MatrixRow row;
        private final List<Step> steps;
        private final BrokerFleet fleet;
        private final PrintWriter out;
        private final Optional<ClusterLease> lease;
        private final Cluster cluster;

        Run(Request request, MatrixRow row, List<Step> steps, BrokerFleet fleet, PrintWriter out, Optional<ClusterLease> lease) {
            this.request = request;
            this.row = row;
            this.steps = steps;
            this.fleet = fleet;
            this.out = out;
            this.lease = lease;
            this.cluster = fleet.cluster;
        }

        int migrate() throws Exception {
            Map<Integer, HostReading> brokers = fleet.readHosts();
            Map<Integer, HostReading> controllers = fleet.readControllers();
            if (fleet.refusedForIdsNotMatchingTheData(brokers, "upgrade", out)) return 1;
            List<String> refusals = new ArrayList<>();
            brokers.forEach((id, h) -> {
                String name = fleet.names.get(id);
                if (h.version().isEmpty()) refusals.add(name + ": " + InstallLayout.KAFKA_HOME + " is not a link to a Kafka install; "
                        + "provision the cluster first");
                else if (!h.version().get().equals(request.to())) refusals.add(name + " runs Kafka " + h.version().get() + ", not "
                        + request.to() + ": upgrade the cluster to " + request.to() + " first (upgrade --to " + request.to()
                        + " --yes-finalize), then migrate");
                else if (!h.pins().isEmpty()) refusals.add(name + " still pins " + h.pins() + ": the migration needs the brokers on "
                        + "the protocol of the binaries they run; finish the upgrade first (upgrade --to " + request.to()
                        + " --yes-finalize)");
            });
            if (request.rollback()) {
                controllers.forEach((id, h) -> {
                    if (h.metadataMode().equals(Optional.of(ClusterMode.KRAFT))) refusals.add(fleet.controllerNames.get(id) + " has left "
                            + "migration mode: the point of no return has passed, ZooKeeper no longer gets the metadata's changes, so the "
                            + "cluster cannot go back to ZooKeeper mode; finish the migration with --mode kraft --yes-finalize");
                });
            }
            if (!refusals.isEmpty()) {
                refusals.forEach(r -> out.println("REFUSED: " + r));
                out.println("nothing was touched");
                return 1;
            }
            brokers.forEach((id, h) -> out.println("[" + fleet.names.get(id) + "] broker " + id + " runs " + h.version().orElseThrow()
                    + " in " + h.metadataMode().map(ClusterMode::words).orElse("an unknown mode") + (h.active() ? "" : " (STOPPED)")));
            controllers.forEach((id, h) -> out.println("[" + fleet.controllerNames.get(id) + "] controller " + id + ": "
                    + h.metadataMode().map(m -> "runs " + h.version().orElse("?") + " in " + m.words() + (h.active() ? "" : " (STOPPED)"))
                    .orElse("not provisioned yet")));

            out.println((request.rollback() ? "back to ZooKeeper mode on " : "ZooKeeper -> KRaft on ") + request.to() + " ("
                    + matrix.matrixName() + ": " + row.name() + ")");
            for (Step step : steps) out.println("  " + step.describe() + (done(step, brokers, controllers) ? "  [done]" : ""));
            if (request.dryRun()) {
                out.println("dry run: nothing changed");
                return 0;
            }
            Optional<UpgradeWitness> witness = Optional.empty();
            List<String> verification = new ArrayList<>();
            for (Step step : steps) {
                brokers = fleet.readHosts();
                controllers = fleet.readControllers();
                if (done(step, brokers, controllers)) {
                    out.println("[" + step.title() + "] already done: skipped");
                    continue;
                }
                if (step.rule().pointOfNoReturn().isPresent() && !request.yesFinalize()) {
                    out.println("stopping before phase " + step.number() + " (" + step.rule().name() + "): it is the POINT OF NO RETURN");
                    out.println("  the brokers run KRaft and the controllers still write the metadata back to ZooKeeper; check your "
                            + "clients and tools, then finish with:");
                    out.println("    " + request.finalizeCommand());
                    return 0;
                }
                // the witness before the first step that restarts or starts a node (the wait and the ensemble's stop move no data)
                if (witness.isEmpty() && step.rule().action().map(a -> a != Action.STOP_ZOOKEEPER && a != Action.WAIT_FOR_MIGRATION)
                        .orElse(true)) {
                    witness = UpgradeWitness.take(fleet.kafka, cluster.brokers().size(), cluster.minInsyncReplicas(), out, verification);
                    if (witness.isEmpty()) return 1;
                }
                out.println("[" + step.title() + "] " + step.describe());
                boolean ok = step.rule().action().isPresent() ? action(step, step.rule().action().get())
                        : roll(step, step.rule().config().orElseThrow(), brokers, controllers);
                if (!ok) return 1;
            }
            if (witness.isPresent() && !witness.get().holds(fleet.kafka, cluster.brokers().size(), cluster.minInsyncReplicas(), out,
                    verification)) {
                return 1;
            }
            if (request.rollback()) {
                out.println("back in ZooKeeper mode: every broker runs ZooKeeper mode on " + request.to() + "; the controllers are "
                        + "stopped, their metadata log dirs renamed (*.rolled-back-*), /controller and /migration gone from ZooKeeper");
                out.println("  a later --mode kraft formats the controllers again and migrates anew");
                return 0;
            }
            out.println("migration to KRaft done: every broker and controller runs KRaft on " + request.to() + "; the ZooKeeper "
                    + "ensemble is stopped with its data kept");
            out.println("  next: remove the ZooKeeper group from the inventory (the cluster is KRaft from now on); "
                    + "upgrade --to 4.x moves it on");
            return 0;
        }

        /**
         * A phase the hosts already show done: its nodes' configs in its mode (a node stopped there is the next gate's to
         * judge: the wait names a broker that is down, G0 one that is not registered). Stopping ZooKeeper is never skipped
         * (stopping it again changes nothing).
         */
        private boolean done(Step step, Map<Integer, HostReading> brokers, Map<Integer, HostReading> controllers) {
            RenderModes after = step.after();
            Optional<Action> action = step.rule().action();
            if (action.equals(Optional.of(Action.WAIT_FOR_MIGRATION))) {
                return brokers.values().stream().allMatch(h -> h.metadataMode().equals(Optional.of(ClusterMode.KRAFT)));
            }
            if (action.equals(Optional.of(Action.STOP_ZOOKEEPER))) return false;
            if (action.equals(Optional.of(Action.STOP_CONTROLLERS))) {
                return controllers.values().stream().noneMatch(HostReading::active)
                        && brokers.values().stream().allMatch(h -> h.metadataMode().equals(Optional.of(ClusterMode.ZOOKEEPER)));
            }
            if (action.equals(Optional.of(Action.PROVISION_CONTROLLERS))) {
                return controllers.values().stream().allMatch(h -> h.active() && atOrPast(h.metadataMode(), after.controllers()));
            }
            if (step.rule().nodes() == Nodes.CONTROLLERS) {
                return controllers.values().stream().allMatch(h -> atOrPast(h.metadataMode(), after.controllers()));
            }
            return brokers.values().stream().allMatch(h -> atOrPast(h.metadataMode(), after.brokers()));
        }

        /**
         * ZooKeeper -> migration -> KRaft: in a migration a node in a later mode is past the phase too, in a rollback one in an
         * earlier mode.
         */
        private boolean atOrPast(Optional<ClusterMode> mode, ClusterMode wanted) {
            if (mode.isEmpty()) return false;
            int live = rank(mode.get());
            return request.rollback() ? live <= rank(wanted) : live >= rank(wanted);
        }

        private static int rank(ClusterMode m) {
            return switch (m) {
                case ZOOKEEPER -> 0;
                case MIGRATION -> 1;
                case KRAFT -> 2;
            };
        }

        private boolean action(Step step, Action action) throws Exception {
            return switch (action) {
                case PROVISION_CONTROLLERS -> provisionControllers(step);
                case WAIT_FOR_MIGRATION -> waitForMigration(step);
                case STOP_ZOOKEEPER -> stopZooKeeper(step);
                case STOP_CONTROLLERS -> stopControllers(step);
                case FINALIZE_FEATURES -> throw new IllegalStateException("the migration row has no feature bump");
            };
        }

        /** The controllers, installed and formatted with the ZooKeeper cluster's id, started in migration mode, quorum healthy. */
        private boolean provisionControllers(Step step) throws Exception {
            String id;
            try (Admin admin = KafkaClients.admin(fleet.kafka, KafkaClients.CHECKING)) {
                id = admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
            }
            if (cluster.clusterId().isPresent() && !cluster.clusterId().get().value().equals(id)) {
                throw new BadInput(cluster.clusterId().get().source(), "kafka_cluster_id " + cluster.clusterId().get().value()
                        + " differs from the id of the ZooKeeper cluster the brokers belong to (" + id + ")",
                        "set kafka_cluster_id: " + id + " or remove it: the controllers take the ZooKeeper cluster's id");
            }
            out.println("[" + step.title() + "] the ZooKeeper cluster's id is " + id + ": the controllers are formatted with it");
            // new controllers beside a /migration an earlier attempt left would take its offsets for their own and skip the
            // copy (strimzi#11262, KAFKA-19480): only a rollback, which deletes it, or the operator may clear it
            if (fleet.readControllers().values().stream().allMatch(h -> h.metadataMode().isEmpty())) {
                try (ZooKeeperSession zk = ZooKeeperSession.connect(fleet.zookeeperConnect, ws.zookeeperLogin(cluster), Duration.ofSeconds(10))) {
                    Optional<ZooKeeperSession.Node> stale = zk.read("/migration");
                    if (stale.isPresent()) {
                        out.println("[" + step.title() + "] REFUSED: ZooKeeper holds /migration (" + new String(stale.get().data(),
                                StandardCharsets.UTF_8) + ") from an earlier migration, and no controller is provisioned: new "
                                + "controllers would take its state for theirs and skip the copy of the metadata. Roll that migration back "
                                + "(upgrade --to " + request.to() + " --mode zookeeper) or delete /migration once you know why it is there; "
                                + "nothing was touched");
                        return false;
                    }
                }
            }
            // installed with the release the brokers run now, whatever kafka_version the inventory still says
            Cluster at = cluster.withKafka(ws.releases().kafka(request.to(), ws.variables().resolve(cluster.brokers().get(0).host(),
                    "kafka_scala_version").map(String::valueOf)));
            NodeSettingsReader nodes = ws.nodeSettings(at, step.after());
            ProvisionPlan whole = ws.plan(at, nodes);
            List<HostPlan> controllerHosts = whole.hosts().stream().filter(h -> h.node().controller()).toList();
            ProvisionPlan plan = whole.with(controllerHosts, whole.security());
            int code = ProvisionCluster.run(ws, plan, ws.controllers(cluster, nodes), request.artifacts(), request.hostKeys(),
                    new ProvisionCluster.Options(false, controllerHosts.size(), request.gates().registrationDeadline(), request.invocation(), false,
                            true, Optional.of(id)), out);
            if (code != 0) {
                out.println("[" + step.title() + "] HALTED: the controllers are not provisioned and healthy; no broker was touched. "
                        + "Fix the cause, then run the same command again: " + request.typed());
                return false;
            }
            return true;
        }

        /** A gated roll of the brokers or the controllers onto configs of the phase's metadata mode. */
        private boolean roll(Step step, ClusterMode mode, Map<Integer, HostReading> brokers, Map<Integer, HostReading> controllers)
                throws Exception {
            try (BrokerFleet phase = new BrokerFleet(ws, request.hostKeys(), step.after())) {
                // the gates judge each broker's version from its host reading
                phase.readHosts();
                GateVerdict g0 = new BrokerRoll(phase.context(request.gates(), request.typed(), out, lease), step.title())
                        .beforeRoll(s -> ClusterGate.beforeRoll(s, new UpgradePath.NothingToDo("a migration roll keeps the binaries"),
                                request.gates()));
                if (!(g0 instanceof GateVerdict.Pass) && !begun(step)) {
                    out.println("upgrade refused at G0 before phase " + step.number() + ": no node was touched in this phase");
                    return false;
                }
                if (step.rule().nodes() == Nodes.CONTROLLERS) {
                    Map<Integer, BrokerSwitch> switches = new LinkedHashMap<>();
                    for (var e : controllers.entrySet()) {
                        switches.put(e.getKey(), change(phase, phase.controllerHosts.get(e.getKey()), phase.controllerNames.get(e.getKey()),
                                mode, e.getValue()));
                    }
                    ControllerRoll roll = new ControllerRoll(phase.controllerContext(request.gates(), request.typed(), out, lease),
                            step.title());
                    RollJournal.OpenRoll open = RollJournal.read(phase.journal()).openRoll(step.title());
                    return roll.roll(switches, Set.of(), open.stoppedByUs()).isEmpty();
                }
                Map<Integer, BrokerSwitch> switches = new LinkedHashMap<>();
                for (var e : brokers.entrySet()) {
                    switches.put(e.getKey(), change(phase, phase.hosts.get(e.getKey()), phase.names.get(e.getKey()), mode, e.getValue()));
                }
                BrokerRoll.Outcome outcome = new BrokerRoll(phase.context(request.gates(), request.typed(), out, lease), step.title())
                        .roll(switches, request.to());
                return RollReport.print(out, outcome);
            }
        }

        private boolean begun(Step step) {
            return RollJournal.read(fleet.journal()).openRoll(step.title()).begun();
        }

        /** One node's switch: its properties file rendered for the mode, staged, renamed over the live one while it is down. */
        private BrokerSwitch change(BrokerFleet phase, RemoteHost host, String name, ClusterMode mode, HostReading now) throws IOException {
            NodeSettings node = phase.settings.forHost(name, request.to());
            String file = node.kafkaProperties();
            BrokerFleet.RenderedFile next = phase.brokerConfig(node).stream().filter(f -> f.relativePath().equals("config/" + file))
                    .findFirst().orElseThrow();
            String live = HostCommands.read(host, InstallLayout.kafkaConfig(file));
            return BrokerSwitch.newMode(mode, file, now, next.content(), next.owner(), next.writeMode(), live);
        }

        /**
         * Until the active controller says the metadata is migrated and every broker registered; a broker down or unreachable
         * halts at once with its name, and so does the timeout (with the last reason), never a silent stall.
         */
        private boolean waitForMigration(Step step) throws Exception {
            String t = "[" + step.title() + "] ";
            try (BrokerFleet phase = new BrokerFleet(ws, request.hostKeys(), step.after())) {
                Instant until = Instant.now().plus(request.migrationTimeout());
                Instant began = Instant.now();
                String last = "";
                while (true) {
                    MigrationGate.Progress p = progress(phase);
                    GateVerdict v = MigrationGate.completed(p, phase.names.keySet());
                    if (v instanceof GateVerdict.Pass) {
                        out.println(t + String.format("the metadata is migrated (ZkMigrationState %s, %d brokers registered) after %.1f s; "
                                + "the controllers write every change back to ZooKeeper until they leave migration mode",
                                p.state().orElseThrow(), p.migratingBrokers().orElse(-1L), Duration.between(began, Instant.now()).toMillis() / 1e3));
                        return true;
                    }
                    if (v instanceof GateVerdict.Refuse) {
                        v.reasons().forEach(r -> out.println(t + "HALTED: " + r));
                        out.println(t + "resume with: " + request.typed());
                        return false;
                    }
                    if (!v.reason().equals(last)) out.println(t + "waiting: " + v.reason());
                    last = v.reason();
                    if (Instant.now().isAfter(until)) {
                        out.println(t + "HALTED: the metadata was not migrated within " + request.migrationTimeout().toSeconds() + " s: "
                                + last + "; look at the active controller's log, then resume with: " + request.typed());
                        return false;
                    }
                    Pause.REAL_TIME.sleep(Duration.ofSeconds(2));
                }
            }
        }

        private MigrationGate.Progress progress(BrokerFleet phase) {
            Map<Integer, String> down = new TreeMap<>();
            for (var e : phase.hosts.entrySet()) {
                try {
                    HostReading h = HostReading.read(e.getValue());
                    if (!h.active()) down.put(e.getKey(), phase.names.get(e.getKey()) + ": its unit " + InstallLayout.KAFKA_UNIT
                            + " is not active");
                } catch (IOException ex) {
                    down.put(e.getKey(), phase.names.get(e.getKey()) + " does not answer: " + ex.getMessage());
                }
            }
            Optional<MigrationGate.State> state = Optional.empty();
            Optional<Long> migrating = Optional.empty();
            try {
                Optional<Integer> leader = phase.collector.quorum().leaderId();
                if (leader.isPresent() && phase.controllerHosts.containsKey(leader.get())) {
                    int jmx = phase.settings.forHost(phase.controllerNames.get(leader.get())).jmxPort();
                    Map<String, Long> metrics = ControllerMetrics.read(phase.controllerHosts.get(leader.get()), jmx);
                    state = Optional.ofNullable(metrics.get(ControllerMetrics.STATE)).flatMap(MigrationGate.State::of);
                    migrating = Optional.ofNullable(metrics.get(ControllerMetrics.MIGRATING_BROKERS));
                }
            } catch (Exception e) {
                // no leader or no JMX answer yet: the gate waits
            }
            return new MigrationGate.Progress(state, migrating, down);
        }

        /**
         * The rollback's turn point (the Kafka docs' steps): every controller stopped and disabled, its metadata log dir
         * renamed (kept, never deleted; a later migration formats a new one), then at once /controller - while a KRaft
         * controller holds it - and /migration deleted, so a ZooKeeper-mode broker becomes the controller again and a later
         * migration starts from nothing (strimzi#11262: a /migration left behind wipes metadata).
         */
        private boolean stopControllers(Step step) throws Exception {
            String t = "[" + step.title() + "] ";
            String stamp = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(java.time.ZoneOffset.UTC)
                    .format(Instant.now());
            for (var e : fleet.controllerHosts.entrySet()) {
                String name = fleet.controllerNames.get(e.getKey());
                HostCommands.run(e.getValue(), "stop the controller", "systemctl disable --now " + InstallLayout.KAFKA_UNIT);
                for (String dir : fleet.settings.forHost(name).logDirs()) {
                    String renamed = dir + ".rolled-back-" + stamp;
                    HostCommands.run(e.getValue(), "keep the metadata log dir", "if [ -d " + Shell.quote(dir) + " ]; then mv "
                            + Shell.quote(dir) + " " + Shell.quote(renamed) + "; fi");
                }
                out.println(t + "[" + name + "] controller stopped and disabled; its metadata log dir renamed to *.rolled-back-" + stamp);
            }
            Set<Integer> controllerIds = fleet.controllerNames.keySet();
            try (ZooKeeperSession zk = ZooKeeperSession.connect(fleet.zookeeperConnect, ws.zookeeperLogin(cluster), Duration.ofSeconds(10))) {
                Optional<ZooKeeperSession.Node> controller = zk.read("/controller");
                if (controller.isPresent()) {
                    Optional<Integer> holder = ControllerZnode.brokerId(new String(controller.get().data(), StandardCharsets.UTF_8));
                    if (holder.isPresent() && controllerIds.contains(holder.get())) {
                        zk.delete("/controller", controller.get().version());
                        out.println(t + "/controller (held by KRaft controller " + holder.get() + ") deleted: a broker becomes the controller");
                    }
                }
                Optional<ZooKeeperSession.Node> migration = zk.read("/migration");
                if (migration.isPresent()) {
                    out.println(t + "/migration was " + new String(migration.get().data(), StandardCharsets.UTF_8));
                    zk.delete("/migration", migration.get().version());
                    out.println(t + "/migration deleted");
                }
                if (zk.read("/migration").isPresent()) {
                    out.println(t + "HALTED: /migration is still in ZooKeeper; delete it (zookeeper-shell.sh ... delete /migration), then "
                            + "resume with: " + request.typed());
                    return false;
                }
            }
            return true;
        }

        /** Stop and disable ZooKeeper on every ensemble host; its data directory is left as it is. */
        private boolean stopZooKeeper(Step step) throws Exception {
            String t = "[" + step.title() + "] ";
            for (ClusterNode zk : cluster.zookeeperNodes()) {
                try (RemoteHost host = SshRemoteHost.connect(SshTargets.of(zk, ws.variables()), request.hostKeys())) {
                    HostCommands.run(host, "stop ZooKeeper", "systemctl disable --now " + InstallLayout.ZOOKEEPER_UNIT);
                    out.println(t + "[" + zk.host() + "] " + InstallLayout.ZOOKEEPER_UNIT + " stopped and disabled; its data is kept");
                }
            }
            return true;
        }
    }
}
