package io.kafkaops.orchestrator.gate;

import java.util.List;
import java.util.Optional;

/** One partition's replicas, in-sync replicas and leader. The first replica is the preferred leader. */
public record PartitionState(String topic, int partition, List<Integer> replicas, List<Integer> isr,
                             Optional<Integer> leader) {

    public PartitionState {
        if (replicas.isEmpty()) throw new IllegalArgumentException(topic + "-" + partition + " has no replicas");
        replicas = List.copyOf(replicas);
        isr = List.copyOf(isr);
    }

    /** "orders-3", the name operators see in kafka-topics output. */
    public String name() { return topic + "-" + partition; }

    public int replicationFactor() { return replicas.size(); }

    public int preferredLeader() { return replicas.get(0); }

    public boolean offline() { return leader.isEmpty(); }

    public boolean fullyInSync() { return isr.size() == replicas.size() && isr.containsAll(replicas); }

    public boolean hasReplicaOn(int broker) { return replicas.contains(broker); }

    public boolean ledByPreferred() { return leader.isPresent() && leader.get() == preferredLeader(); }

    /** Replicas that are not in the ISR, in replica order. */
    public List<Integer> outOfSync() { return replicas.stream().filter(r -> !isr.contains(r)).toList(); }
}
