package io.kafkaops.orchestrator.install;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Whether a host's Kafka log dirs get {@code kafka-storage.sh format}: all unformatted -> format, all formatted for this
 * cluster and node -> nothing, anything else -> refuse. A formatted dir is never formatted again, so no
 * {@code --ignore-formatted} is ever emitted.
 */
public final class StorageFormat {
    static final String REPLACE_DISK_HINT = "see Apache's \"Replace a KRaft disk\" procedure "
            + "(https://kafka.apache.org/documentation/#kraft_storage): empty the dir only if its data is not needed, "
            + "then re-run";

    private StorageFormat() {}

    /** What a dir holds, as read from its meta.properties (absent, or its keys). */
    public record DirFacts(String dir, boolean empty, Optional<Map<String, String>> meta) {}

    public enum DirState { UNFORMATTED, FORMATTED, FOREIGN, ZOOKEEPER_MODE, NOT_EMPTY_NO_META }

    public sealed interface Decision permits Format, Nothing, Refuse {}
    public record Format(List<String> dirs) implements Decision {}
    public record Nothing() implements Decision {}
    public record Refuse(String reason, String hint) implements Decision {}

    public static DirState classify(DirFacts d, String clusterId, int nodeId) {
        if (d.meta().isEmpty()) return d.empty() ? DirState.UNFORMATTED : DirState.NOT_EMPTY_NO_META;
        Map<String, String> m = d.meta().get();
        // ZooKeeper-mode brokers write version=0 with broker.id (cluster.id appears once they met ZooKeeper's id). A broker
        // migrated to KRaft (KIP-866) keeps that file: this broker's id and the cluster's id make it formatted.
        if ("0".equals(m.get("version")) || !m.containsKey("node.id")) {
            boolean migrated = clusterId != null && clusterId.equals(m.get("cluster.id")) && String.valueOf(nodeId).equals(m.get("broker.id"));
            return migrated ? DirState.FORMATTED : DirState.ZOOKEEPER_MODE;
        }
        boolean same = clusterId != null && clusterId.equals(m.get("cluster.id"))
                && String.valueOf(nodeId).equals(m.get("node.id"));
        return same ? DirState.FORMATTED : DirState.FOREIGN;
    }

    /** The host's decision over all its dirs; {@code clusterId} is the one ClusterIdentity settled on. */
    public static Decision decide(String host, List<DirFacts> dirs, String clusterId, int nodeId) {
        Map<DirState, List<String>> by = dirs.stream().collect(Collectors.groupingBy(
                d -> classify(d, clusterId, nodeId), Collectors.mapping(DirFacts::dir, Collectors.toList())));
        if (by.containsKey(DirState.ZOOKEEPER_MODE))
            return new Refuse(host + ": " + by.get(DirState.ZOOKEEPER_MODE)
                    + " hold ZooKeeper-mode data of another broker or cluster (want cluster " + clusterId + ", broker " + nodeId + ")",
                    "a ZooKeeper-mode cluster moves to KRaft with `upgrade --to <its 3.9 release> --mode kraft` (docs/kraft.md), never "
                            + "by provision; a host of another cluster is not reused");
        if (by.containsKey(DirState.FOREIGN))
            return new Refuse(host + ": " + by.get(DirState.FOREIGN) + " formatted for another cluster or node id"
                    + " (want cluster " + clusterId + ", node " + nodeId + ")", REPLACE_DISK_HINT);
        if (by.containsKey(DirState.NOT_EMPTY_NO_META))
            return new Refuse(host + ": " + by.get(DirState.NOT_EMPTY_NO_META) + " not empty and without meta.properties",
                    REPLACE_DISK_HINT);
        if (by.containsKey(DirState.UNFORMATTED) && by.containsKey(DirState.FORMATTED))
            return new Refuse(host + ": " + by.get(DirState.FORMATTED) + " formatted but " + by.get(DirState.UNFORMATTED)
                    + " not", REPLACE_DISK_HINT);
        if (by.containsKey(DirState.UNFORMATTED)) return new Format(by.get(DirState.UNFORMATTED));
        return new Nothing();
    }

    /** The format command's arguments: static quorum, so no --standalone, --initial-controllers, --release-version. */
    public static List<String> formatArgs(String kafkaHome, String clusterId, String config) {
        return List.of(kafkaHome + "/bin/kafka-storage.sh", "format", "-t", clusterId, "-c", config);
    }
}
