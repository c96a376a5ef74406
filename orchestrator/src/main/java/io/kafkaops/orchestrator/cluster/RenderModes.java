package io.kafkaops.orchestrator.cluster;

import io.kafkaops.orchestrator.version.ClusterMode;

/**
 * Which metadata mode the configs of each kind of node are rendered for. A cluster renders in its own mode; a ZooKeeper ->
 * KRaft migration (KIP-866) moves brokers and controllers through the modes one roll at a time, so for a while they differ:
 * controllers in migration mode beside ZooKeeper-mode brokers, then migration-mode brokers, then KRaft brokers beside
 * controllers still in migration mode, then KRaft everywhere.
 *
 * @param brokers     ZOOKEEPER, MIGRATION (zookeeper.metadata.migration.enable with the quorum named) or KRAFT
 * @param controllers ZOOKEEPER (the controller hosts run nothing), MIGRATION or KRAFT
 */
public record RenderModes(ClusterMode brokers, ClusterMode controllers) {

    /** The cluster as its inventory says: ZooKeeper mode while it has an ensemble, KRaft without one. */
    public static RenderModes of(Cluster cluster) {
        return new RenderModes(cluster.mode(), cluster.mode());
    }

    /** How the cluster as a whole keeps its metadata: ZooKeeper or KRaft when both kinds agree, else it is migrating. */
    public ClusterMode cluster() {
        if (brokers == controllers && brokers != ClusterMode.MIGRATION) return brokers;
        return ClusterMode.MIGRATION;
    }

    /** Some node renders anything of KRaft: a quorum is named. */
    public boolean kraftAnywhere() {
        return brokers != ClusterMode.ZOOKEEPER || controllers != ClusterMode.ZOOKEEPER;
    }

    @Override
    public String toString() {
        return "brokers " + brokers.words() + ", controllers " + controllers.words();
    }
}
