package io.kafkaops.orchestrator.roll;

import io.kafkaops.orchestrator.Pause;

import io.kafkaops.orchestrator.gate.BrokerGate;
import io.kafkaops.orchestrator.gate.ClusterGate;
import io.kafkaops.orchestrator.gate.ClusterHealth;
import io.kafkaops.orchestrator.gate.ClusterSnapshot;
import io.kafkaops.orchestrator.gate.GateSettings;
import io.kafkaops.orchestrator.gate.GateVerdict;
import io.kafkaops.orchestrator.gate.PartitionState;
import io.kafkaops.orchestrator.gate.RollOrder;
import io.kafkaops.orchestrator.host.Fleet;
import io.kafkaops.orchestrator.host.HostReading;
import io.kafkaops.orchestrator.host.HostResult;
import io.kafkaops.orchestrator.host.ProcessWatch;
import io.kafkaops.orchestrator.install.InstallLayout;
import io.kafkaops.orchestrator.kafka.LeaderElection.Election;
import io.kafkaops.orchestrator.ssh.RemoteHost;
import io.kafkaops.orchestrator.version.ClusterMode;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static io.kafkaops.orchestrator.roll.JournalEntry.Outcome.DONE;
import static io.kafkaops.orchestrator.roll.JournalEntry.Outcome.HALTED;
import static io.kafkaops.orchestrator.roll.JournalEntry.Outcome.STARTED;

/**
 * The one rolling engine behind restart, binary roll, finalize and rollback: per broker in {@link RollOrder}, G1 ->
 * controlled stop -> the broker's {@link BrokerSwitch} -> start -> G2 -> preferred leaders back; G3 at the end. Decisions
 * are the pure gates' and {@link StartWatch}'s; this class reads, waits and acts through its ports (the hosts, the
 * {@link RolledCluster}). On a refusal or a timeout it halts and leaves every other broker untouched.
 */
public final class BrokerRoll {
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
     * @param resumeCommand printed on every halt, exactly as the operator should type it
     * @param leaseLost     why this run no longer holds the cluster's lease, if it does not: no broker is stopped then
     */
    public record Context(RolledCluster cluster, Map<Integer, RemoteHost> hosts, Map<Integer, String> hostNames, GateSettings settings,
                          Path journal, String resumeCommand, PrintWriter out, Clock clock, Duration pollInterval, Pause pause,
                          Supplier<Optional<String>> leaseLost) {}

    /** How many of a G2's last samples the next G1 counts. */
    private static final int SAMPLES_HANDED_ON = 6;
    private static final int SAMPLE_TRIES_BETWEEN_BROKERS = 3;
    private String lastSampleFailure = "";

    private final Context ctx;
    private final String phase;
    private final RollLog log;
    private final GatePoller poller;
    private final BrokerHosts brokers;
    /** The previous broker's last G2 snapshots: the next G1 judges them too, so a healthy cluster is not sampled twice over. */
    private List<ClusterSnapshot> recent = List.of();

    public BrokerRoll(Context ctx, String phase) {
        this.ctx = ctx;
        this.phase = phase;
        this.log = new RollLog(phase, ctx.hostNames(), ctx.out(), ctx.journal(), ctx.clock());
        this.poller = new GatePoller(ctx.cluster(), ctx.settings(), ctx.clock(), ctx.pollInterval(), ctx.pause(), log);
        this.brokers = new BrokerHosts(ctx.hosts(), ctx.cluster(), log::label);
    }

    /** Rolls every inventory broker its switch does not already hold for; halts on the first refusal or timeout. */
    public Outcome roll(Map<Integer, BrokerSwitch> switches, String targetVersion) {
        Instant prepareStart = ctx.clock().instant();
        List<BrokerTiming> timings = new ArrayList<>();
        Set<Integer> rolled = new LinkedHashSet<>();
        Set<Integer> ids = ctx.hostNames().keySet();
        try (Fleet fleet = new Fleet(ids.size())) {
            // every host read at once: one SSH round trip of time, not one per broker
            Map<Integer, HostResult<HostReading>> readings = fleet.onEach(ids, brokers::read);
            List<String> unread = failures(readings);
            if (!unread.isEmpty()) return halt(timings, Optional.empty(), "reading the hosts failed before any broker was stopped: "
                    + String.join("; ", unread));
            Map<Integer, HostReading> read = new LinkedHashMap<>();
            readings.forEach((id, r) -> read.put(id, ((HostResult.Done<HostReading>) r).value()));
            // a roll interrupted between a broker's stop and its start leaves that one broker stopped: it is finished first
            List<Integer> stoppedNow = ids.stream().filter(id -> !read.get(id).active()).toList();
            if (stoppedNow.size() > 1) {
                return halt(timings, Optional.empty(), stoppedNow.stream().map(log::label).collect(Collectors.joining(" and "))
                        + " are stopped (their units are not active): more than one broker is down; "
                        + "start them or find out why, then run the same command again");
            }
            // only a broker this tool stopped is started without G0 and G1: one stopped by someone else is theirs to start
            RollJournal.OpenRoll open = RollJournal.read(ctx.journal()).openRoll(phase);
            for (int b : stoppedNow) {
                if (!open.stoppedByUs().contains(b)) {
                    return halt(timings, Optional.empty(), log.label(b) + " is stopped (its unit is not active), and the journal "
                            + ctx.journal() + " has no stop of it by this tool in this phase: a broker stopped by someone else is not "
                            + "started without G0 and G1; start it yourself (or find out why it is down), then run the same command again");
                }
            }
            for (int id : ids) {
                if (switches.get(id).doneOn(read.get(id)) && !stoppedNow.contains(id)) {
                    log.say(id, "already done (" + switches.get(id).describe() + "): skipped");
                    rolled.add(id);
                }
            }
            // prepared on every host at once, so a broker's down time holds only the switch itself
            List<Integer> toPrepare = ids.stream().filter(id -> !rolled.contains(id)).toList();
            List<String> unprepared = failures(fleet.onEach(toPrepare, id -> brokers.write(id, switches.get(id).beforeStop())));
            if (!unprepared.isEmpty()) {
                return halt(timings, Optional.empty(), "preparing the change failed before any broker was stopped: "
                        + String.join("; ", unprepared));
            }
            Instant begin = ctx.clock().instant();
            Duration prepared = Duration.between(prepareStart, begin);
            log.say(Optional.empty(), String.format("read and prepared %d broker host(s) in %.1f s; no broker was touched", ids.size(),
                    secs(prepared)));
            for (int b : stoppedNow) {
                boolean switched = switches.get(b).doneOn(read.get(b));
                log.say(b, "is stopped (its unit is not active), as a roll interrupted between its stop and its start leaves it: "
                        + (switched ? "starting it" : "applying the change and starting it") + ", then G2");
                Optional<String> failure = guarded(b, () -> startAndWatch(b, Optional.empty(), switches.get(b), timings,
                        ctx.clock().instant(),
                        Duration.ZERO, true, switched));
                if (failure.isPresent()) return halt(timings, Optional.of(b), failure.get());
                rolled.add(b);
            }
            Optional<ClusterSnapshot> last;
            while (true) {
                // the previous broker's confirming G2 sample, when it is as fresh as a new one would be
                Optional<ClusterSnapshot> latest = recent.isEmpty() ? Optional.empty() : Optional.of(recent.get(recent.size() - 1))
                        .filter(r -> Duration.between(r.takenAt(), ctx.clock().instant()).compareTo(ctx.pollInterval()) < 0);
                ClusterSnapshot s;
                if (latest.isPresent()) {
                    s = latest.get();
                } else {
                    Optional<ClusterSnapshot> taken = sampleBetweenBrokers();
                    if (taken.isEmpty()) return halt(timings, Optional.empty(), "no snapshot of the cluster after "
                            + SAMPLE_TRIES_BETWEEN_BROKERS + " tries: " + lastSampleFailure);
                    s = taken.get();
                }
                Optional<Integer> next = RollOrder.next(s, rolled);
                if (next.isEmpty()) {
                    last = Optional.of(s);
                    break;
                }
                int b = next.get();
                Set<Integer> afterB = new LinkedHashSet<>(rolled);
                afterB.add(b);
                Optional<Integer> upNext = RollOrder.next(s, afterB);
                Optional<String> failure = guarded(b, () -> rollOne(b, upNext, switches.get(b), timings, s));
                if (failure.isPresent()) return halt(timings, Optional.of(b), failure.get());
                rolled.add(b);
            }
            Instant g3Start = ctx.clock().instant();
            // the snapshot that found no broker left to roll is G3's first sample
            Function<ClusterSnapshot, GateVerdict> g3 = s -> ClusterGate.afterRoll(s, targetVersion, ctx.settings());
            GateVerdict g3Verdict = poller.poll("G3", Optional.empty(), Optional.empty(), Set.of(), g3, g3WithElections(g3), recent, last);
            if (!(g3Verdict instanceof GateVerdict.Pass)) return halt(timings, Optional.empty(), "G3 after the roll: "
                    + g3Verdict.reason());
            Duration wall = Duration.between(begin, ctx.clock().instant());
            log.journal(Optional.empty(), "G3", DONE, "");
            return new Outcome.Completed(timings, prepared, wall, Duration.between(g3Start, ctx.clock().instant()));
        }
    }

    /** Between brokers (no broker down), a failed sample is taken again a few times before the roll halts: a glitch is not an outage. */
    private Optional<ClusterSnapshot> sampleBetweenBrokers() {
        for (int i = 0; i < SAMPLE_TRIES_BETWEEN_BROKERS; i++) {
            if (i > 0) ctx.pause().sleep(ctx.settings().sampleSpacing());
            try {
                return Optional.of(ctx.cluster().sample(Optional.empty(), Set.of()));
            } catch (Exception e) {
                lastSampleFailure = String.valueOf(e.getMessage());
                log.say(Optional.empty(), "no snapshot of the cluster (" + (i + 1) + " of " + SAMPLE_TRIES_BETWEEN_BROKERS + "): "
                        + lastSampleFailure);
            }
        }
        return Optional.empty();
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
            if (i > 0) ctx.pause().sleep(ctx.settings().sampleSpacing());
            try {
                ClusterSnapshot s = ctx.cluster().sample(Optional.empty(), firstToRoll);
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
            pass.warnings().forEach(w -> log.say(Optional.empty(), "G0 warning: " + w));
            log.say(Optional.empty(), "G0 passed: every broker registered, nothing offline or under-replicated, "
                    + (samples.get(0).mode() == ClusterMode.KRAFT ? "the KRaft quorum caught up" : "ZooKeeper healthy"));
            log.journal(Optional.empty(), "G0", DONE, String.join("; ", pass.warnings()));
        } else {
            last.reasons().forEach(r -> log.say(Optional.empty(), "G0 REFUSED: " + r));
            log.journal(Optional.empty(), "G0", HALTED, last.reason());
        }
        return last;
    }

    /**
     * @param upNext the broker expected to roll after B: G2's samples are read through another one, so its G1 can count them
     * @return empty when the broker is back and caught up, else why the roll must halt
     */
    private Optional<String> rollOne(int b, Optional<Integer> upNext, BrokerSwitch change, List<BrokerTiming> timings,
            ClusterSnapshot chosenFrom)
            throws IOException {
        // the snapshot that chose B is G1's first sample, unless it was read from B itself (G1 would only wait on it)
        Optional<ClusterSnapshot> orderedBy = Optional.of(chosenFrom).filter(s -> s.readFrom().map(r -> r != b).orElse(true));
        Instant t0 = ctx.clock().instant();
        log.say(b, "G1: checking it may stop");
        Function<ClusterSnapshot, GateVerdict> g1 = s -> BrokerGate.beforeStop(s, b, ctx.settings());
        GateVerdict verdict = poller.poll("G1", Optional.of(b), Optional.of(b), Set.of(), g1, g1, recent, orderedBy);
        recent = List.of();
        if (!(verdict instanceof GateVerdict.Pass)) return Optional.of("G1 before stopping " + log.label(b) + ": " + verdict.reason());
        Duration g1Wait = Duration.between(t0, ctx.clock().instant());
        log.say(b, String.format("G1 passed (%.1f s)", secs(g1Wait)));
        return startAndWatch(b, upNext, change, timings, t0, g1Wait, false, false);
    }

    /**
     * Stop (unless {@code alreadyStopped}), switch (unless {@code alreadySwitched}), start, G2; the other brokers' processes
     * are watched from before B stops until its G2 is decided.
     */
    private Optional<String> startAndWatch(int b, Optional<Integer> upNext, BrokerSwitch change, List<BrokerTiming> timings, Instant t0,
                                           Duration g1Wait, boolean alreadyStopped, boolean alreadySwitched) throws IOException {
        Map<Integer, RemoteHost> others = new LinkedHashMap<>(ctx.hosts());
        others.remove(b);
        try (ProcessWatch othersWatch = ProcessWatch.start(others, InstallLayout.KAFKA_UNIT, ctx.clock(), log::label)) {
            return switchStartAndGate(b, upNext, change, timings, t0, g1Wait, alreadyStopped, alreadySwitched, othersWatch);
        }
    }

    private Optional<String> switchStartAndGate(int b, Optional<Integer> upNext, BrokerSwitch change, List<BrokerTiming> timings,
            Instant t0,
                                                Duration g1Wait, boolean alreadyStopped, boolean alreadySwitched, ProcessWatch othersWatch)
            throws IOException {
        Duration stop = Duration.ZERO;
        if (!alreadyStopped) {
            Optional<String> lost = ctx.leaseLost().get();
            if (lost.isPresent()) return Optional.of("not stopping " + log.label(b) + ": " + lost.get());
            Instant stopAt = ctx.clock().instant();
            log.journal(Optional.of(b), "stop", STARTED, "");
            Optional<String> stopped = brokers.stop(b, ctx.settings().stopTimeout());
            if (stopped.isPresent()) return stopped;
            stop = Duration.between(stopAt, ctx.clock().instant());
            log.say(b, String.format("stopped (controlled shutdown, %.1f s)", secs(stop)));
            log.journal(Optional.of(b), "stop", DONE, String.format("%.1f s", secs(stop)));
        }
        Instant startedAt = ctx.clock().instant();
        brokers.switchAndStart(b, change, alreadySwitched);
        log.say(b, change.describe() + ": done; started; G2: waiting until it is registered and caught up");
        log.journal(Optional.of(b), "change", DONE, change.describe());
        log.journal(Optional.of(b), "start", DONE, "");

        StartWatch watch = new StartWatch(b, change.expectedVersion(), startedAt);
        Function<ClusterSnapshot, GateVerdict> g2 = s -> g2Sample(watch, othersWatch, s);
        GateVerdict verdict = poller.poll("G2", Optional.of(b), Optional.of(b), upNext.map(Set::of).orElse(Set.of()), g2, g2, List.of(),
                Optional.empty());
        recent = watch.last(SAMPLES_HANDED_ON);
        if (watch.died().isPresent()) {
            String why = watch.died().get();
            log.say(b, "did not start on the new setup (" + why + "): putting it back as it was");
            brokers.putBack(b, change);
            log.journal(Optional.of(b), "undo", DONE, why);
            return Optional.of(log.label(b) + " failed to start after \"" + change.describe() + "\" (" + why
                    + "); it was put back on its previous version and config and restarted");
        }
        if (!(verdict instanceof GateVerdict.Pass)) return Optional.of("G2 after starting " + log.label(b) + ": " + verdict.reason());
        Instant end = ctx.clock().instant();
        Duration caughtUp = Duration.between(startedAt, watch.caughtUpAt().orElse(end));
        BrokerTiming t = new BrokerTiming(b, ctx.hostNames().get(b), g1Wait, stop, caughtUp, Duration.between(startedAt, end),
                Duration.between(t0, end));
        timings.add(t);
        log.say(b, String.format("G2 passed: back%s, caught up in %.1f s after start, "
                + "leading its preferred partitions (broker total %.1f s)",
                watch.announcedVersion().map(v -> " (the broker says Kafka " + v + ")").orElse(""), secs(caughtUp), secs(t.total())));
        log.journal(Optional.of(b), "broker rolled", DONE, String.format("total %.1f s", secs(t.total())));
        return Optional.empty();
    }

    /** One G2 sample: what the hosts and the cluster say is read here, the watch judges it, elections follow. */
    private GateVerdict g2Sample(StartWatch watch, ProcessWatch othersWatch, ClusterSnapshot sample) {
        int b = watch.broker;
        // checked on every sample, the confirming one included: a second failure halts at once
        Optional<String> secondFailure = othersWatch.gone();
        if (secondFailure.isPresent()) {
            return GateVerdict.refuse(secondFailure.get() + " while " + log.label(b) + " was being rolled; two brokers went down at once: "
                    + "find out why before rolling on");
        }
        ClusterSnapshot s = sample;
        if (watch.wantsHostFacts()) {
            // the broker's own word: its announced version and log-loading progress, read until it is settled
            brokers.read(b);
            s = ctx.cluster().withLatestHostFacts(sample, b);
        }
        boolean registered = watch.observe(s);
        if (!registered && watch.processCheckDue(ctx.clock().instant())) {
            Optional<String> dead = watch.processState(brokers.unitState(b));
            if (dead.isPresent()) return GateVerdict.refuse(log.label(b) + " " + dead.get());
        }
        GateVerdict v = watch.verdict(ctx.settings());
        // each partition goes back to B as soon as it is ready, and the gate's last samples only confirm; through ZooKeeper one
        // election runs at a time: a busy znode is retried later
        List<PartitionState> ready = watch.readyToLead(s, registered);
        if (!ready.isEmpty() && elect(b, ready).taken()) watch.asked(ready, s.takenAt());
        return v;
    }

    /** G3 with elections: partitions not led by their preferred leader are handed back, at most every 5 s. */
    private Function<ClusterSnapshot, GateVerdict> g3WithElections(Function<ClusterSnapshot, GateVerdict> g3) {
        Instant[] lastElection = {Instant.EPOCH};
        return s -> {
            GateVerdict v = g3.apply(s);
            if (!(v instanceof GateVerdict.Refuse) && Duration.between(lastElection[0], s.takenAt()).toSeconds() >= 5) {
                List<PartitionState> notPreferred = s.partitions().stream().filter(p -> !p.offline() && !p.ledByPreferred()).toList();
                if (!notPreferred.isEmpty() && ClusterHealth.underReplicated(s).isEmpty()) {
                    lastElection[0] = s.takenAt();
                    elect(notPreferred.get(0).preferredLeader(), notPreferred);
                }
            }
            return v;
        };
    }

    private Election elect(int broker, List<PartitionState> partitions) {
        Election e = ctx.cluster().electPreferred(broker, partitions);
        e.said().forEach(line -> log.say(broker, line));
        return e;
    }

    private Outcome halt(List<BrokerTiming> timings, Optional<Integer> broker, String reason) {
        log.say(broker, "HALTED: " + RollLog.brief(reason) + " (full reasons in the journal " + ctx.journal() + ")");
        log.journal(broker, "halt", HALTED, reason);
        for (int id : ctx.hostNames().keySet()) {
            Optional<HostReading> h = ctx.cluster().host(id);
            log.plain("  " + log.label(id) + ": " + h.map(r -> "runs " + r.version().orElse("?") + ", pins " + r.pins()
                    + ", unit " + (r.active() ? "active" : "not active")).orElse("not read"));
        }
        log.plain("  other brokers were left untouched. After fixing the cause, resume with:");
        log.plain("    " + ctx.resumeCommand());
        return new Outcome.Halted(timings, broker, reason);
    }

    /** A step on broker {@code b}: an I/O failure there is why the roll halts, not a stack trace. */
    private Optional<String> guarded(int b, Step step) {
        try {
            return step.run();
        } catch (IOException | UncheckedIOException e) {
            return Optional.of("a step on " + log.label(b) + " failed: " + e.getMessage());
        }
    }

    @FunctionalInterface
    private interface Step {
        Optional<String> run() throws IOException;
    }

    private List<String> failures(Map<Integer, ? extends HostResult<?>> results) {
        return results.entrySet().stream().filter(e -> !e.getValue().ok()).map(e -> log.label(e.getKey()) + ": " + e.getValue().describe())
                .toList();
    }

    /** The first reasons and a count: fifty under-replicated partitions are one line, not fifty. */
    static String brief(GateVerdict v) { return RollLog.brief(String.join("; ", v.reasons())); }

    private static double secs(Duration d) { return d.toMillis() / 1000.0; }
}
