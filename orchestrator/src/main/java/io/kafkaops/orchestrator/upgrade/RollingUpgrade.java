package io.kafkaops.orchestrator.upgrade;

import io.kafkaops.orchestrator.BadInput;
import io.kafkaops.orchestrator.Workspace;
import io.kafkaops.orchestrator.cluster.ClusterRules;
import io.kafkaops.orchestrator.cluster.RenderModes;
import io.kafkaops.orchestrator.gate.ClusterGate;
import io.kafkaops.orchestrator.gate.GateSettings;
import io.kafkaops.orchestrator.gate.GateVerdict;
import io.kafkaops.orchestrator.gate.RollOrder;
import io.kafkaops.orchestrator.host.HostCommands;
import io.kafkaops.orchestrator.host.HostReading;
import io.kafkaops.orchestrator.host.HostState;
import io.kafkaops.orchestrator.install.Artifact;
import io.kafkaops.orchestrator.install.ArtifactFolder;
import io.kafkaops.orchestrator.install.InstallLayout;
import io.kafkaops.orchestrator.install.KafkaRelease;
import io.kafkaops.orchestrator.lease.ClusterLease;
import io.kafkaops.orchestrator.lease.Invocation;
import io.kafkaops.orchestrator.lease.LeaseHeld;
import io.kafkaops.orchestrator.roll.BrokerFleet;
import io.kafkaops.orchestrator.roll.BrokerRoll;
import io.kafkaops.orchestrator.roll.BrokerSwitch;
import io.kafkaops.orchestrator.roll.ControllerRoll;
import io.kafkaops.orchestrator.roll.RollJournal;
import io.kafkaops.orchestrator.roll.RollReport;
import io.kafkaops.orchestrator.ssh.HostKeyPolicy;
import io.kafkaops.orchestrator.ssh.RemoteHost;
import io.kafkaops.orchestrator.version.ClusterMode;
import io.kafkaops.orchestrator.version.FeatureLevels;
import io.kafkaops.orchestrator.version.KafkaVersion;
import io.kafkaops.orchestrator.version.MatrixRow;
import io.kafkaops.orchestrator.version.Nodes;
import io.kafkaops.orchestrator.version.Phase;
import io.kafkaops.orchestrator.version.Pins;
import io.kafkaops.orchestrator.version.UpgradePath;
import io.kafkaops.orchestrator.version.VersionMatrix;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
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
    /** How the nodes keep their metadata: the inventory's mode, or KRaft for a migrated cluster whose inventory keeps its ensemble. */
    private final RenderModes modes;

    public RollingUpgrade(Workspace ws) {
        this(ws, RenderModes.of(ws.cluster()));
    }

    public RollingUpgrade(Workspace ws, RenderModes modes) {
        this.ws = ws;
        this.modes = modes;
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
            fleet = new BrokerFleet(ws, request.hostKeys(), modes);
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
        ClusterMode mode = modes.cluster();
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
        List<MatrixRow> leading = matrix.rows().stream().filter(r -> r.mode() == mode && r.to().contains(to.get()))
                .toList();
        if (leading.isEmpty()) {
            throw new BadInput("--to " + request.to() + ": no row of " + matrix.matrixName() + " leads a " + modeWords(mode)
                    + " cluster to it",
                    "give one of " + known + " that a row's 'to' range holds, or add the row to " + matrix.matrixName());
        }
        if (leading.stream().allMatch(r -> r.refuse().isPresent())) {
            throw new BadInput("--to " + request.to() + ": " + leading.get(0).refuse().get() + " (" + matrix.matrixName() + ": "
                    + leading.get(0).name() + ")", "choose a version a " + modeWords(mode) + " cluster can run");
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
            Map<Integer, HostReading> controllers = fleet.kraft() ? fleet.readControllers() : Map.of();
            controllers.forEach((id, h) -> {
                if (h.state().isEmpty()) unknown.add("controller " + id + " (" + fleet.controllerNames.get(id) + "): "
                        + InstallLayout.KAFKA_HOME + " is not a link to a kafka_<scala>-<version> directory");
                else states.put(id, h.state().get());
            });
            if (fleet.refusedForIdsNotMatchingTheData(read, "upgrade", out)) return end(1);
            if (!unknown.isEmpty()) {
                unknown.forEach(u -> out.println("REFUSED: the version of " + u));
                out.println("nothing was touched: provision the cluster first, or fix the link by hand");
                return end(1);
            }
            before = states;
            states.forEach((id, st) -> out.println("[" + name(id) + "] " + (fleet.names.containsKey(id) ? "broker " : "controller ") + id
                    + " runs " + st));

            Optional<HostState> start = StartingPoint.of(matrix, mode(), states, request.to(), out);
            if (start.isEmpty()) return end(1);
            UpgradePath path = StartingPoint.plan(matrix, mode(), start.get(), request.to());
            if (path instanceof UpgradePath.Refused r) {
                out.println("REFUSED: " + r.reason() + " (nothing was touched)");
                return end(1);
            }
            if (path instanceof UpgradePath.NothingToDo n) {
                out.println(n.describe());
                return end(0);
            }
            if (fleet.kraft()) {
                // the levels a bump would set are data: a release without them is refused before anything moves
                if (((UpgradePath.Planned) path).phases().stream().anyMatch(p -> p.kind() == Phase.Kind.FINALIZE_FEATURES)) targetFeatures();
                Optional<String> refused = kraftPreflight((UpgradePath.Planned) path);
                if (refused.isPresent()) {
                    out.println("REFUSED: " + refused.get() + " (nothing was touched)");
                    return end(1);
                }
                if (((UpgradePath.Planned) path).phases().stream().allMatch(p -> p.kind() == Phase.Kind.FINALIZE_FEATURES)
                        && featureRaises().isEmpty()) {
                    out.println("every node already runs Kafka " + request.to() + " and the release's feature levels are finalized");
                    return end(0);
                }
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
                if (phase.kind() == Phase.Kind.FINALIZE_FEATURES) {
                    if (!request.yesFinalize()) {
                        out.println("stopping before phase " + phase.number() + " (" + phase.title() + "): it is the POINT OF NO RETURN");
                        out.println("  every node runs Kafka " + request.to() + "; the feature levels still to rise: " + featureRaises()
                                + "; check your clients, then finalize with:");
                        out.println("    " + request.finalizeCommand());
                        return end(0);
                    }
                    if (!finalizeFeatures(phase)) return end(1);
                    continue;
                }
                if (phase.nodes() == Nodes.CONTROLLERS) {
                    Map<Integer, HostReading> now = fleet.readControllers();
                    Map<Integer, BrokerSwitch> switches = controllerSwitches(phase, now);
                    if (now.keySet().stream().allMatch(id -> switches.get(id).doneOn(now.get(id)) && now.get(id).active())) {
                        out.println("[" + title(phase) + "] already done on every controller: skipped");
                        continue;
                    }
                    boolean begun = now.keySet().stream().anyMatch(id -> switches.get(id).doneOn(now.get(id)) || !now.get(id).active());
                    if (!begun) {
                        HostReading h = fleet.readHosts().values().iterator().next();
                        UpgradePath fromHere = StartingPoint.plan(matrix, mode(), h.state().orElseThrow(), request.to());
                        GateVerdict g0 = engine(phase).beforeRoll(s -> ClusterGate.beforeRoll(s, fromHere, settings));
                        if (!(g0 instanceof GateVerdict.Pass)) {
                            out.println("upgrade refused at G0 before phase " + phase.number() + ": no node was touched in this phase");
                            return end(1);
                        }
                    }
                    out.println("[" + title(phase) + "] " + phase.describe());
                    ControllerRoll controllers = new ControllerRoll(fleet.controllerContext(settings, request.resumeCommand(), out, lease),
                            title(phase));
                    if (fleet.refusedForIdsNotMatchingTheData(fleet.controllerNames, now, "upgrade", out)) return end(1);
                    RollJournal.OpenRoll open = RollJournal.read(fleet.journal()).openRoll(title(phase));
                    if (controllers.roll(switches, Set.of(), open.stoppedByUs()).isPresent()) return end(1);
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
                    Optional<Instant> g0 = RollJournal.read(fleet.journal()).openRoll(title(phase)).g0PassedAt();
                    out.println("[" + title(phase) + "] resuming: " + g0.map(t -> "G0 passed at " + t + " when this phase began (journal "
                            + fleet.journal() + ")").orElse("the journal " + fleet.journal() + " has no passed G0 of this phase, and G0 "
                            + "is not run again now that brokers differ") + "; G1 guards every broker still to roll");
                } else {
                    // planned from what the hosts run now (all brokers agree here): G0's version check compares against it
                    HostReading h = now.values().iterator().next();
                    UpgradePath fromHere = StartingPoint.plan(matrix, mode(), h.state().orElseThrow(), request.to());
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
            if (fleet.kraft()) {
                fleet.readControllers().forEach((id, h) -> out.println("[" + name(id) + "] controller " + id + " now runs "
                        + h.version().orElse("?")));
            }
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
                    // the controllers' configs are rendered when their phase runs; the feature bump writes no file
                    if (phase.nodes() == Nodes.CONTROLLERS || phase.kind() == Phase.Kind.FINALIZE_FEATURES) continue;
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
            Map<Integer, String> names = new LinkedHashMap<>(fleet.names);
            names.putAll(fleet.controllerNames);
            Map<Integer, RemoteHost> hosts = new LinkedHashMap<>(fleet.hosts);
            hosts.putAll(fleet.controllerHosts);
            names.forEach((id, host) -> users.put(id, fleet.settings.forHost(host).services().kafkaUser()));
            return StageRelease.onEvery(hosts, names, users, release, artifact, out);
        }

        /** The release of a version, built for the Scala version the inventory asks for (kafka_scala_version), if any. */
        private KafkaRelease release(String version) {
            return ws.releases().kafka(version, ws.variables().resolve(anyHost(), "kafka_scala_version").map(String::valueOf));
        }

        private String anyHost() { return fleet.names.values().iterator().next(); }

        private String name(int id) { return fleet.names.containsKey(id) ? fleet.names.get(id) : fleet.controllerNames.get(id); }

        private ClusterMode mode() { return modes.cluster(); }

        /** Each controller's switch to the phase's binaries: its configs rendered for that version into the new directory. */
        private Map<Integer, BrokerSwitch> controllerSwitches(Phase phase, Map<Integer, HostReading> now) {
            Map<Integer, BrokerSwitch> out = new LinkedHashMap<>();
            String v = phase.binaries().orElseThrow();
            now.forEach((id, h) -> out.put(id, PhaseChange.of(phase, h, Optional.empty(),
                    fleet.brokerConfig(fleet.settings.forHost(fleet.controllerNames.get(id), v)), Optional.of(release(v).installDir()))));
            return out;
        }

        /** The release's feature levels the cluster has not finalized yet (versions.yml kraft_features). */
        private List<FeatureLevels.Raise> featureRaises() throws Exception {
            return FeatureLevels.raise(fleet.features().finalized(), targetFeatures());
        }

        private Map<String, Short> targetFeatures() {
            return ws.releases().kraftFeatures(request.to()).orElseThrow(() -> new BadInput(ws.releases().source(), null,
                    "Kafka " + request.to() + " has no kraft_features in " + ws.releases().source(),
                    "add its levels (kafka-features.sh version-mapping --release-version X.Y) to kraft_features"));
        }

        /** What a KRaft cluster must be before its upgrade: to 4.x, metadata.version 3.3-IV3 or later and Java 17 on every host. */
        private Optional<String> kraftPreflight(UpgradePath.Planned path) throws Exception {
            if (KafkaVersion.parse(request.to()).orElseThrow().major() < 4) return Optional.empty();
            Optional<String> mv = FeatureLevels.blocksFour(fleet.features().finalized());
            if (mv.isPresent()) return mv;
            List<String> oldJava = new ArrayList<>();
            Map<Integer, RemoteHost> all = new LinkedHashMap<>(fleet.hosts);
            all.putAll(fleet.controllerHosts);
            for (var e : all.entrySet()) {
                String line = e.getValue().run("java -version 2>&1 | head -1").stdout();
                Optional<Integer> major = FeatureLevels.javaMajor(line);
                if (major.isEmpty() || major.get() < 17) oldJava.add(name(e.getKey()) + " (" + line.strip() + ")");
            }
            return oldJava.isEmpty() ? Optional.empty() : Optional.of("Kafka " + request.to() + " needs Java 17 or later, and "
                    + String.join(", ", oldJava) + " runs older: install a JDK 17 there first");
        }

        /**
         * The feature bump: refused while a node runs other binaries; each feature explicitly, validate-only first, then for
         * real, then two agreeing reads of the finalized levels.
         */
        private boolean finalizeFeatures(Phase phase) throws Exception {
            List<FeatureLevels.Raise> raises = featureRaises();
            String t = "[" + title(phase) + "] ";
            if (raises.isEmpty()) {
                out.println(t + "the release's feature levels are already finalized: skipped");
                return true;
            }
            Map<String, String> announced = new LinkedHashMap<>();
            fleet.readControllers().forEach((id, h) -> announced.put("controller " + id + " (" + name(id) + ")",
                    h.startLog().version().or(h::version).orElse("?")));
            fleet.readHosts().forEach((id, h) -> announced.put("broker " + id + " (" + name(id) + ")",
                    h.startLog().version().or(h::version).orElse("?")));
            Map<String, Short> supported = new LinkedHashMap<>();
            fleet.features().supported().forEach((f, r) -> supported.put(f, r.max()));
            List<String> refusals = FeatureLevels.refusals(announced, request.to(), raises, supported);
            if (!refusals.isEmpty()) {
                refusals.forEach(r -> out.println(t + "REFUSED: " + r));
                out.println(t + "no feature level was changed; resume with: " + request.resumeCommand());
                return false;
            }
            // the point of no return only on a healthy cluster: G0's checks, two agreeing samples
            GateVerdict healthy = engine(phase).beforeRoll(s -> ClusterGate.beforeRoll(s,
                    new UpgradePath.NothingToDo("the feature bump changes no binaries"), request.gates()));
            if (!(healthy instanceof GateVerdict.Pass)) {
                out.println(t + "no feature level was changed: the cluster is not healthy; resume with: " + request.resumeCommand());
                return false;
            }
            out.println(t + phase.describe());
            raises.forEach(r -> out.println(t + "  " + r));
            fleet.updateFeatures(raises, true);
            out.println(t + "validate-only accepted by the controllers");
            fleet.updateFeatures(raises, false);
            Map<String, Short> target = targetFeatures();
            Instant until = Instant.now().plusSeconds(60);
            int agreeing = 0;
            while (agreeing < 2) {
                if (Instant.now().isAfter(until)) {
                    out.println(t + "HALTED: the finalized levels did not reach " + target + " within 60 s: " + fleet.features().finalized()
                            + "; resume with: " + request.resumeCommand());
                    return false;
                }
                agreeing = FeatureLevels.raise(fleet.features().finalized(), target).isEmpty() ? agreeing + 1 : 0;
                if (agreeing < 2) Thread.sleep(request.gates().sampleSpacing().toMillis());
            }
            out.println(t + "finalized: " + new TreeMap<>(fleet.features().finalized()));
            return true;
        }

        private BrokerRoll engine(Phase phase) {
            return new BrokerRoll(fleet.context(request.gates(), request.resumeCommand(), out, lease), title(phase));
        }

        private Result end(int code) {
            return new Result(code, fleet.names, before, List.copyOf(rolls), List.copyOf(verification), Map.of());
        }
    }

    /** "ZooKeeper-mode", "KRaft": as the refusals say it. */
    private static String modeWords(ClusterMode mode) {
        return mode == ClusterMode.ZOOKEEPER ? "ZooKeeper-mode" : mode.words();
    }

    private static String title(Phase p) { return "phase " + p.number() + " " + p.kind().name().toLowerCase().replace('_', ' '); }
}
