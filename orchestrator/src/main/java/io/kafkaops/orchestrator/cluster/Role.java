package io.kafkaops.orchestrator.cluster;

/** What a host does in the cluster. */
public enum Role {
    ZOOKEEPER("ZooKeeper"), BROKER("broker");

    private final String word;

    Role(String word) { this.word = word; }

    public String word() { return word; }
}
