package io.kafkaops.orchestrator.gate;

/** The effective topic settings the gates need (topic override, else the broker default). */
public record TopicConfig(String topic, int minInsyncReplicas, boolean uncleanLeaderElection) {

    /** __consumer_offsets, __transaction_state: counted like any topic, named so operators recognise them. */
    public boolean internal() { return topic.startsWith("__"); }
}
