package io.kafkaops.orchestrator.roll;

import io.kafkaops.orchestrator.gate.ClusterHealth;
import io.kafkaops.orchestrator.gate.ClusterSnapshot;
import io.kafkaops.orchestrator.gate.ControllerGate;
import io.kafkaops.orchestrator.gate.GateVerdict;
import io.kafkaops.orchestrator.gate.MetadataQuorum;
import io.kafkaops.orchestrator.gate.MetadataQuorum.KRaftQuorum;
import io.kafkaops.orchestrator.gate.RollOrder;
import io.kafkaops.orchestrator.host.HostReading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

import static io.kafkaops.orchestrator.roll.JournalEntry.Outcome.DONE;
import static io.kafkaops.orchestrator.roll.JournalEntry.Outcome.HALTED;
import static io.kafkaops.orchestrator.roll.JournalEntry.Outcome.STARTED;

/**
 * KRaft controllers, one at a time, before the brokers: G1 (stopping it leaves a caught-up majority of voters) -> controlled
 * stop -> start -> G2 (it is a caught-up voter again, its unit running); the order recomputed after each from the quorum
 * (lagging voters first, the leader last); at the end every voter caught up. The same cadence, journal and halt as the
 * broker engine; the controllers have no partitions, so no elections.
 */
public final class ControllerRoll {
    /** Before the first G2 sample that may find the controller dead: the JVM takes a few seconds to start. */
    private static final Duration PROCESS_CHECK_AFTER = Duration.ofSeconds(5);

    private final BrokerRoll.Context ctx;
    private final RollLog log;
    private final GatePoller poller;
    private final BrokerHosts controllers;
    private final Set<Integer> voters;

    public ControllerRoll(BrokerRoll.Context ctx, String phase) {
        this.ctx = ctx;
        this.log = new RollLog(phase, "controller", ctx.hostNames(), ctx.out(), ctx.journal(), ctx.clock());
        this.poller = new GatePoller(ctx.cluster(), ctx.settings(), ctx.clock(), ctx.pollInterval(), ctx.pause(), log);
        // the snapshots describe brokers: a controller's host reading handed to the cluster view is kept but never judged
        this.controllers = new BrokerHosts(ctx.hosts(), ctx.cluster(), log::label);
        this.voters = Set.copyOf(ctx.hostNames().keySet());
    }

    /**
     * @param switches      each controller's change: a plain restart, or new binaries (configs into the new directory, then the
     *                      link); a controller its switch already holds for is skipped
     * @param alreadyRolled controllers the unfinished run in the journal restarted (they are not restarted again)
     * @param stoppedByUs   controllers that run stopped and did not start again: the only stopped ones this roll starts
     * @return why the roll halted, or empty when every controller was rolled and the quorum is caught up
     */
    public Optional<String> roll(Map<Integer, BrokerSwitch> switches, Set<Integer> alreadyRolled, Set<Integer> stoppedByUs) {
        Set<Integer> rolled = new LinkedHashSet<>(alreadyRolled);
        alreadyRolled.forEach(c -> log.say(c, "already done by the earlier run of this phase: skipped"));
        try {
            for (int c : switches.keySet()) {
                if (rolled.contains(c)) continue;
                HostReading h = controllers.read(c);
                if (!h.active() && !stoppedByUs.contains(c)) {
                    // one stopped by someone else (disk work, an investigation) is theirs to start
                    return halt(Optional.of(c), log.label(c) + " is stopped (its unit is not active), and the journal " + ctx.journal()
                            + " has no stop of it by this tool in this phase: a controller stopped by someone else is not started "
                            + "without G0 and G1; start it yourself (or find out why it is down), then run the same command again");
                }
                if (switches.get(c).doneOn(h) && h.active()) {
                    log.say(c, "already done (" + switches.get(c).describe() + "): skipped");
                    rolled.add(c);
                } else {
                    // the new directory's configs before any stop, so a controller's down time holds only the switch
                    controllers.write(c, switches.get(c).beforeStop());
                }
            }
            while (true) {
                ClusterSnapshot s = ctx.cluster().sample(Optional.empty(), Set.of());
                Optional<Integer> next = RollOrder.nextController(quorum(s), rolled, ctx.settings());
                if (next.isEmpty()) break;
                Optional<String> failure = rollOne(next.get(), switches.get(next.get()), s);
                if (failure.isPresent()) return halt(Optional.of(next.get()), failure.get());
                rolled.add(next.get());
            }
            Function<ClusterSnapshot, GateVerdict> caughtUp = s -> {
                List<String> problems = ClusterHealth.quorum(quorum(s), voters, ctx.settings());
                return GateVerdict.of(List.of(), problems, List.of());
            };
            GateVerdict end = poller.poll("G3", Optional.empty(), Optional.empty(), Set.of(), caughtUp, caughtUp, List.of(),
                    Optional.empty());
            if (!(end instanceof GateVerdict.Pass)) return halt(Optional.empty(), "the quorum after the controllers: " + end.reason());
            log.say(Optional.empty(), "every controller restarted; the quorum has a leader and every voter caught up");
            log.journal(Optional.empty(), "G3", DONE, "");
            return Optional.empty();
        } catch (Exception e) {
            return halt(Optional.empty(), "the controllers' roll could not go on: " + e.getMessage());
        }
    }

    private Optional<String> rollOne(int c, BrokerSwitch change, ClusterSnapshot chosenFrom) throws IOException {
        Instant t0 = ctx.clock().instant();
        log.say(c, "G1: checking it may stop (the quorum keeps a caught-up majority without it)");
        Function<ClusterSnapshot, GateVerdict> g1 = s -> ControllerGate.beforeStop(quorum(s), c, voters, ctx.settings());
        GateVerdict verdict = poller.poll("G1", Optional.of(c), Optional.empty(), Set.of(), g1, g1, List.of(), Optional.of(chosenFrom));
        if (!(verdict instanceof GateVerdict.Pass)) return Optional.of("G1 before stopping " + log.label(c) + ": " + verdict.reason());
        log.say(c, String.format("G1 passed (%.1f s)", secs(Duration.between(t0, ctx.clock().instant()))));
        Optional<String> lost = ctx.leaseLost().get();
        if (lost.isPresent()) return Optional.of("not stopping " + log.label(c) + ": " + lost.get());
        Instant stopAt = ctx.clock().instant();
        log.journal(Optional.of(c), "stop", STARTED, "");
        Optional<String> stopped = controllers.stop(c, ctx.settings().stopTimeout());
        if (stopped.isPresent()) return stopped;
        Duration stop = Duration.between(stopAt, ctx.clock().instant());
        log.say(c, String.format("stopped (%.1f s)", secs(stop)));
        log.journal(Optional.of(c), "stop", DONE, String.format("%.1f s", secs(stop)));
        Instant startedAt = ctx.clock().instant();
        controllers.switchAndStart(c, change, false);
        log.journal(Optional.of(c), "change", DONE, change.describe());
        log.journal(Optional.of(c), "start", DONE, "");
        log.say(c, change.describe() + ": done; started; G2: waiting until it is a caught-up voter again, on Kafka "
                + change.expectedVersion());
        // the leader's own time at the first sample after the start: c must have caught up since (clock-free)
        long[] restartSeenAt = {-1};
        String[] died = {null};
        // the broker engine's reading of systemd: running with no restart since the start, two dead readings to be sure
        StartWatch process = new StartWatch(c, change.expectedVersion(), startedAt);
        Function<ClusterSnapshot, GateVerdict> g2 = s -> {
            KRaftQuorum q = quorum(s);
            if (restartSeenAt[0] < 0) {
                q.leaderId().flatMap(l -> q.voters().stream().filter(v -> v.id() == l).findFirst())
                        .flatMap(l -> l.lastCaughtUpTimestamp().isPresent() ? Optional.of(l.lastCaughtUpTimestamp().getAsLong())
                                : Optional.empty())
                        .ifPresent(t -> restartSeenAt[0] = t);
            }
            if (Duration.between(startedAt, ctx.clock().instant()).compareTo(PROCESS_CHECK_AFTER) >= 0) {
                Optional<String> dead = process.processState(controllers.unitState(c));
                if (dead.isPresent()) {
                    died[0] = dead.get();
                    return GateVerdict.refuse(log.label(c) + " " + dead.get() + "; read its server.log");
                }
            }
            GateVerdict v = ControllerGate.afterStart(q, c, ctx.settings(),
                    restartSeenAt[0] < 0 ? OptionalLong.empty() : OptionalLong.of(restartSeenAt[0]));
            if (!(v instanceof GateVerdict.Pass)) return v;
            // the controller's own word: the release its start log announces
            Optional<String> announced = announced(c);
            return announced.filter(change.expectedVersion()::equals).isPresent() ? v
                    : GateVerdict.waitFor(log.label(c) + " has not announced Kafka " + change.expectedVersion() + " in its start log yet"
                    + announced.map(a -> " (it says " + a + ")").orElse(""));
        };
        verdict = poller.poll("G2", Optional.of(c), Optional.empty(), Set.of(), g2, g2, List.of(), Optional.empty());
        if (died[0] != null) {
            // as the broker engine does: back on its previous version and config, started, and the roll halts
            log.say(c, "did not start on the new setup (" + died[0] + "): putting it back as it was");
            controllers.putBack(c, change);
            log.journal(Optional.of(c), "undo", DONE, died[0]);
            return Optional.of(log.label(c) + " failed to start after \"" + change.describe() + "\" (" + died[0]
                    + "); it was put back on its previous version and config and restarted");
        }
        if (!(verdict instanceof GateVerdict.Pass)) return Optional.of("G2 after starting " + log.label(c) + ": " + verdict.reason());
        Duration back = Duration.between(startedAt, ctx.clock().instant());
        log.say(c, String.format("G2 passed: a caught-up voter again %.1f s after its start (controller total %.1f s)", secs(back),
                secs(Duration.between(t0, ctx.clock().instant()))));
        log.journal(Optional.of(c), "controller rolled", DONE, String.format("stop %.1f s, back %.1f s", secs(stop), secs(back)));
        return Optional.empty();
    }

    private Optional<String> announced(int c) {
        try {
            HostReading h = controllers.read(c);
            return h.active() ? h.startLog().version() : Optional.empty();
        } catch (UncheckedIOException e) {
            return Optional.empty();
        }
    }

    private static KRaftQuorum quorum(ClusterSnapshot s) {
        if (s.quorum() instanceof MetadataQuorum.Migration m) return m.kraft();
        if (!(s.quorum() instanceof KRaftQuorum q)) throw new IllegalStateException("the snapshot holds no KRaft quorum");
        return q;
    }

    private Optional<String> halt(Optional<Integer> controller, String reason) {
        log.say(controller, "HALTED: " + RollLog.brief(reason) + " (full reasons in the journal " + ctx.journal() + ")");
        log.journal(controller, "halt", HALTED, reason);
        log.plain("  the other controllers and every broker were left untouched. After fixing the cause, resume with:");
        log.plain("    " + ctx.resumeCommand());
        return Optional.of(reason);
    }

    private static double secs(Duration d) { return d.toMillis() / 1000.0; }
}
