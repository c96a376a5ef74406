package io.kafkaops.orchestrator.gate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * G0.5: topics a roll will hurt, found before anything restarts. RF 1 and RF <= min.insync.replicas
 * refuse the roll unless the operator allowed that topic; unclean leader election only warns.
 */
public record RiskReport(List<String> refusals, List<String> warnings) {

    public RiskReport {
        refusals = List.copyOf(refusals);
        warnings = List.copyOf(warnings);
    }

    public static RiskReport of(ClusterSnapshot s, GateSettings settings) {
        Map<String, List<PartitionState>> byTopic = new LinkedHashMap<>();
        s.partitions().forEach(p -> byTopic.computeIfAbsent(p.topic(), t -> new ArrayList<>()).add(p));
        List<String> refusals = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        byTopic.forEach((topic, partitions) -> {
            TopicConfig config = s.topics().get(topic);
            String name = "topic " + topic + (config.internal() ? " (internal)" : "");
            int rf = partitions.stream().mapToInt(PartitionState::replicationFactor).min().orElseThrow();
            String risk = null;
            if (rf == 1) {
                risk = name + " has replication factor 1: each partition goes offline while its broker restarts";
            } else if (rf <= config.minInsyncReplicas()) {
                risk = name + " has replication factor " + rf + " <= min.insync.replicas " + config.minInsyncReplicas()
                        + ": acks=all producers to it are blocked while any of its brokers restarts";
            }
            if (risk != null && settings.allowedAtRisk(topic)) {
                warnings.add(risk + " (allowed by the operator for this roll)");
            } else if (risk != null) {
                refusals.add(risk + "; raise its replication factor, or allow this topic explicitly to roll anyway");
            }
            if (config.uncleanLeaderElection()) {
                warnings.add(name + " has unclean.leader.election.enable=true: during a roll an out-of-sync replica can"
                        + " become leader and acknowledged messages can be lost");
            }
        });
        return new RiskReport(refusals, warnings);
    }
}
