package io.kafkaops.orchestrator.version;

/** Which Kafka nodes a phase restarts: the brokers, or (KRaft) the controllers, rolled before them. */
public enum Nodes {
    BROKERS("broker"), CONTROLLERS("controller");

    private final String word;

    Nodes(String word) { this.word = word; }

    /** "broker" or "controller", as the plan and the output say it. */
    public String word() { return word; }
}
