package io.kafkaops.orchestrator.upgrade;

import io.kafkaops.orchestrator.host.HostState;

import io.kafkaops.orchestrator.BadInput;
import io.kafkaops.orchestrator.Workspace;
import io.kafkaops.orchestrator.cluster.ClusterRules;
import io.kafkaops.orchestrator.gate.ClusterGate;
import io.kafkaops.orchestrator.gate.GateSettings;
import io.kafkaops.orchestrator.gate.GateVerdict;
import io.kafkaops.orchestrator.gate.RollOrder;
import io.kafkaops.orchestrator.host.HostCommands;
import io.kafkaops.orchestrator.host.HostReading;
import io.kafkaops.orchestrator.install.Artifact;
import io.kafkaops.orchestrator.install.ArtifactFolder;
import io.kafkaops.orchestrator.install.InstallLayout;
import io.kafkaops.orchestrator.install.KafkaRelease;
import io.kafkaops.orchestrator.roll.BrokerFleet;
import io.kafkaops.orchestrator.roll.BrokerRoll;
import io.kafkaops.orchestrator.roll.BrokerSwitch;
import io.kafkaops.orchestrator.roll.RollJournal;
import io.kafkaops.orchestrator.roll.RollReport;
import io.kafkaops.orchestrator.lease.ClusterLease;
import io.kafkaops.orchestrator.lease.Invocation;
import io.kafkaops.orchestrator.lease.LeaseHeld;
import io.kafkaops.orchestrator.ssh.HostKeyPolicy;
import io.kafkaops.orchestrator.version.ClusterMode;
import io.kafkaops.orchestrator.version.KafkaVersion;
import io.kafkaops.orchestrator.version.MatrixRow;
import io.kafkaops.orchestrator.version.Phase;
import io.kafkaops.orchestrator.version.Pins;
import io.kafkaops.orchestrator.version.UpgradePath;
import io.kafkaops.orchestrator.version.VersionMatrix;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * `orchestrator upgrade`: read what every broker runs, plan from there ({@link VersionMatrix}), show the plan, then per
 * phase stage or roll through the gated engine ({@link BrokerRoll}), stopping before a point of no return unless told,
 * and verify at the end that nothing acknowledged was lost. Re-running the same request resumes.
 */
public final class RollingUpgrade {
    public enum Output { TEXT, JSON }

    /**
     * @param inventory  as the operator typed it, for the commands printed
     * @param typed      the command as typed, without --dry-run and --output: what a halt prints to resume
     * @param invocation shown in the cluster's lease, taken before anything changes (not by a dry run)
     */
    public record Request(Path inventory, String to, boolean dryRun, boolean yesFinalize, Optional<Path> artifacts, GateSettings gates,
                          HostKeyPolicy hostKeys, String typed, Invocation invocation, Output output) {
        /** The same command again: what a halt prints to resume. */
        String resumeCommand() { return typed; }

        /** The same command, past the point of no return. */
        String finalizeCommand() { return yesFinalize ? typed : typed + " --yes-finalize"; }
    }

    /** A rolling phase that ran, and how it ended. */
    public record PhaseRoll(String title, BrokerRoll.Outcome outcome) {}

    /**
     * How the upgrade ended, as data: the exit code, what the brokers ran before and after, each roll's outcome (timings,
     * halt), and what the verification said.
     */
    public record Result(int exitCode, Map<Integer, String> hosts, Map<Integer, HostState> before, List<PhaseRoll> rolls,
                         List<String> verification, Map<Integer, HostState> after) {
        public boolean done() { return exitCode == 0 && !after.isEmpty(); }
    }

    private final Workspace ws;
    private final VersionMatrix matrix;

    public RollingUpgrade(Workspace ws) {
        this.ws = ws;
        this.matrix = VersionMatrix.load(ws.home().upgrade().resolve("matrix.yml"));
    }

    /**
     * @param out the plan and the progress; with {@link Output#JSON} (a dry run) only the plan, the rest going to {@code err}
     */
    public Result run(Request request, PrintWriter out, PrintWriter err) throws Exception {
        PrintWriter progress = request.output() == Output.JSON ? err : out;
        validate(request, progress);
        BrokerFleet fleet;
        try {
            fleet = new BrokerFleet(ws, request.hostKeys());
        } catch (IOException e) {
            RollReport.haltedBeforeAnyChange(progress, RollJournal.fileFor(ws.inventory().source()), "upgrade", e.getMessage(),
                    request.resumeCommand());
            return new Result(1, Map.of(), Map.of(), List.of(), List.of(), Map.of());
        }
        try (fleet; ClusterLease lease = request.dryRun() ? null : fleet.lease(request.invocation())) {
            return new Run(request, fleet, progress, out, Optional.ofNullable(lease)).upgrade();
        } catch (BadInput | LeaseHeld e) {
            throw e;
        } catch (Exception e) {
            // a host or the Admin API that failed outside a roll (the engine halts its own): the same halt, not a trace
            RollReport.haltedBeforeAnyChange(progress, fleet.journal(), "upgrade", e.getMessage(), request.resumeCommand());
            return new Result(1, fleet.names, Map.of(), List.of(), List.of(), Map.of());
        }
    }

    /**
     * What can be refused without a connection, refused before one: a --to that is no version, or one no row of the matrix
     * can lead a ZooKeeper-mode cluster to, and an inventory that plan refuses. The cluster's warnings go to {@code out}.
     */
    void validate(Request request, PrintWriter out) {
        var cluster = ws.cluster();
        if (cluster.controllerGroup().isPresent() && cluster.zookeeperGroup().isEmpty()) {
            throw new BadInput(new io.kafkaops.orchestrator.SourceRef(ws.inventory().source(), null), "the inventory describes a KRaft "
                    + "cluster (controller group '" + cluster.controllerGroup().get() + "', no ZooKeeper); this version upgrades "
                    + "ZooKeeper-mode clusters only", "provision and restart work on KRaft clusters; the KRaft upgrade (3.9 -> 4.1 and its "
                    + "feature bump) comes next (docs/kraft.md)");
        }
        String known = String.join(", ", new TreeSet<>(matrix.installable()));
        Optional<KafkaVersion> to = KafkaVersion.parse(request.to());
        if (to.isEmpty()) {
            throw new BadInput("--to '" + request.to() + "' is not a Kafka version", "give a release listed in "
                    + matrix.versionsName() + ": " + known);
        }
        if (!matrix.installable().contains(request.to().trim())) {
            throw new BadInput("--to " + request.to() + ": Kafka " + request.to() + " is not a release listed in " + matrix.versionsName(),
                    "give one of " + known + ", or add the release to " + matrix.versionsName() + " to install it");
        }
        List<MatrixRow> leading = matrix.rows().stream().filter(r -> r.mode() == ClusterMode.ZOOKEEPER && r.to().contains(to.get()))
                .toList();
        if (leading.isEmpty()) {
            throw new BadInput("--to " + request.to() + ": no row of " + matrix.matrixName() + " leads a ZooKeeper-mode cluster to it",
                    "give one of " + known + " that a row's 'to' range holds, or add the row to " + matrix.matrixName());
        }
        if (leading.stream().allMatch(r -> r.refuse().isPresent())) {
            throw new BadInput("--to " + request.to() + ": " + leading.get(0).refuse().get() + " (" + matrix.matrixName() + ": "
                    + leading.get(0).name() + ")", "choose a version a ZooKeeper-mode cluster can run");
        }
        ClusterRules.require(ws.cluster()).forEach(w -> out.println("warning: " + w.message() + "\n  fix: " + w.fix()));
    }

    /** One run of a request over a connected fleet. */
    private final class Run {
        private final Request request;
        private final BrokerFleet fleet;
        private final PrintWriter out;
        /** Where the plan goes: the same as {@code out} for text. */
        private final PrintWriter planOut;
        private final Optional<ClusterLease> lease;
        private final List<PhaseRoll> rolls = new ArrayList<>();
        private final List<String> verification = new ArrayList<>();
        private Map<Integer, HostState> before = Map.of();

        Run(Request request, BrokerFleet fleet, PrintWriter out, PrintWriter planOut, Optional<ClusterLease> lease) {
            this.request = request;
            this.lease = lease;
            this.fleet = fleet;
            this.out = out;
            this.planOut = planOut;
        }

        Result upgrade() throws Exception {
            Map<Integer, HostReading> read = fleet.readHosts();
            Map<Integer, HostState> states = new LinkedHashMap<>();
            List<String> unknown = new ArrayList<>();
            read.forEach((id, h) -> {
                if (h.state().isEmpty()) unknown.add("broker " + id + " (" + fleet.names.get(id) + "): " + InstallLayout.KAFKA_HOME
                        + " is not a link to a kafka_<scala>-<version> directory");
                else states.put(id, h.state().get());
            });
            if (fleet.refusedForIdsNotMatchingTheData(read, "upgrade", out)) return end(1);
            if (!unknown.isEmpty()) {
                unknown.forEach(u -> out.println("REFUSED: the version of " + u));
                out.println("nothing was touched: provision the cluster first, or fix the link by hand");
                return end(1);
            }
            before = states;
            states.forEach((id, st) -> out.println("[" + fleet.names.get(id) + "] broker " + id + " runs " + st));

            Optional<HostState> start = StartingPoint.of(matrix, states, request.to(), out);
            if (start.isEmpty()) return end(1);
            UpgradePath path = StartingPoint.plan(matrix, start.get(), request.to());
            if (path instanceof UpgradePath.Refused r) {
                out.println("REFUSED: " + r.reason() + " (nothing was touched)");
                return end(1);
            }
            if (path instanceof UpgradePath.NothingToDo n) {
                out.println(n.describe());
                return end(0);
            }
            UpgradePlan plan = plan((UpgradePath.Planned) path, states);
            planOut.print(request.output() == Output.JSON ? plan.json() : plan.text(request.yesFinalize()));
            planOut.flush();
            if (request.dryRun()) {
                out.println("dry run: nothing changed");
                return end(0);
            }
            return execute(plan, states);
        }

        private Result execute(UpgradePlan plan, Map<Integer, HostState> states) throws Exception {
            GateSettings settings = request.gates();
            UpgradePath.Planned planned = plan.path();
            Optional<UpgradeWitness> witness = Optional.empty();
            for (Phase phase : planned.phases()) {
                if (phase.kind() == Phase.Kind.STAGE) {
                    // G0 before anything is copied: a cluster that cannot be rolled gets nothing staged either
                    if (states.values().stream().distinct().count() == 1) {
                        BrokerRoll g0 = engine(phase);
                        if (!(g0.beforeRoll(s -> ClusterGate.beforeRoll(s, planned, settings)) instanceof GateVerdict.Pass)) {
                            out.println("upgrade refused at G0: nothing was touched");
                            return end(1);
                        }
                    }
                    if (!stage(phase.binaries().orElseThrow())) return end(1);
                    continue;
                }
                Map<Integer, HostReading> now = fleet.readHosts();
                Map<Integer, BrokerSwitch> switches = switches(plan, phase, now);
                // a stopped broker is what a roll killed between a stop and a start leaves: the roll resumes with it
                boolean begun = now.keySet().stream().anyMatch(id -> switches.get(id).doneOn(now.get(id)) || !now.get(id).active());
                boolean complete = now.keySet().stream().allMatch(id -> switches.get(id).doneOn(now.get(id)) && now.get(id).active());
                if (complete) {
                    out.println("[" + title(phase) + "] already done on every broker: skipped");
                    continue;
                }
                String expected = switches.values().iterator().next().expectedVersion();
                if (phase.irreversible() && !request.yesFinalize()) {
                    out.println("stopping before phase " + phase.number() + " (" + phase.title() + "): it is the POINT OF NO RETURN");
                    out.println("  every broker runs " + expected + " with pins " + now.values().iterator().next().pins()
                            + "; check your clients, then finalize with:");
                    out.println("    " + request.finalizeCommand());
                    out.println("  or roll back (pins kept) with: orchestrator upgrade " + request.inventory() + " --to "
                            + (planned.from().equals(planned.to()) ? "<the version you came from>" : planned.from()));
                    return end(0);
                }
                BrokerRoll engine = engine(phase);
                if (begun) {
                    // said as the journal has it: a G0 this run skips is never called passed
                    Optional<java.time.Instant> g0 = RollJournal.read(fleet.journal()).openRoll(title(phase)).g0PassedAt();
                    out.println("[" + title(phase) + "] resuming: " + g0.map(t -> "G0 passed at " + t + " when this phase began (journal "
                            + fleet.journal() + ")").orElse("the journal " + fleet.journal() + " has no passed G0 of this phase, and G0 "
                            + "is not run again now that brokers differ") + "; G1 guards every broker still to roll");
                } else {
                    // planned from what the hosts run now (all brokers agree here): G0's version check compares against it
                    HostReading h = now.values().iterator().next();
                    UpgradePath fromHere = StartingPoint.plan(matrix, h.state().orElseThrow(), request.to());
                    GateVerdict g0 = engine.beforeRoll(s -> ClusterGate.beforeRoll(s, fromHere, settings));
                    if (!(g0 instanceof GateVerdict.Pass)) {
                        out.println("upgrade refused at G0 before phase " + phase.number() + ": no broker was touched in this phase");
                        return end(1);
                    }
                }
                out.println("[" + title(phase) + "] " + phase.describe());
                if (!TopicOverrides.removeFor(fleet.collector, phase, title(phase), out)) return end(1);
                if (witness.isEmpty()) {
                    witness = UpgradeWitness.take(fleet.kafka, fleet.cluster.brokers().size(), fleet.cluster.minInsyncReplicas(), out,
                            verification);
                    if (witness.isEmpty()) return end(1);
                }
                BrokerRoll.Outcome outcome = engine.roll(switches, expected);
                rolls.add(new PhaseRoll(title(phase), outcome));
                if (!RollReport.print(out, outcome)) return end(1);
            }
            if (witness.isPresent()
                    && !witness.get().holds(fleet.kafka, fleet.cluster.brokers().size(), fleet.cluster.minInsyncReplicas(), out,
                            verification)) {
                return end(1);
            }
            Map<Integer, HostReading> after = fleet.readHosts();
            Map<Integer, HostState> afterStates = new LinkedHashMap<>();
            after.forEach((id, h) -> {
                out.println("[" + fleet.names.get(id) + "] broker " + id + " now runs " + h.version().orElse("?")
                        + (h.pins().isEmpty() ? " (no pins)" : " " + h.pins()));
                afterStates.put(id, new HostState(h.version().orElse("?"), h.pins()));
            });
            out.println("upgrade to " + request.to() + " done");
            return new Result(0, fleet.names, before, List.copyOf(rolls), List.copyOf(verification), afterStates);
        }

        /** Every broker's switch for this phase, from what its host holds now and the files the plan rendered. */
        private Map<Integer, BrokerSwitch> switches(UpgradePlan plan, Phase phase, Map<Integer, HostReading> now) throws IOException {
            Optional<String> dir = phase.binaries().map(v -> release(v).installDir());
            Map<Integer, BrokerSwitch> out = new LinkedHashMap<>();
            for (Map.Entry<Integer, HostReading> e : now.entrySet()) {
                int id = e.getKey();
                // a phase that only changes pins puts the broker's own server.properties back if it cannot start
                Optional<String> live = phase.binaries().isEmpty()
                        ? Optional.of(HostCommands.read(fleet.hosts.get(id),
                                InstallLayout.kafkaConfig("server.properties"))) : Optional.empty();
                out.put(id, PhaseChange.of(phase, e.getValue(), live, plan.files(phase, id), dir));
            }
            return out;
        }

        private UpgradePlan plan(UpgradePath.Planned planned, Map<Integer, HostState> states) throws Exception {
            List<Integer> order = RollOrder.brokers(fleet.collector.take(Optional.empty()));
            List<UpgradePlan.OverrideRemoval> overrides = new ArrayList<>();
            for (Phase phase : planned.phases()) {
                for (String key : phase.topicConfigsRemoved()) overrides.add(new UpgradePlan.OverrideRemoval(phase.number(), key,
                        fleet.collector.topicOverrides(key)));
            }
            List<UpgradePlan.BrokerPhase> brokers = new ArrayList<>();
            for (int id : order) {
                String current = HostCommands.read(fleet.hosts.get(id), InstallLayout.kafkaConfig("server.properties"));
                String version = states.get(id).version();
                for (Phase phase : planned.phases()) {
                    if (phase.kind() == Phase.Kind.STAGE) {
                        String v = phase.binaries().orElseThrow();
                        brokers.add(new UpgradePlan.BrokerPhase(phase.number(), id, true, version, Optional.of(release(v).installDir()),
                                List.of(), List.of()));
                        continue;
                    }
                    // rendered once, up front: the same files are printed here and written by the roll (template work never
                    // lengthens the time a broker is down)
                    // rendered for the version the broker runs in this phase: the authorizer class follows it
                    String v = phase.binaries().orElse(version);
                    List<BrokerFleet.RenderedFile> files = fleet.brokerConfig(id, v, phase.pinsAfter().get(Pins.IBP),
                            phase.pinsAfter().get(Pins.LMF));
                    String next = files.stream().filter(f -> f.relativePath().equals("config/server.properties")).findFirst()
                            .map(BrokerFleet.RenderedFile::content).orElse("");
                    List<String> changes = UpgradePlan.serverPropertiesChanges(current, next);
                    brokers.add(new UpgradePlan.BrokerPhase(phase.number(), id, false, v,
                            phase.binaries().map(b -> release(b).installDir()), files,
                            changes));
                    current = next;
                    version = v;
                }
            }
            return new UpgradePlan(planned, order, fleet.names, overrides, brokers);
        }

        private boolean stage(String version) {
            KafkaRelease release = release(version);
            Path dir = ArtifactFolder.resolve(request.artifacts(), ws.variables().resolve(anyHost(), "artifact_dir"),
                    String.valueOf(ws.inventory().source()),
                    release.tarballName());
            Artifact artifact = Artifact.find(dir, release.tarballName(), "artifact_dir");
            Map<Integer, String> users = new LinkedHashMap<>();
            fleet.names.forEach((id, host) -> users.put(id, fleet.settings.forHost(host).services().kafkaUser()));
            return StageRelease.onEvery(fleet.hosts, fleet.names, users, release, artifact, out);
        }

        /** The release of a version, built for the Scala version the inventory asks for (kafka_scala_version), if any. */
        private KafkaRelease release(String version) {
            return ws.releases().kafka(version, ws.variables().resolve(anyHost(), "kafka_scala_version").map(String::valueOf));
        }

        private String anyHost() { return fleet.names.values().iterator().next(); }

        private BrokerRoll engine(Phase phase) {
            return new BrokerRoll(fleet.context(request.gates(), request.resumeCommand(), out, lease), title(phase));
        }

        private Result end(int code) {
            return new Result(code, fleet.names, before, List.copyOf(rolls), List.copyOf(verification), Map.of());
        }
    }

    private static String title(Phase p) { return "phase " + p.number() + " " + p.kind().name().toLowerCase().replace('_', ' '); }
}
