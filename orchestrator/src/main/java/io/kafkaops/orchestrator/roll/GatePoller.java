package io.kafkaops.orchestrator.roll;

import io.kafkaops.orchestrator.Pause;

import io.kafkaops.orchestrator.gate.Agreement;
import io.kafkaops.orchestrator.gate.ClusterSnapshot;
import io.kafkaops.orchestrator.gate.GateSettings;
import io.kafkaops.orchestrator.gate.GateVerdict;
import io.kafkaops.orchestrator.gate.TimedVerdict;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The cadence of a gate: a sample about every poll interval until two agreeing passing samples ({@link Agreement}), a
 * refusal, or the wait limit. It decides nothing itself; what a sample means is the step it is given.
 */
final class GatePoller {
    /** How far past the two-sample spacing the confirming sample is aimed, against jitter in how long a sample takes. */
    private static final Duration CONFIRM_MARGIN = Duration.ofMillis(50);

    private final RolledCluster cluster;
    private final GateSettings settings;
    private final Clock clock;
    private final Duration pollInterval;
    private final Pause pause;
    private final RollLog log;

    GatePoller(RolledCluster cluster, GateSettings settings, Clock clock, Duration pollInterval, Pause pause, RollLog log) {
        this.cluster = cluster;
        this.settings = settings;
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.pause = pause;
        this.log = log;
    }

    /**
     * @param broker      the broker the gate is about, for the output and the journal
     * @param avoid       the broker the gate judges: samples are read through another
     * @param spare       the broker the next gate judges: read through only when no other answers
     * @param judge       the pure gate, for the seed samples
     * @param step        what a new sample goes through: the gate, with whatever the caller observes beside it
     * @param seed        recent samples, counted only as earlier agreeing samples
     * @param firstSample a sample the caller just took and did not act on: as fresh as a new one
     */
    GateVerdict poll(String gate, Optional<Integer> broker, Optional<Integer> avoid, Set<Integer> spare,
            Function<ClusterSnapshot, GateVerdict> judge,
                     Function<ClusterSnapshot, GateVerdict> step, List<ClusterSnapshot> seed, Optional<ClusterSnapshot> firstSample) {
        Optional<ClusterSnapshot> next = firstSample;
        Agreement agreement = Agreement.of(settings);
        Duration spacing = settings.sampleSpacing();
        List<TimedVerdict> samples = new ArrayList<>();
        int seedCount = 0;
        for (ClusterSnapshot s : seed) {
            // a sample read from the broker this gate judges says nothing about it: skipped, not counted as failing
            if (avoid.isPresent() && s.readFrom().equals(avoid)) continue;
            GateVerdict v = judge.apply(s);
            // a past refusal does not refuse now, but no pass may span it: it counts as a failing sample between
            if (v instanceof GateVerdict.Refuse r) {
                samples.add(new TimedVerdict(s.takenAt(), GateVerdict.waitFor("an earlier sample refused: " + r.reason())));
                continue;
            }
            samples.add(new TimedVerdict(s.takenAt(), v));
            seedCount++;
        }
        Instant start = clock.instant();
        String lastReported = "";
        Instant lastReportAt = Instant.EPOCH;
        Duration lastTake = Duration.ZERO;
        while (true) {
            GateVerdict v;
            Instant at;
            Instant sampleStart = clock.instant();
            try {
                ClusterSnapshot s;
                if (next.isPresent()) {
                    s = next.get();
                    next = Optional.empty();
                } else {
                    s = cluster.sample(avoid, spare);
                    lastTake = Duration.between(sampleStart, s.takenAt());
                }
                at = s.takenAt();
                v = step.apply(s);
            } catch (Exception e) {
                at = clock.instant();
                v = GateVerdict.waitFor("no broker answered the Admin API: " + e.getMessage());
            }
            if (v instanceof GateVerdict.Refuse) {
                log.journal(broker, gate, JournalEntry.Outcome.HALTED, v.reason());
                return v;
            }
            samples.add(new TimedVerdict(at, v));
            GateVerdict decided = agreement.decide(samples);
            if (decided instanceof GateVerdict.Pass pass) {
                pass.warnings().forEach(w -> log.say(broker, gate + " warning: " + w));
                log.journal(broker, gate, JournalEntry.Outcome.DONE, "");
                return decided;
            }
            Duration waited = Duration.between(start, clock.instant());
            if (waited.compareTo(settings.waitLimit()) >= 0) {
                log.journal(broker, gate, JournalEntry.Outcome.HALTED, "timeout: " + decided.reason());
                return GateVerdict.refuse("still waiting after " + waited.toSeconds() + " s (limit " + settings.waitLimit().toSeconds()
                        + " s): " + decided.reason());
            }
            // one line per change of reason, or every 10 s, so a long wait is visible without flooding
            GateVerdict shown = v instanceof GateVerdict.Pass ? decided : v; // a passing sample still short of its agreeing partner
            String shape = shown.reason().replaceAll("\\d+ s\\b", "N s").replaceAll("\\d+ ms\\b", "N ms");
            if (shown instanceof GateVerdict.Wait && (!shape.equals(lastReported)
                    || Duration.between(lastReportAt, at).toSeconds() >= 10)) {
                log.say(broker, gate + " waiting: " + BrokerRoll.brief(shown) + (seedCount > 0 && v instanceof GateVerdict.Pass
                        ? " (" + seedCount + " earlier sample(s) counted)" : ""));
                lastReported = shape;
                lastReportAt = at;
            }
            // a steady cadence (the time the sample itself took counts towards the interval), except that the sample which
            // can confirm a pass is aimed to land just past the spacing rather than up to a whole interval later
            Instant wake = sampleStart.plus(pollInterval);
            Duration took = lastTake;
            Optional<Instant> confirmAt = agreement.runStart(samples).map(r -> r.plus(spacing).minus(took).plus(CONFIRM_MARGIN));
            if (confirmAt.isPresent() && confirmAt.get().isBefore(wake.plus(pollInterval))) wake = confirmAt.get();
            Duration wait = Duration.between(clock.instant(), wake);
            if (!wait.isNegative()) pause.sleep(wait);
        }
    }
}
