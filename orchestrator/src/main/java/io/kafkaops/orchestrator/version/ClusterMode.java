package io.kafkaops.orchestrator.version;

/** Where the cluster keeps its metadata; decides which matrix rows and gates apply. */
public enum ClusterMode {
    ZOOKEEPER("ZooKeeper mode"),
    /** KIP-866 hybrid: ZooKeeper-mode brokers (zookeeper.metadata.migration.enable) beside KRaft controllers that migrate the metadata. */
    MIGRATION("migration mode"),
    KRAFT("KRaft");

    private final String words;

    ClusterMode(String words) { this.words = words; }

    public String words() { return words; }
}
