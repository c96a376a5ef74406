package io.kafkaops.orchestrator.roll;

import io.kafkaops.orchestrator.gate.ClusterSnapshot;
import io.kafkaops.orchestrator.gate.PartitionState;
import io.kafkaops.orchestrator.host.HostReading;
import io.kafkaops.orchestrator.kafka.LeaderElection;
import io.kafkaops.orchestrator.kafka.SnapshotCollector;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The running cluster: snapshots from the Admin API and ZooKeeper, elections through {@link LeaderElection}. */
record LiveCluster(SnapshotCollector collector, LeaderElection elections) implements RolledCluster {
    @Override
    public ClusterSnapshot sample(Optional<Integer> avoid, Set<Integer> spare) throws Exception { return collector.take(avoid, spare); }

    @Override
    public void hostRead(int broker, HostReading reading) { collector.hostRead(broker, reading); }

    @Override
    public Optional<HostReading> host(int broker) { return collector.host(broker); }

    @Override
    public ClusterSnapshot withLatestHostFacts(ClusterSnapshot snapshot,
            int broker) { return collector.withLatestHostFacts(snapshot, broker); }

    @Override
    public LeaderElection.Election electPreferred(int broker, List<PartitionState> partitions) {
        return elections.electPreferred(broker, partitions);
    }
}
