package io.kafkaops.orchestrator.cli;

import io.kafkaops.orchestrator.Workspace;
import io.kafkaops.orchestrator.roll.BrokerFleet;

import io.kafkaops.orchestrator.BadInput;
import io.kafkaops.orchestrator.gate.ClusterGate;
import io.kafkaops.orchestrator.gate.ClusterSnapshot;
import io.kafkaops.orchestrator.gate.GateSettings;
import io.kafkaops.orchestrator.gate.GateVerdict;
import io.kafkaops.orchestrator.gate.RollOrder;
import io.kafkaops.orchestrator.kafka.KafkaProbe;
import io.kafkaops.orchestrator.kafka.SnapshotCollector.HostReading;
import io.kafkaops.orchestrator.install.InstallLayout;
import io.kafkaops.orchestrator.install.KafkaRelease;
import io.kafkaops.orchestrator.plan.UnifiedDiff;
import io.kafkaops.orchestrator.install.Artifact;
import io.kafkaops.orchestrator.host.HostCommands;
import io.kafkaops.orchestrator.ssh.RemoteHost;
import io.kafkaops.orchestrator.upgrade.OffsetsKept;
import io.kafkaops.orchestrator.version.Phase;
import io.kafkaops.orchestrator.version.Pins;
import io.kafkaops.orchestrator.roll.BrokerRoll;
import io.kafkaops.orchestrator.version.UpgradePath;
import io.kafkaops.orchestrator.version.VersionMatrix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.kafkaops.orchestrator.ssh.Shell.quote;

@Command(name = "upgrade", mixinStandardHelpOptions = true,
        description = "Gated rolling upgrade (or rollback) to another Kafka version: plan, stage, binary roll with the protocol pinned, "
                + "then - only with --yes-finalize - the pin rolls that cannot be undone. Re-running the same command resumes.")
public final class UpgradeCommand implements Callable<Integer> {
    @Mixin InventoryOptions inventory;
    @Mixin GateOptions gates;

    @Option(names = "--to", required = true, paramLabel = "VERSION", description = "the Kafka version every broker should run")
    String to;

    @Option(names = "--dry-run", description = "print the plan (phases, brokers in order, per host what changes) and stop")
    boolean dryRun;

    @Option(names = "--yes-finalize", description = "also run the phases past the point of no return (raising/removing the protocol pins)")
    boolean yesFinalize;

    @Option(names = "--artifacts", paramLabel = "DIR", description = "folder with the tarballs and their .sha512 files (default: inventory variable artifact_dir)")
    Path artifacts;

    @Spec CommandSpec spec;

    /** What a broker's host runs: the version its symlink points at and the pins its server.properties sets. */
    record HostState(String version, Map<String, String> pins) {
        @Override
        public String toString() { return version + (pins.isEmpty() ? " (no pins)" : " " + pins); }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        GateSettings settings = gates.settings();
        Workspace ws = inventory.workspace();
        VersionMatrix matrix = VersionMatrix.load(ws.home().upgrade().resolve("matrix.yml"));
        try (BrokerFleet targets = new BrokerFleet(ws, gates.hostKeys())) {
            Map<Integer, HostReading> read = targets.readHosts();
            Map<Integer, HostState> states = new LinkedHashMap<>();
            List<String> unknown = new ArrayList<>();
            read.forEach((id, h) -> {
                if (h.version().isEmpty()) unknown.add("broker " + id + " (" + targets.names.get(id) + "): " + InstallLayout.KAFKA_HOME
                        + " is not a link to a kafka_<scala>-<version> directory");
                else states.put(id, new HostState(h.version().get(), h.pins()));
            });
            if (!unknown.isEmpty()) {
                unknown.forEach(u -> out.println("REFUSED: the version of " + u));
                out.println("nothing was touched: provision the cluster first, or fix the link by hand");
                return 1;
            }
            states.forEach((id, st) -> out.println("[" + targets.names.get(id) + "] broker " + id + " runs " + st));

            Optional<HostState> start = startingPoint(matrix, states, to, out);
            if (start.isEmpty()) return 1;
            HostState from = start.get();
            UpgradePath path = matrix.plan(from.version(), Optional.ofNullable(from.pins().get(Pins.IBP)),
                    Optional.ofNullable(from.pins().get(Pins.LMF)), to);
            if (path instanceof UpgradePath.Refused r) {
                out.println("REFUSED: " + r.reason() + " (nothing was touched)");
                return 1;
            }
            if (path instanceof UpgradePath.NothingToDo n) {
                out.println(n.describe());
                return 0;
            }
            UpgradePath.Planned planned = (UpgradePath.Planned) path;
            printPlan(targets, planned, states, out);
            if (dryRun) {
                out.println("dry run: nothing changed");
                return 0;
            }
            String resume = "orchestrator upgrade " + inventory.inventory + " --to " + to + (yesFinalize ? " --yes-finalize" : "")
                    + (artifacts != null ? " --artifacts " + artifacts : "") + gates.asArguments();
            List<BrokerRoll.Outcome> outcomes = new ArrayList<>();
            Optional<Witness> witness = Optional.empty();
            for (Phase phase : planned.phases()) {
                if (phase.kind() == Phase.Kind.STAGE) {
                    // G0 before anything is copied: a cluster that cannot be rolled gets nothing staged either
                    if (states.values().stream().distinct().count() == 1) {
                        BrokerRoll g0 = new BrokerRoll(targets.context(settings, resume, out), title(phase));
                        if (!(g0.beforeRoll(s -> ClusterGate.beforeRoll(s, planned, settings)) instanceof GateVerdict.Pass)) {
                            out.println("upgrade refused at G0: nothing was touched");
                            return 1;
                        }
                    }
                    if (!stage(targets, phase.binaries().orElseThrow(), out)) return 1;
                    continue;
                }
                Map<Integer, HostReading> now = targets.readHosts();
                PhaseChange change = new PhaseChange(targets, phase, now);
                // a stopped broker is what a roll killed between a stop and a start leaves: the roll resumes with it
                boolean begun = now.keySet().stream().anyMatch(id -> change.alreadyDone(id, now.get(id)) || !now.get(id).active());
                boolean complete = now.keySet().stream().allMatch(id -> change.alreadyDone(id, now.get(id)) && now.get(id).active());
                if (complete) {
                    out.println("[" + title(phase) + "] already done on every broker: skipped");
                    continue;
                }
                if (phase.irreversible() && !yesFinalize) {
                    out.println("stopping before phase " + phase.number() + " (" + phase.title() + "): it is the POINT OF NO RETURN");
                    out.println("  every broker runs " + change.expectedVersion(now.keySet().iterator().next()) + " with pins "
                            + now.values().iterator().next().pins() + "; check your clients, then finalize with:");
                    out.println("    orchestrator upgrade " + inventory.inventory + " --to " + to + " --yes-finalize"
                            + (artifacts != null ? " --artifacts " + artifacts : "") + gates.asArguments());
                    out.println("  or roll back (pins kept) with: orchestrator upgrade " + inventory.inventory + " --to "
                            + (planned.from().equals(planned.to()) ? "<the version you came from>" : planned.from()));
                    return 0;
                }
                BrokerRoll engine = new BrokerRoll(targets.context(settings, resume, out), title(phase));
                if (begun) {
                    out.println("[" + title(phase) + "] resuming: G0 was passed when this phase began; G1 guards every broker still to roll");
                } else {
                    UpgradePath fromHere = replan(matrix, now);
                    GateVerdict g0 = engine.beforeRoll(s -> ClusterGate.beforeRoll(s, fromHere, settings));
                    if (!(g0 instanceof GateVerdict.Pass)) {
                        out.println("upgrade refused at G0 before phase " + phase.number() + ": no broker was touched in this phase");
                        return 1;
                    }
                }
                out.println("[" + title(phase) + "] " + phase.describe());
                if (!removeTopicOverrides(targets, phase, out)) return 1;
                if (witness.isEmpty()) {
                    witness = Witness.take(targets, out);
                    if (witness.isEmpty()) return 1;
                }
                BrokerRoll.Outcome outcome = engine.roll(change, change.expectedVersion(now.keySet().iterator().next()));
                outcomes.add(outcome);
                boolean ok = RollReport.print(out, outcome);
                if (!ok) return 1;
            }
            if (witness.isPresent() && !witness.get().holds(targets, out)) return 1;
            Map<Integer, HostReading> after = targets.readHosts();
            after.forEach((id, h) -> out.println("[" + targets.names.get(id) + "] broker " + id + " now runs " + h.version().orElse("?")
                    + (h.pins().isEmpty() ? " (no pins)" : " " + h.pins())));
            out.println("upgrade to " + to + " done");
            return 0;
        }
    }

    /**
     * The notes' proof that an upgrade lost nothing: a record written (acks=all) and the consumer groups' committed offsets
     * read before the first broker is rolled; after the last phase the record must read back unchanged, a new record must
     * go through, and no committed offset may be missing or have moved back.
     */
    private record Witness(KafkaProbe.Written record, Map<String, Map<String, Long>> offsets) {
        static Optional<Witness> take(BrokerFleet targets, PrintWriter out) {
            try (KafkaProbe probe = new KafkaProbe(targets.kafka)) {
                probe.ensureCanaryTopic(targets.cluster.brokers().size(), targets.cluster.minInsyncReplicas());
                Witness w = new Witness(probe.produce("witness-" + java.util.UUID.randomUUID()), probe.committedOffsets());
                out.println("[verify] before the roll: witness record at offset " + w.record().offset() + " of " + KafkaProbe.CANARY_TOPIC
                        + " (acks=all); " + OffsetsKept.describe(w.offsets()) + " read");
                return Optional.of(w);
            } catch (Exception e) {
                out.println("[verify] HALTED before the roll: the cluster did not take an acks=all record or its group offsets could not be read: "
                        + e.getMessage());
                out.println("  no broker was restarted in this phase; fix the cause and run the same command again");
                return Optional.empty();
            }
        }

        boolean holds(BrokerFleet targets, PrintWriter out) {
            List<String> failed = new ArrayList<>();
            try (KafkaProbe probe = new KafkaProbe(targets.kafka)) {
                if (probe.readBack(record)) out.println("[verify] the witness record written before the roll reads back unchanged (offset " + record.offset() + ")");
                else failed.add("the witness record at offset " + record.offset() + " of " + KafkaProbe.CANARY_TOPIC + " did not read back unchanged");
                out.println("[verify] new records go through: " + probe.canary(targets.cluster.brokers().size(), targets.cluster.minInsyncReplicas()));
                List<String> moved = OffsetsKept.lostOrMovedBack(offsets, probe.committedOffsets());
                if (moved.isEmpty()) out.println("[verify] consumer groups kept their place: every offset committed before the roll is still there, "
                        + "none moved back (" + OffsetsKept.describe(offsets) + ")");
                failed.addAll(moved);
            } catch (Exception e) {
                failed.add(e.getMessage());
            }
            failed.forEach(f -> out.println("[verify] FAILED: " + f));
            return failed.isEmpty();
        }
    }

    /**
     * The topic-level configs this phase retires (KIP-724: message.format.version goes with the 3.x protocol), deleted
     * before its roll. Re-running finds none left, so a resumed phase does not repeat it.
     */
    private static boolean removeTopicOverrides(BrokerFleet targets, Phase phase, PrintWriter out) {
        for (String key : phase.topicConfigsRemoved()) {
            try {
                Map<String, String> set = targets.collector.topicOverrides(key);
                if (set.isEmpty()) {
                    out.println("[" + title(phase) + "] no topic sets " + key + " itself: nothing to remove");
                    continue;
                }
                targets.collector.removeTopicOverride(set.keySet(), key);
                out.println("[" + title(phase) + "] removed topic-level " + key + " from " + set.size() + " topic(s): " + set);
            } catch (Exception e) {
                out.println("[" + title(phase) + "] HALTED before the roll: could not remove topic-level " + key + ": " + e.getMessage());
                out.println("  no broker was restarted in this phase; fix the cause (the Admin API must answer) and run the same command again");
                return false;
            }
        }
        return true;
    }

    private static String title(Phase p) { return "phase " + p.number() + " " + p.kind().name().toLowerCase().replace('_', ' '); }

    /** Plans from what the hosts run now (all brokers agree here): G0's version check compares against it. */
    private UpgradePath replan(VersionMatrix matrix, Map<Integer, HostReading> now) {
        HostReading h = now.values().iterator().next();
        return matrix.plan(h.version().orElseThrow(), Optional.ofNullable(h.pins().get(Pins.IBP)), Optional.ofNullable(h.pins().get(Pins.LMF)), to);
    }

    /**
     * Where the plan starts. One state: that one. Two states: an interrupted phase, planned from the
     * less advanced state when the other is exactly that phase's result. Anything else is refused.
     */
    static Optional<HostState> startingPoint(VersionMatrix matrix, Map<Integer, HostState> states, String to, PrintWriter out) {
        List<HostState> distinct = states.values().stream().distinct().toList();
        if (distinct.size() == 1) return Optional.of(distinct.get(0));
        if (distinct.size() == 2) {
            for (int i = 0; i < 2; i++) {
                HostState a = distinct.get(i);
                HostState b = distinct.get(1 - i);
                UpgradePath p = matrix.plan(a.version(), Optional.ofNullable(a.pins().get(Pins.IBP)), Optional.ofNullable(a.pins().get(Pins.LMF)), to);
                if (p instanceof UpgradePath.Planned planned) {
                    Optional<Phase> firstRoll = planned.phases().stream().filter(Phase::restartsBrokers).findFirst();
                    if (firstRoll.isPresent() && resultOf(firstRoll.get(), a).equals(b)) {
                        out.println("an earlier run stopped half-way through \"" + firstRoll.get().title() + "\": brokers on " + a + " are still to roll, "
                                + "brokers on " + b + " are done; resuming");
                        return Optional.of(a);
                    }
                }
            }
        }
        out.println("REFUSED: the brokers are in states no single interrupted phase of an upgrade to " + to + " explains:");
        states.forEach((id, st) -> out.println("  broker " + id + ": " + st));
        out.println("nothing was touched: bring every broker to one version and pin set (or resume the roll that left them so) first");
        return Optional.empty();
    }

    private static HostState resultOf(Phase phase, HostState before) {
        return new HostState(phase.binaries().orElse(before.version()), phase.pinsAfter());
    }

    private void printPlan(BrokerFleet targets, UpgradePath.Planned planned, Map<Integer, HostState> states, PrintWriter out) throws Exception {
        out.println("plan: " + planned.describe());
        ClusterSnapshot s = targets.collector.take(Optional.empty());
        List<Integer> order = RollOrder.brokers(s);
        out.println("broker order (active controller last): " + order.stream().map(id -> "broker " + id + " (" + targets.names.get(id) + ")").toList());
        planned.pointOfNoReturn().ifPresentOrElse(
                p -> out.println("point of no return: phase " + p.number() + " (" + p.title() + "); " + p.pointOfNoReturn().orElse("")
                        + (yesFinalize ? "" : " - it runs only with --yes-finalize")),
                () -> out.println("no phase is irreversible: this can be rolled back"));
        // brokers do not record a producer's acks (ZooKeeper mode, default request logging), so this risk cannot be listed per client
        out.println("caution: producers with acks=0 or acks=1 can lose acknowledged messages whenever a leader moves during the roll; "
                + "the brokers do not show which clients use them, so check your producers (acks=all, enable.idempotence=true)");
        for (Phase phase : planned.phases()) {
            for (String key : phase.topicConfigsRemoved()) {
                Map<String, String> set = targets.collector.topicOverrides(key);
                out.println("phase " + phase.number() + " removes topic-level " + key + (set.isEmpty() ? ": no topic sets it" : " from " + set));
            }
        }
        for (int id : order) {
            RemoteHost host = targets.hosts.get(id);
            String current = host.run("cat " + InstallLayout.kafkaConfig("server.properties") + " 2>/dev/null").stdout();
            Map<String, String> pins = states.get(id).pins();
            String version = states.get(id).version();
            for (Phase phase : planned.phases()) {
                if (phase.kind() == Phase.Kind.STAGE) {
                    out.println("[" + targets.names.get(id) + "] phase " + phase.number() + ": unpack Kafka " + phase.binaries().orElseThrow() + " to "
                            + release(targets, phase.binaries().orElseThrow()).installDir() + " beside the running " + version);
                    continue;
                }
                String next = serverProperties(targets, id, phase.pinsAfter());
                String v = phase.binaries().orElse(version);
                out.println("[" + targets.names.get(id) + "] phase " + phase.number() + ": run " + v + (phase.binaries().isPresent()
                        ? " (" + InstallLayout.KAFKA_HOME + " -> " + release(targets, v).installDir() + ")" : "") + ", server.properties:");
                String diff = UnifiedDiff.of("now", current, "phase " + phase.number(), next);
                if (diff.isBlank()) out.println("    (unchanged)");
                else diff.lines().filter(l -> l.startsWith("+") || l.startsWith("-")).filter(l -> !l.startsWith("+++") && !l.startsWith("---"))
                        .forEach(l -> out.println("    " + l));
                current = next;
                version = v;
                pins = phase.pinsAfter();
            }
        }
    }

    private static String serverProperties(BrokerFleet targets, int broker, Map<String, String> pins) {
        return targets.brokerConfig(broker, pins.get(Pins.IBP), pins.get(Pins.LMF)).stream()
                .filter(f -> f.relativePath().equals("config/server.properties")).findFirst().map(BrokerFleet.RenderedFile::content).orElse("");
    }

    private static KafkaRelease release(BrokerFleet targets, String version) {
        return targets.ws.releases().kafka(version, targets.ws.variables().resolve(targets.names.values().iterator().next(), "kafka_scala_version")
                .map(String::valueOf));
    }

    /** Phase STAGE: upload, verify and unpack on every broker host in parallel; nothing else is copied, nothing restarts. */
    private boolean stage(BrokerFleet targets, String version, PrintWriter out) throws Exception {
        KafkaRelease release = release(targets, version);
        String anyHost = targets.names.values().iterator().next();
        Path dir = artifacts != null ? artifacts : targets.ws.variables().resolve(anyHost, "artifact_dir")
                .map(v -> Path.of(String.valueOf(v).replaceFirst("^~", System.getProperty("user.home"))))
                .orElseThrow(() -> new BadInput(String.valueOf(targets.ws.inventory().source()), null, "no artifact folder given",
                        "pass --artifacts DIR (holding " + release.tarballName() + " and its .sha512) or set artifact_dir in the inventory"));
        Artifact artifact = Artifact.find(dir, release.tarballName(), "artifact_dir");
        ExecutorService pool = Executors.newFixedThreadPool(targets.hosts.size());
        try {
            Map<Integer, Future<String>> results = new LinkedHashMap<>();
            for (Map.Entry<Integer, RemoteHost> e : targets.hosts.entrySet()) {
                results.put(e.getKey(), pool.submit(() -> {
                    RemoteHost h = e.getValue();
                    long t0 = System.nanoTime();
                    if (h.run("test -x " + quote(release.installDir() + "/bin/kafka-server-start.sh")).ok()) return "already unpacked in " + release.installDir();
                    HostCommands.stageArtifact(h, artifact.tarball(), artifact.remotePath(), artifact.sha512());
                    HostCommands.unpack(h, artifact.remotePath(), release.installDir(), InstallLayout.KAFKA_USER);
                    return String.format("uploaded, verified (SHA-512) and unpacked %s (%.1f s)", release.installDir(), (System.nanoTime() - t0) / 1e9);
                }));
            }
            boolean ok = true;
            for (Map.Entry<Integer, Future<String>> r : results.entrySet()) {
                try {
                    out.println("[stage] [" + targets.names.get(r.getKey()) + "] " + r.getValue().get());
                } catch (Exception e) {
                    ok = false;
                    out.println("[stage] [" + targets.names.get(r.getKey()) + "] FAILED: " + (e.getCause() == null ? e : e.getCause()).getMessage());
                }
            }
            if (!ok) out.println("stage failed: no broker was restarted; fix the cause and run the same command again");
            return ok;
        } finally {
            pool.shutdownNow();
        }
    }

    /** One rolling phase's change to a stopped broker: new binaries and/or new pins, written before it starts. */
    private final class PhaseChange implements BrokerRoll.BrokerChange {
        private final BrokerFleet targets;
        private final Phase phase;
        private final Map<Integer, HostReading> before;
        private final Map<Integer, String> previousLink = new java.util.concurrent.ConcurrentHashMap<>();
        private final Map<Integer, String> previousProperties = new java.util.concurrent.ConcurrentHashMap<>();

        private final Map<Integer, List<BrokerFleet.RenderedFile>> rendered = new LinkedHashMap<>();

        PhaseChange(BrokerFleet targets, Phase phase, Map<Integer, HostReading> before) {
            this.targets = targets;
            this.phase = phase;
            this.before = before;
            // rendered up front: template work must not lengthen the time a broker is down
            for (int id : before.keySet()) {
                rendered.put(id, targets.brokerConfig(id, phase.pinsAfter().get(Pins.IBP), phase.pinsAfter().get(Pins.LMF)));
            }
        }

        @Override
        public String describe(int broker) {
            return phase.binaries().map(v -> "switch " + InstallLayout.KAFKA_HOME + " to Kafka " + v + ", ").orElse("")
                    + (phase.pinsAfter().isEmpty() ? "no protocol pins" : "pins " + phase.pinsAfter());
        }

        @Override
        public String expectedVersion(int broker) {
            return phase.binaries().orElseGet(() -> before.get(broker).version().orElseThrow());
        }

        @Override
        public boolean alreadyDone(int broker, HostReading host) {
            return host.version().equals(Optional.of(expectedVersion(broker))) && host.pins().equals(phase.pinsAfter());
        }

        /** Staged beside the live server.properties, renamed over it while the broker is stopped. */
        private static final String NEXT = ".orchestrator-next";

        @Override
        public void prepare(int broker, RemoteHost host) throws IOException {
            String dir = targetDir();
            String link = host.run("readlink " + InstallLayout.KAFKA_HOME).stdout().strip();
            previousLink.put(broker, link);
            if (phase.binaries().isEmpty()) {
                previousProperties.put(broker, host.run("cat " + InstallLayout.kafkaConfig("server.properties")).stdout());
                BrokerFleet.RenderedFile f = serverProperties(broker);
                host.write(InstallLayout.kafkaConfig("server.properties") + NEXT, f.content().getBytes(StandardCharsets.UTF_8), f.owner(),
                        f.secret() ? "0600" : f.mode());
            } else if (!link.equals(dir)) {
                // configs go into the new directory, which nothing runs from yet; the old one keeps its own, so putting the
                // link back is a full rollback
                writeAll(broker, host, dir);
            }
        }

        @Override
        public String apply(int broker, RemoteHost host) throws IOException {
            String dir = targetDir();
            if (!previousLink.containsKey(broker)) prepare(broker, host);
            if (phase.binaries().isEmpty()) {
                String live = InstallLayout.kafkaConfig("server.properties");
                return "mv -f " + quote(live + NEXT) + " " + quote(live);
            }
            // a broker already linked to the new directory got no configs in prepare: they are written now, while it is down
            if (previousLink.get(broker).equals(dir)) writeAll(broker, host, dir);
            return HostCommands.linkCommand(dir, InstallLayout.KAFKA_HOME);
        }

        private String targetDir() {
            return phase.binaries().map(v -> release(targets, v).installDir()).orElse(InstallLayout.KAFKA_HOME);
        }

        private BrokerFleet.RenderedFile serverProperties(int broker) {
            return rendered.get(broker).stream().filter(f -> f.relativePath().equals("config/server.properties")).findFirst().orElseThrow();
        }

        private void writeAll(int broker, RemoteHost host, String dir) throws IOException {
            for (BrokerFleet.RenderedFile f : rendered.get(broker)) {
                host.write(dir + "/" + f.relativePath(), f.content().getBytes(StandardCharsets.UTF_8), f.owner(), f.secret() ? "0600" : f.mode());
            }
        }

        @Override
        public void undo(int broker, RemoteHost host) throws IOException {
            if (previousProperties.containsKey(broker)) {
                host.write(InstallLayout.kafkaConfig("server.properties"), previousProperties.get(broker).getBytes(StandardCharsets.UTF_8),
                        InstallLayout.KAFKA_USER, "0644");
            }
            String link = previousLink.get(broker);
            if (link != null && !link.isBlank()) HostCommands.link(host, link, InstallLayout.KAFKA_HOME);
        }
    }
}
