package io.kafkaops.orchestrator.gate;

import java.util.List;

/** A partition reassignment in progress (listPartitionReassignments, or /admin/reassign_partitions). */
public record Reassignment(String topic, int partition, List<Integer> adding, List<Integer> removing) {
    public Reassignment {
        adding = List.copyOf(adding);
        removing = List.copyOf(removing);
    }

    public String name() { return topic + "-" + partition; }
}
