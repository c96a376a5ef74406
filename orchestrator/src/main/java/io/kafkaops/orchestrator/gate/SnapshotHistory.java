package io.kafkaops.orchestrator.gate;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Snapshots in time order, oldest first; progress rules ("no ISR progress for a while") read it. */
public record SnapshotHistory(List<ClusterSnapshot> snapshots) {

    public SnapshotHistory {
        if (snapshots.isEmpty()) throw new IllegalArgumentException("a history needs at least one snapshot");
        snapshots = snapshots.stream().sorted(Comparator.comparing(ClusterSnapshot::takenAt)).toList();
    }

    public static SnapshotHistory of(ClusterSnapshot... snapshots) { return new SnapshotHistory(List.of(snapshots)); }

    public ClusterSnapshot latest() { return snapshots.get(snapshots.size() - 1); }

    public Instant now() { return latest().takenAt(); }

    /** Last time fewer replicas were behind (out of ISR or offline) than one sample before. */
    public Optional<Instant> lastIsrProgress() {
        for (int i = snapshots.size() - 1; i > 0; i--) {
            if (snapshots.get(i).replicasNotCaughtUp() < snapshots.get(i - 1).replicasNotCaughtUp()) {
                return Optional.of(snapshots.get(i).takenAt());
            }
        }
        return Optional.empty();
    }

    /** Last time the broker's remaining logs/segments to recover went down. */
    public Optional<Instant> lastRecoveryProgress(int broker) {
        for (int i = snapshots.size() - 1; i > 0; i--) {
            Optional<LogRecovery> now = snapshots.get(i).broker(broker).flatMap(BrokerState::recovery);
            Optional<LogRecovery> before = snapshots.get(i - 1).broker(broker).flatMap(BrokerState::recovery);
            if (now.isPresent() && before.isPresent() && now.get().advancedSince(before.get())) {
                return Optional.of(snapshots.get(i).takenAt());
            }
        }
        return Optional.empty();
    }

    /** First sample at or after {@code since} in which the broker was registered. */
    public Optional<Instant> firstRegistered(int broker, Instant since) {
        return snapshots.stream().filter(s -> !s.takenAt().isBefore(since))
                .filter(s -> s.broker(broker).map(BrokerState::registered).orElse(false))
                .map(ClusterSnapshot::takenAt).findFirst();
    }
}
