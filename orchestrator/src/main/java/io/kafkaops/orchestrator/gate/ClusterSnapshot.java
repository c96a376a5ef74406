package io.kafkaops.orchestrator.gate;

import io.kafkaops.orchestrator.version.ClusterMode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the gates decide on, as read at one moment. The collector (Admin API, four-letter
 * words, host facts) fills it; gates never talk to the cluster themselves.
 *
 * @param brokers      inventory brokers (registered or not) plus registered brokers missing from the inventory
 * @param controllerId the active controller (ZooKeeper mode: describeCluster; KRaft: the quorum leader)
 * @param topics       effective config of every topic that has a partition here
 * @param readFrom     the broker whose metadata this is; the gates refuse to judge broker B from B's own view
 */
public record ClusterSnapshot(Instant takenAt, ClusterMode mode, Optional<Integer> readFrom, List<BrokerState> brokers,
                              Optional<Integer> controllerId,
                              List<PartitionState> partitions, Map<String, TopicConfig> topics,
                              List<Reassignment> reassignments, List<Throttle> throttles, MetadataQuorum quorum) {

    public ClusterSnapshot {
        brokers = brokers.stream().sorted(Comparator.comparingInt(BrokerState::id)).toList();
        partitions = List.copyOf(partitions);
        topics = Collections.unmodifiableMap(new LinkedHashMap<>(topics));
        reassignments = List.copyOf(reassignments);
        throttles = List.copyOf(throttles);
        for (PartitionState p : partitions) {
            // a missing topic config would silently mean min.insync.replicas=1: make the collector say it
            if (!topics.containsKey(p.topic())) throw new IllegalArgumentException("no topic config for " + p.name());
        }
    }

    /** The same moment with one broker's state replaced (facts read from its host just after the Admin API answered). */
    public ClusterSnapshot withBroker(BrokerState state) {
        List<BrokerState> replaced = new ArrayList<>(brokers.stream().filter(b -> b.id() != state.id()).toList());
        replaced.add(state);
        return new ClusterSnapshot(takenAt, mode, readFrom, replaced, controllerId, partitions, topics, reassignments, throttles, quorum);
    }

    public Optional<BrokerState> broker(int id) { return brokers.stream().filter(b -> b.id() == id).findFirst(); }

    public TopicConfig config(PartitionState p) { return topics.get(p.topic()); }

    public int minIsr(PartitionState p) { return config(p).minInsyncReplicas(); }

    public boolean underMinIsr(PartitionState p) { return !p.offline() && p.isr().size() < minIsr(p); }

    public List<PartitionState> partitionsOn(int broker) { return partitions.stream().filter(p -> p.hasReplicaOn(broker)).toList(); }

    /** Replicas not caught up (out of the ISR, or of an offline partition), summed: falls as the cluster heals. */
    public int replicasNotCaughtUp() {
        return partitions.stream().mapToInt(p -> p.offline() ? p.replicationFactor() : p.outOfSync().size()).sum();
    }

    public String brokerLabel(int id) { return broker(id).map(BrokerState::label).orElse("broker " + id); }
}
