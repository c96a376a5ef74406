package io.kafkaops.orchestrator.cluster;

/** What a host does in the cluster. */
public enum Role {
    ZOOKEEPER("ZooKeeper"), BROKER("broker"),
    /** A KRaft controller: a voter of the metadata quorum (process.roles=controller, or broker,controller on a combined node). */
    CONTROLLER("controller");

    private final String word;

    Role(String word) { this.word = word; }

    public String word() { return word; }
}
