package io.kafkaops.orchestrator.gate;

import java.util.OptionalLong;

/**
 * How far a broker's log recovery has come. Counts come from RemainingLogsToRecover /
 * RemainingSegmentsToRecover (Kafka 3.3+) or from the broker's start-up log (logs loaded so far);
 * any may be unknown.
 */
public record LogRecovery(OptionalLong remainingLogs, OptionalLong remainingSegments, OptionalLong loadedLogs) {

    public static LogRecovery unknownProgress() { return new LogRecovery(OptionalLong.empty(), OptionalLong.empty(),
            OptionalLong.empty()); }

    public static LogRecovery segmentsLeft(long segments) { return new LogRecovery(OptionalLong.empty(), OptionalLong.of(segments),
            OptionalLong.empty()); }

    public static LogRecovery loaded(long logs) { return new LogRecovery(OptionalLong.empty(), OptionalLong.empty(),
            OptionalLong.of(logs)); }

    /** True when a count moved the right way since {@code earlier}: the broker is getting somewhere. */
    public boolean advancedSince(LogRecovery earlier) {
        return less(remainingLogs, earlier.remainingLogs) || less(remainingSegments, earlier.remainingSegments)
                || less(earlier.loadedLogs, loadedLogs);
    }

    public String describe() {
        StringBuilder sb = new StringBuilder("recovering its logs");
        if (remainingLogs.isPresent() || remainingSegments.isPresent()) {
            sb.append(" (");
            remainingLogs.ifPresent(n -> sb.append(n).append(" logs"));
            if (remainingLogs.isPresent() && remainingSegments.isPresent()) sb.append(", ");
            remainingSegments.ifPresent(n -> sb.append(n).append(" segments"));
            sb.append(" left)");
        } else if (loadedLogs.isPresent()) {
            sb.append(" (").append(loadedLogs.getAsLong()).append(" logs loaded so far)");
        }
        return sb.toString();
    }

    private static boolean less(OptionalLong now, OptionalLong before) {
        return now.isPresent() && before.isPresent() && now.getAsLong() < before.getAsLong();
    }
}
