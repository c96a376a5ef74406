package io.kafkaops.orchestrator.gate;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The sampling rule: a check passes only when two samples at least {@code minSpacing} apart agree,
 * with no failing sample between them. A healthy wait (only leadership still moving back, the health
 * checks all passing) agrees on health: the preferred-leader election the roll itself asked for is
 * confirmed by the passing sample, not sampled twice over. Anything else is returned as the latest
 * sample says.
 */
public record Agreement(Duration minSpacing) {

    public static Agreement of(GateSettings settings) { return new Agreement(settings.sampleSpacing()); }

    public GateVerdict decide(List<TimedVerdict> samples) {
        if (samples.isEmpty()) return GateVerdict.waitFor("no sample taken yet");
        List<TimedVerdict> ordered = samples.stream().sorted(Comparator.comparing(TimedVerdict::at)).toList();
        TimedVerdict latest = ordered.get(ordered.size() - 1);
        if (!(latest.verdict() instanceof GateVerdict.Pass)) return latest.verdict();
        Duration agreed = Duration.between(runStart(ordered).orElseThrow(), latest.at());
        if (agreed.compareTo(minSpacing) >= 0) return latest.verdict();
        return GateVerdict.waitFor("passing samples span only " + agreed.toMillis() + " ms; a pass needs two samples at least "
                + minSpacing.toMillis() + " ms apart");
    }

    /**
     * When the run of healthy samples that ends with the latest one began; empty when the latest is not healthy. A sample
     * taken {@code minSpacing} after it can decide the pass.
     */
    public Optional<Instant> runStart(List<TimedVerdict> samples) {
        List<TimedVerdict> ordered = samples.stream().sorted(Comparator.comparing(TimedVerdict::at)).toList();
        if (ordered.isEmpty() || !healthy(ordered.get(ordered.size() - 1).verdict())) return Optional.empty();
        int i = ordered.size() - 1;
        while (i > 0 && healthy(ordered.get(i - 1).verdict())) i--;
        return Optional.of(ordered.get(i).at());
    }

    private static boolean healthy(GateVerdict v) {
        return v instanceof GateVerdict.Pass || v instanceof GateVerdict.Wait w && w.healthy();
    }
}
