package io.kafkaops.orchestrator.gate;

import java.util.OptionalLong;

/**
 * How far a broker's log recovery has come. Counts come from RemainingLogsToRecover /
 * RemainingSegmentsToRecover (Kafka 3.3+) or from the server log; either may be unknown.
 */
public record LogRecovery(OptionalLong remainingLogs, OptionalLong remainingSegments) {

    public static LogRecovery unknownProgress() { return new LogRecovery(OptionalLong.empty(), OptionalLong.empty()); }

    public static LogRecovery segmentsLeft(long segments) { return new LogRecovery(OptionalLong.empty(), OptionalLong.of(segments)); }

    /** True when either count went down since {@code earlier}: the broker is getting somewhere. */
    public boolean advancedSince(LogRecovery earlier) {
        return less(remainingLogs, earlier.remainingLogs) || less(remainingSegments, earlier.remainingSegments);
    }

    public String describe() {
        StringBuilder sb = new StringBuilder("recovering its logs");
        if (remainingLogs.isPresent() || remainingSegments.isPresent()) {
            sb.append(" (");
            remainingLogs.ifPresent(n -> sb.append(n).append(" logs"));
            if (remainingLogs.isPresent() && remainingSegments.isPresent()) sb.append(", ");
            remainingSegments.ifPresent(n -> sb.append(n).append(" segments"));
            sb.append(" left)");
        }
        return sb.toString();
    }

    private static boolean less(OptionalLong now, OptionalLong before) {
        return now.isPresent() && before.isPresent() && now.getAsLong() < before.getAsLong();
    }
}
