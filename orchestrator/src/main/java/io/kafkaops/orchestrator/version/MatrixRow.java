package io.kafkaops.orchestrator.version;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One row of upgrade/matrix.yml: which version change it covers and the rolls that perform it. */
public record MatrixRow(String name, ClusterMode mode, VersionStep step, VersionRange from, VersionRange to,
                        Optional<String> refuse, boolean pinsAtMostTarget, List<RollRule> rolls) {

    public MatrixRow {
        rolls = List.copyOf(rolls);
    }

    public boolean covers(ClusterMode mode, VersionStep step, KafkaVersion from, KafkaVersion to) {
        return this.mode == mode && this.step == step && this.from.contains(from) && this.to.contains(to);
    }

    /**
     * One roll as the matrix writes it; pin values are the tokens "from" / "to". {@code nodes}: who it restarts (KRaft:
     * controllers before brokers); {@code finalizeFeatures}: no restart, the release's KRaft feature levels are set instead.
     */
    public record RollRule(String name, boolean binaries, Map<String, String> pin, List<String> remove,
                           List<String> removeTopicConfigs, Optional<String> pointOfNoReturn, Nodes nodes, boolean finalizeFeatures) {
        public RollRule {
            pin = Collections.unmodifiableMap(new LinkedHashMap<>(pin));
            remove = List.copyOf(remove);
            removeTopicConfigs = List.copyOf(removeTopicConfigs);
        }
    }
}
