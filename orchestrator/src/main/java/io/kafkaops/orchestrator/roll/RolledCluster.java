package io.kafkaops.orchestrator.roll;

import io.kafkaops.orchestrator.gate.ClusterSnapshot;
import io.kafkaops.orchestrator.gate.PartitionState;
import io.kafkaops.orchestrator.host.HostReading;
import io.kafkaops.orchestrator.kafka.LeaderElection.Election;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The cluster as the roll engine sees it: snapshots for the gates, host readings merged into them, elections. */
public interface RolledCluster {
    /**
     * A snapshot read through a broker other than {@code avoid} and, while another answers, other than those in {@code spare}.
     */
    ClusterSnapshot sample(Optional<Integer> avoid, Set<Integer> spare) throws Exception;

    /** Records what a broker's host said; later snapshots carry it. */
    void hostRead(int broker, HostReading reading);

    Optional<HostReading> host(int broker);

    /** The snapshot with the broker's host facts as last read (they may be newer than the snapshot). */
    ClusterSnapshot withLatestHostFacts(ClusterSnapshot snapshot, int broker);

    /** Asks for the preferred leaders of partitions whose preferred replica is {@code broker}. */
    Election electPreferred(int broker, List<PartitionState> partitions);
}
