package io.kafkaops.orchestrator.roll;

import io.kafkaops.orchestrator.gate.Agreement;
import io.kafkaops.orchestrator.gate.BrokerGate;
import io.kafkaops.orchestrator.gate.ClusterGate;
import io.kafkaops.orchestrator.gate.ClusterHealth;
import io.kafkaops.orchestrator.gate.ClusterSnapshot;
import io.kafkaops.orchestrator.gate.GateSettings;
import io.kafkaops.orchestrator.gate.GateVerdict;
import io.kafkaops.orchestrator.gate.PartitionState;
import io.kafkaops.orchestrator.gate.RollOrder;
import io.kafkaops.orchestrator.gate.SnapshotHistory;
import io.kafkaops.orchestrator.gate.TimedVerdict;
import io.kafkaops.orchestrator.host.ProcessWatch;
import io.kafkaops.orchestrator.kafka.SnapshotCollector;
import io.kafkaops.orchestrator.kafka.SnapshotCollector.HostReading;
import io.kafkaops.orchestrator.zookeeper.ZooKeeperWire;
import io.kafkaops.orchestrator.install.InstallLayout;
import io.kafkaops.orchestrator.ssh.CommandResult;
import io.kafkaops.orchestrator.ssh.RemoteHost;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnsupportedVersionException;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.kafkaops.orchestrator.ssh.Shell.quote;

/**
 * The one rolling engine behind restart, binary roll, finalize and rollback: per broker in
 * {@link RollOrder}, G1 -> controlled stop -> the phase's change -> start -> G2 -> preferred
 * leaders back; G3 at the end. Every decision is a pure gate's; this class only waits and acts.
 * On a refusal or a timeout it halts and leaves every other broker untouched.
 */
public final class BrokerRoll {
    /** What a phase does to a broker while it is stopped. A plain restart changes nothing. */
    public interface BrokerChange {
        /** "switch to Kafka 2.6.3, pins {...}" - printed per broker. */
        String describe(int broker);

        /** The version the broker must run once started (checked by G2 and G3). */
        String expectedVersion(int broker);

        /** True when the host already is as this phase wants it: a resumed roll skips it. */
        boolean alreadyDone(int broker, HostReading host);

        /**
         * Work that leaves what the running broker reads alone (reading its state, writing configs into a directory it does
         * not run from, or beside the live file), done for every broker to roll at once, before the first stop.
         */
        default void prepare(int broker, RemoteHost host) throws IOException {}

        /**
         * Does what must wait until the broker is stopped, and returns the shell command that completes the switch (a rename,
         * a link); the engine runs it and the start in one round trip, so the switch adds no time of its own.
         */
        String apply(int broker, RemoteHost host) throws IOException;

        /** Puts the broker back as it was before {@link #apply}; used when it cannot start. */
        void undo(int broker, RemoteHost host) throws IOException;
    }

    /** A broker that already runs as wanted; restarting it changes nothing, so "done" never holds. */
    public static BrokerChange restartOnly(Map<Integer, String> runningVersion) {
        return new BrokerChange() {
            public String describe(int broker) { return "restart, nothing changed"; }
            public String expectedVersion(int broker) { return runningVersion.get(broker); }
            public boolean alreadyDone(int broker, HostReading host) { return false; }
            public String apply(int broker, RemoteHost host) { return "true"; }
            public void undo(int broker, RemoteHost host) {}
        };
    }

    /** Per broker: how long each step took. {@code startToCaughtUp} ends when the broker is registered and nothing is under-replicated. */
    public record BrokerTiming(int broker, String host, Duration g1Wait, Duration stop, Duration startToCaughtUp, Duration g2Wait,
                               Duration total) {
        public Duration floor() { return stop.plus(startToCaughtUp); }
    }

    public sealed interface Outcome {
        List<BrokerTiming> timings();

        /**
         * @param prepared time spent before the first G1 reading every host and preparing the change (no broker touched)
         * @param wall     first G1 to G3 passed
         */
        record Completed(List<BrokerTiming> timings, Duration prepared, Duration wall, Duration g3Wait) implements Outcome {}

        record Halted(List<BrokerTiming> timings, Optional<Integer> broker, String reason) implements Outcome {}
    }

    /**
     * @param zookeeperConnect for the ZooKeeper-based preferred-leader election on clusters older than 2.2
     * @param resumeCommand    printed on every halt, exactly as the operator should type it
     */
    public record Context(SnapshotCollector collector, Map<Integer, RemoteHost> hosts, Map<Integer, String> hostNames,
                          GateSettings settings, Path journal, String zookeeperConnect, String resumeCommand, PrintWriter out,
                          Clock clock, Duration pollInterval) {}

    private final Context ctx;
    private final String phase;
    /** The previous broker's last G2 snapshots: the next G1 judges them too, so a healthy cluster is not sampled twice over. */
    private List<ClusterSnapshot> recent = List.of();

    public BrokerRoll(Context ctx, String phase) {
        this.ctx = ctx;
        this.phase = phase;
    }

    /** Rolls every inventory broker the change does not already hold for; halts on the first refusal or timeout. */
    public Outcome roll(BrokerChange change, String targetVersion) {
        Instant prepareStart = ctx.clock().instant();
        List<BrokerTiming> timings = new ArrayList<>();
        Set<Integer> rolled = new LinkedHashSet<>();
        // every host read at once: one SSH round trip of time, not one per broker
        Map<Integer, HostReading> read = onEveryHost(ctx.hostNames().keySet(), this::readHost);
        // a roll interrupted between a broker's stop and its start leaves that one broker stopped: it is finished first
        List<Integer> stoppedNow = ctx.hostNames().keySet().stream().filter(id -> !read.get(id).active()).toList();
        if (stoppedNow.size() > 1) {
            return halt(timings, Optional.empty(), stoppedNow.stream().map(this::label).collect(Collectors.joining(" and "))
                    + " are stopped (their units are not active): more than one broker is down; start them or find out why, then run the same command again");
        }
        for (int id : ctx.hostNames().keySet()) {
            if (change.alreadyDone(id, read.get(id)) && !stoppedNow.contains(id)) {
                say(id, "already done (" + change.describe(id) + "): skipped");
                rolled.add(id);
            }
        }
        // prepared on every host at once, so a broker's down time holds only the switch itself
        List<String> unprepared = onEveryHost(ctx.hostNames().keySet().stream().filter(id -> !rolled.contains(id)).toList(), id -> {
            try {
                change.prepare(id, ctx.hosts().get(id));
                return "";
            } catch (IOException | RuntimeException e) {
                return label(id) + ": " + e.getMessage();
            }
        }).values().stream().filter(msg -> !msg.isEmpty()).toList();
        if (!unprepared.isEmpty()) {
            return halt(timings, Optional.empty(), "preparing the change failed before any broker was stopped: " + String.join("; ", unprepared));
        }
        Instant begin = ctx.clock().instant();
        Duration prepared = Duration.between(prepareStart, begin);
        say(Optional.empty(), String.format("read and prepared %d broker host(s) in %.1f s; no broker was touched", ctx.hostNames().size(),
                secs(prepared)));
        for (int b : stoppedNow) {
            boolean switched = change.alreadyDone(b, read.get(b));
            say(b, "is stopped (its unit is not active), as a roll interrupted between its stop and its start leaves it: "
                    + (switched ? "starting it" : "applying the change and starting it") + ", then G2");
            Optional<String> failure;
            try {
                failure = startAndWatch(b, Optional.empty(), change, timings, ctx.clock().instant(), Duration.ZERO, true, switched);
            } catch (IOException e) {
                failure = Optional.of("a step on " + label(b) + " failed: " + e.getMessage());
            }
            if (failure.isPresent()) return halt(timings, Optional.of(b), failure.get());
            rolled.add(b);
        }
        Optional<ClusterSnapshot> last = Optional.empty();
        while (true) {
            ClusterSnapshot s;
            try {
                // the previous broker's confirming G2 sample, when it is as fresh as a new one would be
                Optional<ClusterSnapshot> latest = recent.isEmpty() ? Optional.empty() : Optional.of(recent.get(recent.size() - 1))
                        .filter(r -> Duration.between(r.takenAt(), ctx.clock().instant()).compareTo(ctx.pollInterval()) < 0);
                s = latest.isPresent() ? latest.get() : ctx.collector().take(Optional.empty());
            } catch (Exception e) {
                return halt(timings, Optional.empty(), "no snapshot of the cluster: " + e.getMessage());
            }
            Optional<Integer> next = RollOrder.next(s, rolled);
            if (next.isEmpty()) {
                last = Optional.of(s);
                break;
            }
            int b = next.get();
            Optional<String> failure;
            try {
                Set<Integer> afterB = new LinkedHashSet<>(rolled);
                afterB.add(b);
                failure = rollOne(b, RollOrder.next(s, afterB), change, timings, s);
            } catch (IOException e) {
                failure = Optional.of("a step on " + label(b) + " failed: " + e.getMessage());
            }
            if (failure.isPresent()) return halt(timings, Optional.of(b), failure.get());
            rolled.add(b);
        }
        Instant g3Start = ctx.clock().instant();
        // the snapshot that found no broker left to roll is G3's first sample
        GateVerdict g3 = poll("G3", Optional.empty(), Optional.empty(), Set.of(), s -> ClusterGate.afterRoll(s, targetVersion, ctx.settings()), true, recent,
                last);
        if (!(g3 instanceof GateVerdict.Pass)) return halt(timings, Optional.empty(), "G3 after the roll: " + g3.reason());
        Duration wall = Duration.between(begin, ctx.clock().instant());
        journal(Optional.empty(), "G3", "DONE", "");
        return new Outcome.Completed(timings, prepared, wall, Duration.between(g3Start, ctx.clock().instant()));
    }

    /**
     * G0: two samples {@code sampleSpacing} apart must both pass (G0 never waits: nothing was touched yet).
     * Prints every refusal and warning.
     */
    public GateVerdict beforeRoll(Function<ClusterSnapshot, GateVerdict> g0) {
        // the first broker to roll is one of the two lowest ids (only the controller moves to the end): samples read through
        // others count for its G1 too
        Set<Integer> firstToRoll = ctx.hostNames().keySet().stream().sorted().limit(2).collect(Collectors.toSet());
        GateVerdict last = GateVerdict.pass();
        List<ClusterSnapshot> samples = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            if (i > 0) sleep(ctx.settings().sampleSpacing());
            try {
                ClusterSnapshot s = ctx.collector().take(Optional.empty(), firstToRoll);
                samples.add(s);
                last = g0.apply(s);
            } catch (Exception e) {
                last = GateVerdict.refuse("no snapshot of the cluster: " + e.getMessage());
            }
            if (!(last instanceof GateVerdict.Pass)) break;
        }
        // G0's samples are the first G1's earlier samples: the cluster was just seen healthy twice, 2 s apart
        recent = last instanceof GateVerdict.Pass ? List.copyOf(samples) : List.of();
        if (last instanceof GateVerdict.Pass pass) {
            pass.warnings().forEach(w -> say(Optional.empty(), "G0 warning: " + w));
            say(Optional.empty(), "G0 passed: every broker registered, nothing offline or under-replicated, ZooKeeper healthy");
            journal(Optional.empty(), "G0", "DONE", String.join("; ", pass.warnings()));
        } else {
            last.reasons().forEach(r -> say(Optional.empty(), "G0 REFUSED: " + r));
            journal(Optional.empty(), "G0", "HALTED", last.reason());
        }
        return last;
    }

    /**
     * @param upNext the broker expected to roll after B: G2's samples are read through another one, so its G1 can count them
     * @return empty when the broker is back and caught up, else why the roll must halt
     */
    private Optional<String> rollOne(int b, Optional<Integer> upNext, BrokerChange change, List<BrokerTiming> timings, ClusterSnapshot chosenFrom)
            throws IOException {
        // the snapshot that chose B is G1's first sample, unless it was read from B itself (G1 would only wait on it)
        Optional<ClusterSnapshot> orderedBy = Optional.of(chosenFrom).filter(s -> s.readFrom().map(r -> r != b).orElse(true));
        Instant t0 = ctx.clock().instant();
        say(b, "G1: checking it may stop");
        GateVerdict g1 = poll("G1", Optional.of(b), Optional.of(b), Set.of(), s -> BrokerGate.beforeStop(s, b, ctx.settings()), false, recent,
                orderedBy);
        recent = List.of();
        if (!(g1 instanceof GateVerdict.Pass)) return Optional.of("G1 before stopping " + label(b) + ": " + g1.reason());
        Duration g1Wait = Duration.between(t0, ctx.clock().instant());
        say(b, String.format("G1 passed (%.1f s)", secs(g1Wait)));

        return startAndWatch(b, upNext, change, timings, t0, g1Wait, false, false);
    }

    /**
     * Stop (unless {@code alreadyStopped}), switch (unless {@code alreadySwitched}), start, G2; the other brokers' processes
     * are watched from before B stops until its G2 is decided.
     */
    private Optional<String> startAndWatch(int b, Optional<Integer> upNext, BrokerChange change, List<BrokerTiming> timings, Instant t0,
                                           Duration g1Wait, boolean alreadyStopped, boolean alreadySwitched) throws IOException {
        Map<Integer, RemoteHost> others = new LinkedHashMap<>(ctx.hosts());
        others.remove(b);
        try (ProcessWatch othersWatch = ProcessWatch.start(others, InstallLayout.KAFKA_UNIT, ctx.clock(), this::label)) {
            return switchStartAndGate(b, upNext, change, timings, t0, g1Wait, alreadyStopped, alreadySwitched, othersWatch);
        }
    }

    private Optional<String> switchStartAndGate(int b, Optional<Integer> upNext, BrokerChange change, List<BrokerTiming> timings, Instant t0,
                                                Duration g1Wait, boolean alreadyStopped, boolean alreadySwitched, ProcessWatch othersWatch)
            throws IOException {
        Duration stop = Duration.ZERO;
        if (!alreadyStopped) {
            Instant stopAt = ctx.clock().instant();
            journal(Optional.of(b), "stop", "STARTED", "");
            Optional<String> stopped = stop(b);
            if (stopped.isPresent()) return stopped;
            stop = Duration.between(stopAt, ctx.clock().instant());
            say(b, String.format("stopped (controlled shutdown, %.1f s)", secs(stop)));
            journal(Optional.of(b), "stop", "DONE", String.format("%.1f s", secs(stop)));
        }

        String switchCommand = alreadySwitched ? "true" : change.apply(b, ctx.hosts().get(b));
        Instant startedAt = ctx.clock().instant();
        // the switch and the start in one round trip; the start runs only when the switch succeeded
        run(b, "set -e; " + switchCommand + "; systemctl reset-failed " + InstallLayout.KAFKA_UNIT + " 2>/dev/null || true; systemctl start "
                + InstallLayout.KAFKA_UNIT);
        say(b, change.describe(b) + ": done; started; G2: waiting until it is registered and caught up");
        journal(Optional.of(b), "change", "DONE", change.describe(b));
        journal(Optional.of(b), "start", "DONE", "");

        G2Watch watch = new G2Watch(b, change.expectedVersion(b), startedAt, othersWatch);
        GateVerdict g2 = poll("G2", Optional.of(b), Optional.of(b), upNext.map(Set::of).orElse(Set.of()), watch::judge, true, List.of(),
                Optional.empty());
        recent = List.copyOf(watch.history.subList(Math.max(0, watch.history.size() - 6), watch.history.size()));
        if (watch.died) {
            say(b, "did not start on the new setup (" + watch.deadWhy + "): putting it back as it was");
            run(b, "systemctl stop " + InstallLayout.KAFKA_UNIT + "; systemctl reset-failed " + InstallLayout.KAFKA_UNIT + " 2>/dev/null; true");
            change.undo(b, ctx.hosts().get(b));
            run(b, "systemctl start " + InstallLayout.KAFKA_UNIT);
            readHost(b);
            journal(Optional.of(b), "undo", "DONE", watch.deadWhy);
            return Optional.of(label(b) + " failed to start after \"" + change.describe(b) + "\" (" + watch.deadWhy
                    + "); it was put back on its previous version and config and restarted");
        }
        if (!(g2 instanceof GateVerdict.Pass)) return Optional.of("G2 after starting " + label(b) + ": " + g2.reason());
        Instant end = ctx.clock().instant();
        Duration caughtUp = Duration.between(startedAt, watch.caughtUpAt.orElse(end));
        BrokerTiming t = new BrokerTiming(b, ctx.hostNames().get(b), g1Wait, stop, caughtUp, Duration.between(startedAt, end),
                Duration.between(t0, end));
        timings.add(t);
        Optional<String> says = watch.history.isEmpty() ? Optional.empty()
                : watch.history.get(watch.history.size() - 1).broker(b).flatMap(x -> x.brokerVersion());
        say(b, String.format("G2 passed: back%s, caught up in %.1f s after start, leading its preferred partitions (broker total %.1f s)",
                says.map(v -> " (the broker says Kafka " + v + ")").orElse(""), secs(caughtUp), secs(t.total())));
        journal(Optional.of(b), "broker rolled", "DONE", String.format("total %.1f s", secs(t.total())));
        return Optional.empty();
    }

    /** G2's state across samples: the history, when B caught up, elections asked for, whether its process died. */
    private final class G2Watch {
        final int broker;
        final String expected;
        final Instant startedAt;
        final List<ClusterSnapshot> history = new ArrayList<>();
        Optional<Instant> caughtUpAt = Optional.empty();
        /** Partition -> when B was last asked to lead it: asked again only after a while, each as soon as it is ready. */
        final Map<String, Instant> asked = new java.util.HashMap<>();
        Instant lastProcessCheck;
        int deadSamples;
        boolean startLogSettled;
        boolean died;
        String deadWhy = "";

        final ProcessWatch others;

        G2Watch(int broker, String expected, Instant startedAt, ProcessWatch others) {
            this.broker = broker;
            this.expected = expected;
            this.startedAt = startedAt;
            this.lastProcessCheck = startedAt;
            this.others = others;
        }

        GateVerdict judge(ClusterSnapshot sample) {
            // checked on every sample, the confirming one included: a second failure halts at once
            Optional<String> secondFailure = others.gone();
            if (secondFailure.isPresent()) {
                return GateVerdict.refuse(secondFailure.get() + " while " + label(broker) + " was being rolled; two brokers went down at once: "
                        + "find out why before rolling on");
            }
            ClusterSnapshot s = sample;
            if (!startLogSettled) {
                // the broker's own word: its announced version and log-loading progress, read until it is settled
                readHost(broker);
                s = ctx.collector().withLatestHostFacts(sample, broker);
                // a broker that logs nothing to its unit's journal has nothing more to say once it registered
                startLogSettled = s.broker(broker).map(b -> b.registered() && !b.recovering()
                        && (b.brokerVersion().isPresent() || !b.startLogRead())).orElse(false);
            }
            history.add(s);
            boolean registered = s.broker(broker).map(x -> x.registered()).orElse(false);
            if (registered && caughtUpAt.isEmpty() && ClusterHealth.underReplicated(s).isEmpty()) caughtUpAt = Optional.of(s.takenAt());
            if (!registered) {
                Optional<String> dead = processDead();
                if (dead.isPresent()) {
                    died = true;
                    deadWhy = dead.get();
                    return GateVerdict.refuse(label(broker) + " " + dead.get());
                }
            }
            GateVerdict v = BrokerGate.afterStart(broker, expected, startedAt, new SnapshotHistory(history), ctx.settings());
            List<PartitionState> toLead = BrokerGate.awaitingPreferredLeader(s, broker);
            // Each partition goes back to B as soon as B is in its ISR (caught up there, so never to a lagging replica) and the
            // gate's last samples only confirm. Through ZooKeeper one election runs at a time: a busy znode is retried later.
            List<PartitionState> ready;
            if (caughtUpAt.isPresent()) ready = toLead;
            else if (!registered) ready = List.of();
            else ready = toLead.stream().filter(p -> p.isr().contains(broker)).toList();
            Instant at = s.takenAt();
            ready = ready.stream().filter(p -> asked.getOrDefault(p.name(), Instant.EPOCH).plusSeconds(2).isBefore(at)).toList();
            if (!ready.isEmpty() && electPreferred(broker, ready)) ready.forEach(p -> asked.put(p.name(), at));
            return v;
        }

        /** A unit that is not running a few seconds after start (crashed, or waiting to restart) cannot register. */
        private Optional<String> processDead() {
            Instant now = ctx.clock().instant();
            if (Duration.between(lastProcessCheck, now).toMillis() < 2500) return Optional.empty();
            lastProcessCheck = now;
            try {
                String state = ctx.hosts().get(broker).run("systemctl is-active " + InstallLayout.KAFKA_UNIT + "; systemctl show -p NRestarts --value "
                        + InstallLayout.KAFKA_UNIT).stdout().strip().replace('\n', ' ');
                if (state.startsWith("active ") && state.endsWith(" 0")) {
                    deadSamples = 0;
                    return Optional.empty();
                }
                if (++deadSamples >= 2) return Optional.of("exited after its start (systemd: " + state + ")");
            } catch (IOException e) {
                // an unreachable host is G2's registration deadline to judge, not a dead process
            }
            return Optional.empty();
        }
    }

    /** Set once the controller turned the Admin API election down (before 2.2): later elections of this roll go through ZooKeeper. */
    private boolean viaZooKeeper;

    /**
     * Host I/O on its own threads, one per host: the common pool has a single thread on a 2-core machine, which would read
     * three hosts one after another.
     */
    private final ExecutorService io = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "roll-host-io");
        t.setDaemon(true);
        return t;
    });

    /** Runs {@code work} for every host at once; a failure is thrown as the work threw it. */
    private <T> Map<Integer, T> onEveryHost(Collection<Integer> ids, Function<Integer, T> work) {
        Map<Integer, Future<T>> running = new LinkedHashMap<>();
        ids.forEach(id -> running.put(id, io.submit(() -> work.apply(id))));
        Map<Integer, T> done = new LinkedHashMap<>();
        for (Map.Entry<Integer, Future<T>> e : running.entrySet()) {
            try {
                done.put(e.getKey(), e.getValue().get());
            } catch (ExecutionException x) {
                if (x.getCause() instanceof RuntimeException r) throw r;
                throw new IllegalStateException(x.getCause());
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", x);
            }
        }
        return done;
    }

    /**
     * Admin electLeaders (brokers 2.2+); an older controller gets the ZooKeeper-based election.
     *
     * @return true when the request was taken (partitions that did not move are asked again later), false to retry at once
     */
    private boolean electPreferred(int broker, List<PartitionState> partitions) {
        if (viaZooKeeper) return electThroughZooKeeper(broker, partitions);
        Set<TopicPartition> tps = partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).collect(Collectors.toSet());
        try {
            // through a broker that was not just restarted: its client may still be reconnecting
            Admin admin = ctx.collector().adminAvoiding(Optional.of(broker));
            Map<TopicPartition, Optional<Throwable>> result = admin.electLeaders(ElectionType.PREFERRED, tps).partitions().get(15, TimeUnit.SECONDS);
            List<String> errors = result.entrySet().stream().filter(e -> e.getValue().isPresent())
                    .map(e -> e.getKey() + ": " + e.getValue().get().getMessage()).toList();
            say(broker, "preferred-leader election for " + tps.size() + " partition(s) (Admin API)"
                    + (errors.isEmpty() ? "" : "; not elected: " + String.join(", ", errors)));
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnsupportedVersionException) {
                viaZooKeeper = true;
                return electThroughZooKeeper(broker, partitions);
            }
            say(broker, "preferred-leader election: " + e.getCause().getMessage() + " (retried on the next sample)");
        } catch (Exception e) {
            say(broker, "preferred-leader election: " + e.getMessage() + " (retried on the next sample)");
        }
        return false;
    }

    private boolean electThroughZooKeeper(int broker, List<PartitionState> partitions) {
        String listed = "\"partitions\":[" + partitions.stream().map(p -> "{\"topic\":\"" + p.topic() + "\",\"partition\":" + p.partition() + "}")
                .collect(Collectors.joining(",")) + "]";
        String json = "{" + listed + "}";
        // the znode the controller watches, written from here; Kafka's own tool on the broker's host (a JVM start) is the fallback
        try {
            ZooKeeperWire.createPersistent(ZooKeeperWire.Connect.parse(ctx.zookeeperConnect()), "/admin/preferred_replica_election",
                    ("{\"version\":1," + listed + "}").getBytes(StandardCharsets.UTF_8), 5000);
            say(broker, "preferred-leader election for " + partitions.size() + " partition(s) through ZooKeeper's "
                    + "/admin/preferred_replica_election (the controller predates the ElectLeaders API of 2.2)");
            return true;
        } catch (ZooKeeperWire.Refused r) {
            if (r.code == ZooKeeperWire.NODE_EXISTS) {
                say(broker, "preferred-leader election: the controller is still working on the previous one (retried on the next sample)");
                return false;
            }
            say(broker, "preferred-leader election through ZooKeeper: " + r.getMessage() + "; trying Kafka's tool on the broker's host");
        } catch (IOException e) {
            say(broker, "preferred-leader election through ZooKeeper: " + e.getMessage() + "; trying Kafka's tool on the broker's host");
        }
        String file = "/tmp/orchestrator-preferred-" + broker + ".json";
        String cmd = "printf '%s' " + quote(json) + " > " + file + " && KAFKA_HEAP_OPTS=-Xmx64m LOG_DIR=/tmp " + InstallLayout.KAFKA_HOME
                + "/bin/kafka-run-class.sh kafka.admin.PreferredReplicaLeaderElectionCommand --zookeeper " + quote(ctx.zookeeperConnect())
                + " --path-to-json-file " + file + " 2>&1 | tail -3";
        try {
            CommandResult r = ctx.hosts().get(broker).run(cmd);
            say(broker, "preferred-leader election for " + partitions.size() + " partition(s) through ZooKeeper (the controller predates the"
                    + " ElectLeaders API of 2.2)" + (r.ok() ? "" : ": " + r.stdout().strip()));
            return r.ok();
        } catch (IOException e) {
            say(broker, "preferred-leader election through ZooKeeper failed: " + e.getMessage());
            return false;
        }
    }

    /** How far past the two-sample spacing the confirming sample is aimed, against jitter in how long a sample takes. */
    private static final Duration CONFIRM_MARGIN = Duration.ofMillis(50);

    /**
     * Polls a gate about every second until two agreeing passing samples, a refusal, or the wait limit.
     *
     * @param avoid        the broker the gate judges: samples are read through another
     * @param spare        the broker the next gate judges: read through only when no other answers
     * @param seed         recent samples, counted only as earlier agreeing samples
     * @param firstSample  a sample the caller just took and did not act on: as fresh as a new one
     */
    private GateVerdict poll(String gate, Optional<Integer> broker, Optional<Integer> avoid, Set<Integer> spare,
                             Function<ClusterSnapshot, GateVerdict> judge,
                             boolean electForG3, List<ClusterSnapshot> seed, Optional<ClusterSnapshot> firstSample) {
        Optional<ClusterSnapshot> next = firstSample;
        Agreement agreement = Agreement.of(ctx.settings());
        Duration spacing = ctx.settings().sampleSpacing();
        List<TimedVerdict> samples = new ArrayList<>();
        int seedCount = 0;
        for (ClusterSnapshot s : seed) {
            // a sample read from the broker this gate judges says nothing about it: skipped, not counted as failing
            if (avoid.isPresent() && s.readFrom().equals(avoid)) continue;
            GateVerdict v = judge.apply(s);
            if (v instanceof GateVerdict.Refuse) continue;
            samples.add(new TimedVerdict(s.takenAt(), v));
            seedCount++;
        }
        Instant start = ctx.clock().instant();
        Instant lastElection = Instant.EPOCH;
        String lastReported = "";
        Instant lastReportAt = Instant.EPOCH;
        Duration lastTake = Duration.ZERO;
        while (true) {
            GateVerdict v;
            Instant at;
            Instant sampleStart = ctx.clock().instant();
            try {
                ClusterSnapshot s;
                if (next.isPresent()) {
                    s = next.get();
                    next = Optional.empty();
                } else {
                    s = ctx.collector().take(avoid, spare);
                    lastTake = Duration.between(sampleStart, s.takenAt());
                }
                at = s.takenAt();
                v = judge.apply(s);
                if (electForG3 && broker.isEmpty() && !(v instanceof GateVerdict.Refuse)
                        && Duration.between(lastElection, at).toSeconds() >= 5) {
                    List<PartitionState> notPreferred = s.partitions().stream().filter(p -> !p.offline() && !p.ledByPreferred()).toList();
                    if (!notPreferred.isEmpty() && ClusterHealth.underReplicated(s).isEmpty()) {
                        lastElection = at;
                        electPreferred(notPreferred.get(0).preferredLeader(), notPreferred);
                    }
                }
            } catch (Exception e) {
                at = ctx.clock().instant();
                v = GateVerdict.waitFor("no broker answered the Admin API: " + e.getMessage());
            }
            if (v instanceof GateVerdict.Refuse) {
                journal(broker, gate, "HALTED", v.reason());
                return v;
            }
            samples.add(new TimedVerdict(at, v));
            GateVerdict decided = agreement.decide(samples);
            if (decided instanceof GateVerdict.Pass pass) {
                pass.warnings().forEach(w -> say(broker, gate + " warning: " + w));
                journal(broker, gate, "DONE", "");
                return decided;
            }
            Duration waited = Duration.between(start, ctx.clock().instant());
            if (waited.compareTo(ctx.settings().waitLimit()) >= 0) {
                journal(broker, gate, "HALTED", "timeout: " + decided.reason());
                return GateVerdict.refuse("still waiting after " + waited.toSeconds() + " s (limit " + ctx.settings().waitLimit().toSeconds()
                        + " s): " + decided.reason());
            }
            // one line per change of reason, or every 10 s, so a long wait is visible without flooding
            GateVerdict shown = v instanceof GateVerdict.Pass ? decided : v; // a passing sample still short of its agreeing partner
            String shape = shown.reason().replaceAll("\\d+ s\\b", "N s").replaceAll("\\d+ ms\\b", "N ms");
            if (shown instanceof GateVerdict.Wait && (!shape.equals(lastReported) || Duration.between(lastReportAt, at).toSeconds() >= 10)) {
                say(broker, gate + " waiting: " + brief(shown) + (seedCount > 0 && v instanceof GateVerdict.Pass
                        ? " (" + seedCount + " earlier sample(s) counted)" : ""));
                lastReported = shape;
                lastReportAt = at;
            }
            // a steady cadence (the time the sample itself took counts towards the interval), except that the sample which
            // can confirm a pass is aimed to land just past the spacing rather than up to a whole interval later
            Instant wake = sampleStart.plus(ctx.pollInterval());
            Duration took = lastTake;
            Optional<Instant> confirmAt = agreement.runStart(samples).map(r -> r.plus(spacing).minus(took).plus(CONFIRM_MARGIN));
            if (confirmAt.isPresent() && confirmAt.get().isBefore(wake.plus(ctx.pollInterval()))) wake = confirmAt.get();
            Duration pause = Duration.between(ctx.clock().instant(), wake);
            if (!pause.isNegative()) sleep(pause);
        }
    }

    /**
     * Controlled shutdown (SIGTERM through systemd), waited for on the host itself in one round trip: the stop ends when the
     * unit is inactive, not at the next poll from here. Never a kill: past the timeout the roll halts and the broker goes on.
     */
    private Optional<String> stop(int b) throws IOException {
        String unit = InstallLayout.KAFKA_UNIT;
        CommandResult r = ctx.hosts().get(b).run("systemctl stop --no-block " + unit + " && timeout " + ctx.settings().stopTimeout().toSeconds()
                + " sh -c 'while :; do case $(systemctl is-active " + unit + ") in inactive|failed) exit 0;; esac; sleep 0.1; done'");
        if (r.ok()) return Optional.empty();
        if (r.exitStatus() == 124) {
            return Optional.of(label(b) + " did not finish its controlled shutdown within " + ctx.settings().stopTimeout().toSeconds()
                    + " s; it was NOT killed: read its server.log, let it finish, then resume");
        }
        throw new IOException("systemctl stop " + unit + " exited " + r.exitStatus() + ": " + r.stderr().strip());
    }

    /** Reads the host's symlink, unit state and pins, and hands them to the collector. */
    public HostReading readHost(int b) {
        try {
            HostReading h = SnapshotCollector.parseHostFacts(ctx.hosts().get(b).run(
                    SnapshotCollector.hostFactsCommand(InstallLayout.KAFKA_HOME, InstallLayout.KAFKA_UNIT)).stdout());
            ctx.collector().hostRead(b, h);
            return h;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("reading the facts of " + label(b) + ": " + e.getMessage(), e);
        }
    }

    private Outcome halt(List<BrokerTiming> timings, Optional<Integer> broker, String reason) {
        say(broker, "HALTED: " + brief(reason) + " (full reasons in the journal " + ctx.journal() + ")");
        journal(broker, "halt", "HALTED", reason);
        for (int id : ctx.hostNames().keySet()) {
            Optional<HostReading> h = ctx.collector().host(id);
            ctx.out().println("  " + label(id) + ": " + h.map(r -> "runs " + r.version().orElse("?") + ", pins " + r.pins()
                    + ", unit " + (r.active() ? "active" : "not active")).orElse("not read"));
        }
        ctx.out().println("  other brokers were left untouched. After fixing the cause, resume with:");
        ctx.out().println("    " + ctx.resumeCommand());
        ctx.out().flush();
        return new Outcome.Halted(timings, broker, reason);
    }

    private CommandResult run(int b, String command) throws IOException {
        CommandResult r = ctx.hosts().get(b).run(command);
        if (!r.ok()) throw new IOException(command + " exited " + r.exitStatus() + ": " + r.stderr().strip());
        return r;
    }

    private void journal(Optional<Integer> broker, String step, String outcome, String detail) {
        String line = RollJournal.line(new JournalEntry(ctx.clock().instant(), phase, broker, step, JournalEntry.Outcome.valueOf(outcome), detail));
        try {
            Files.createDirectories(ctx.journal().toAbsolutePath().getParent());
            Files.writeString(ctx.journal(), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            ctx.out().println("warning: could not append to the journal " + ctx.journal() + ": " + e.getMessage());
        }
    }

    private String label(int b) { return "broker " + b + " (" + ctx.hostNames().get(b) + ")"; }

    private void say(int b, String text) { say(Optional.of(b), text); }

    private void say(Optional<Integer> b, String text) {
        synchronized (ctx.out()) {
            ctx.out().println("[" + phase + "] " + b.map(id -> "[" + ctx.hostNames().get(id) + "] ").orElse("") + text);
            ctx.out().flush();
        }
    }

    /** The first reasons and a count: fifty under-replicated partitions are one line, not fifty. */
    static String brief(GateVerdict v) { return brief(String.join("; ", v.reasons())); }

    static String brief(String reasons) {
        List<String> r = java.util.Arrays.stream(reasons.split("; (?=partition )")).toList();
        return r.size() <= 3 ? String.join("; ", r) : String.join("; ", r.subList(0, 3)) + "; and " + (r.size() - 3) + " more like it";
    }

    private static double secs(Duration d) { return d.toMillis() / 1000.0; }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
