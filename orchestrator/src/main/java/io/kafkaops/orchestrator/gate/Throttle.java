package io.kafkaops.orchestrator.gate;

/**
 * A replication throttle config left on a broker or topic, e.g. broker 1
 * leader.replication.throttled.rate or topic orders follower.replication.throttled.replicas.
 */
public record Throttle(Scope scope, String entity, String config, String value) {
    public enum Scope { BROKER, TOPIC }

    public String describe() {
        return config + "=" + value + " on " + scope.name().toLowerCase() + " " + entity;
    }
}
