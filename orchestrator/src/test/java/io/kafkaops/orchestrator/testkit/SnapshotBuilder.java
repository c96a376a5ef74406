package io.kafkaops.orchestrator.testkit;

import io.kafkaops.orchestrator.gate.BrokerState;
import io.kafkaops.orchestrator.gate.ClusterSnapshot;
import io.kafkaops.orchestrator.gate.LogRecovery;
import io.kafkaops.orchestrator.gate.MetadataQuorum;
import io.kafkaops.orchestrator.gate.PartitionState;
import io.kafkaops.orchestrator.gate.Reassignment;
import io.kafkaops.orchestrator.gate.Throttle;
import io.kafkaops.orchestrator.gate.TopicConfig;
import io.kafkaops.orchestrator.gate.ZooKeeperNode;

import io.kafkaops.orchestrator.gate.MetadataQuorum.KRaftQuorum;
import io.kafkaops.orchestrator.gate.MetadataQuorum.ZooKeeperEnsemble;
import io.kafkaops.orchestrator.version.ClusterMode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Test fixture: a healthy 3-broker ZooKeeper-mode cluster that each case bends in one place. */
public final class SnapshotBuilder {
    public static final Instant T0 = Instant.parse("2026-11-25T20:00:00Z");

    private Instant at = T0;
    private ClusterMode mode = ClusterMode.ZOOKEEPER;
    private final Map<Integer, BrokerState> brokers = new LinkedHashMap<>();
    private Optional<Integer> controller = Optional.of(1);
    private Optional<Integer> readFrom = Optional.empty();
    private final Map<String, PartitionState> partitions = new LinkedHashMap<>();
    private final Map<String, TopicConfig> topics = new LinkedHashMap<>();
    private final List<Reassignment> reassignments = new ArrayList<>();
    private final List<Throttle> throttles = new ArrayList<>();
    private MetadataQuorum quorum = healthyZooKeeper();

    /** Brokers 1-3 on 2.6.3, controller 1, orders (6 partitions, RF 3, min ISR 2), __consumer_offsets (3, RF 3, min ISR 2). */
    public static SnapshotBuilder healthy() {
        SnapshotBuilder b = new SnapshotBuilder();
        for (int id = 1; id <= 3; id++) {
            b.brokers.put(id, new BrokerState(id, Optional.of("kafka" + id), true, Optional.of("2.6.3"), Optional.of("2.6.3"), Map.of(), Optional.empty()));
        }
        return b.topic("orders", 6, 3, 2).topic("__consumer_offsets", 3, 3, 2);
    }

    public static ZooKeeperEnsemble healthyZooKeeper() {
        long zxid = (5L << 32) | 1200;
        return new ZooKeeperEnsemble(List.of(ZooKeeperNode.follower(1, "zk1", zxid), ZooKeeperNode.leader(2, "zk2", zxid, 2),
                ZooKeeperNode.follower(3, "zk3", zxid)));
    }

    public SnapshotBuilder at(Instant when) {
        at = when;
        return this;
    }

    public SnapshotBuilder at(long secondsAfterT0) {
        at = T0.plusSeconds(secondsAfterT0);
        return this;
    }

    /** A topic whose partitions rotate over brokers 1-3, fully in sync, led by the preferred leader. */
    public SnapshotBuilder topic(String name, int partitionCount, int rf, int minIsr) {
        topics.put(name, new TopicConfig(name, minIsr, false));
        partitions.keySet().removeIf(k -> k.startsWith(name + "-"));
        for (int p = 0; p < partitionCount; p++) {
            List<Integer> replicas = new ArrayList<>();
            for (int r = 0; r < rf; r++) replicas.add((p + r) % 3 + 1);
            partitions.put(name + "-" + p, new PartitionState(name, p, replicas, replicas, Optional.of(replicas.get(0))));
        }
        return this;
    }

    public SnapshotBuilder topicConfig(String name, int minIsr) {
        topics.put(name, new TopicConfig(name, minIsr, false));
        return this;
    }

    public SnapshotBuilder partition(String topic, int p, List<Integer> replicas, List<Integer> isr, Integer leader) {
        partitions.put(topic + "-" + p, new PartitionState(topic, p, replicas, isr, Optional.ofNullable(leader)));
        return this;
    }

    public SnapshotBuilder isr(String name, Integer... isr) {
        PartitionState p = partitions.get(name);
        Optional<Integer> leader = p.leader().filter(Arrays.asList(isr)::contains).or(() -> Optional.ofNullable(isr.length == 0 ? null : isr[0]));
        partitions.put(name, new PartitionState(p.topic(), p.partition(), p.replicas(), List.of(isr), leader));
        return this;
    }

    public SnapshotBuilder leader(String name, Integer leader) {
        PartitionState p = partitions.get(name);
        partitions.put(name, new PartitionState(p.topic(), p.partition(), p.replicas(), p.isr(), Optional.ofNullable(leader)));
        return this;
    }

    public SnapshotBuilder unclean(String topic) {
        TopicConfig t = topics.get(topic);
        topics.put(topic, new TopicConfig(topic, t.minInsyncReplicas(), true));
        return this;
    }

    public SnapshotBuilder broker(int id, UnaryOperator<BrokerState> change) {
        brokers.put(id, change.apply(brokers.get(id)));
        return this;
    }

    public SnapshotBuilder brokerState(BrokerState state) {
        brokers.put(state.id(), state);
        return this;
    }

    public SnapshotBuilder unregistered(int id) {
        return broker(id, b -> new BrokerState(id, b.host(), false, b.hostVersion(), Optional.empty(), b.pins(), b.recovery()));
    }

    public SnapshotBuilder recovering(int id, long segmentsLeft) {
        return broker(id, b -> new BrokerState(id, b.host(), b.registered(), b.hostVersion(), b.brokerVersion(), b.pins(),
                Optional.of(LogRecovery.segmentsLeft(segmentsLeft))));
    }

    public SnapshotBuilder loadingLogs(int id, long loaded) {
        return broker(id, b -> new BrokerState(id, b.host(), b.registered(), b.hostVersion(), b.brokerVersion(), b.pins(),
                Optional.of(LogRecovery.loaded(loaded)), true));
    }

    /** The broker's start-up log was read; {@code version} is what it announced (null: nothing yet). */
    public SnapshotBuilder startLog(int id, String version) {
        return broker(id, b -> new BrokerState(id, b.host(), b.registered(), b.hostVersion(), Optional.ofNullable(version), b.pins(),
                b.recovery(), true));
    }

    public SnapshotBuilder versions(int id, String host, String broker) {
        return broker(id, b -> new BrokerState(id, b.host(), b.registered(), Optional.ofNullable(host), Optional.ofNullable(broker), b.pins(),
                b.recovery()));
    }

    public SnapshotBuilder pins(int id, Map<String, String> pins) {
        return broker(id, b -> new BrokerState(id, b.host(), b.registered(), b.hostVersion(), b.brokerVersion(), pins, b.recovery()));
    }

    public SnapshotBuilder allBrokers(String version, Map<String, String> pins) {
        List.copyOf(brokers.keySet()).forEach(id -> versions(id, version, version).pins(id, pins));
        return this;
    }

    public SnapshotBuilder controller(Integer id) {
        controller = Optional.ofNullable(id);
        return this;
    }

    public SnapshotBuilder readFrom(int broker) {
        readFrom = Optional.of(broker);
        return this;
    }

    public SnapshotBuilder reassignment(Reassignment r) {
        reassignments.add(r);
        return this;
    }

    public SnapshotBuilder throttle(Throttle t) {
        throttles.add(t);
        return this;
    }

    public SnapshotBuilder quorum(MetadataQuorum q) {
        quorum = q;
        mode = q instanceof KRaftQuorum ? ClusterMode.KRAFT : ClusterMode.ZOOKEEPER;
        return this;
    }

    public ClusterSnapshot build() {
        return new ClusterSnapshot(at, mode, readFrom, List.copyOf(brokers.values()), controller, List.copyOf(partitions.values()),
                topics, reassignments, throttles, quorum);
    }
}
