package io.kafkaops.orchestrator.kafka;

import io.kafkaops.orchestrator.host.BrokerStartLog;
import io.kafkaops.orchestrator.host.HostReading;
import io.kafkaops.orchestrator.zookeeper.FourLetterWords;

import io.kafkaops.orchestrator.gate.BrokerState;
import io.kafkaops.orchestrator.gate.ClusterSnapshot;
import io.kafkaops.orchestrator.gate.MetadataQuorum;
import io.kafkaops.orchestrator.gate.PartitionState;
import io.kafkaops.orchestrator.gate.Reassignment;
import io.kafkaops.orchestrator.gate.Throttle;
import io.kafkaops.orchestrator.gate.TopicConfig;
import io.kafkaops.orchestrator.gate.ZooKeeperNode;
import io.kafkaops.orchestrator.version.ClusterMode;
import io.kafkaops.orchestrator.version.KafkaVersion;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.PartitionReassignment;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Builds a {@link ClusterSnapshot} from the Admin API, ZooKeeper's srvr/mntr and the host facts it
 * is given. Thin I/O only: every decision is the gates'.
 */
public final class SnapshotCollector implements AutoCloseable {
    /** An inventory broker: its id, inventory host name and the address clients bootstrap from. */
    public record BrokerEndpoint(int id, String host, String bootstrap) {}

    /** An inventory ZooKeeper node. */
    public record ZooKeeperEndpoint(int myid, String host, String address, int port) {}

    private static final Set<String> THROTTLE_KEYS = Set.of("leader.replication.throttled.rate", "follower.replication.throttled.rate",
            "replica.alter.log.dirs.io.max.bytes.per.second");
    private static final Set<String> TOPIC_THROTTLE_KEYS = Set.of("leader.replication.throttled.replicas",
            "follower.replication.throttled.replicas");

    private final List<BrokerEndpoint> brokers;
    private final List<ZooKeeperEndpoint> zookeeper;
    private final Clock clock;
    /** The inventory's client settings; each broker's Admin client goes through that broker's own address. */
    private final KafkaConnection connection;
    private final Map<Integer, Admin> admins = new ConcurrentHashMap<>();
    private final Map<Integer, HostReading> hosts = new ConcurrentHashMap<>();
    /** Advances with every read order, so successive samples go through different brokers. */
    private final AtomicInteger turn = new AtomicInteger();
    /** How old the topic configs in a sample may be (a min.insync.replicas change reaches the gates within this). */
    static final Duration CONFIG_MAX_AGE = Duration.ofSeconds(10);
    /** Each topic's settings as last read, and when all of them were last read. */
    private final Map<String, TopicSettings> topicSettings = new ConcurrentHashMap<>();
    private volatile Instant configsReadAt;
    /** Brokers whose Admin API did not answer, and since when. */
    private final Map<Integer, Instant> silentSince = new ConcurrentHashMap<>();

    /** KRaft: the controllers (bootstrap.controllers); the quorum is read there, and the cluster's mode is KRAFT. */
    private final Optional<KafkaConnection> controllers;
    private volatile Admin controllerAdmin;

    /** A ZooKeeper-mode cluster: the ensemble's nodes keep the metadata. */
    public SnapshotCollector(KafkaConnection connection, List<BrokerEndpoint> brokers, List<ZooKeeperEndpoint> zookeeper, Clock clock) {
        this(connection, brokers, zookeeper, Optional.empty(), clock);
    }

    /** @param controllers a KRaft cluster's controllers: its quorum keeps the metadata (and the ensemble list is empty) */
    public SnapshotCollector(KafkaConnection connection, List<BrokerEndpoint> brokers, List<ZooKeeperEndpoint> zookeeper,
                             Optional<KafkaConnection> controllers, Clock clock) {
        this.connection = connection;
        this.brokers = List.copyOf(brokers);
        this.zookeeper = List.copyOf(zookeeper);
        this.controllers = controllers;
        this.clock = clock;
    }

    /** The cluster's mode as this collector reads it: KRaft when it reads a controller quorum, migrating when an ensemble too. */
    public ClusterMode mode() {
        if (controllers.isEmpty()) return ClusterMode.ZOOKEEPER;
        return zookeeper.isEmpty() ? ClusterMode.KRAFT : ClusterMode.MIGRATION;
    }

    /** Host facts change only when the roll changes them, so the caller sets them instead of every sample reading SSH. */
    public void hostRead(int broker, HostReading reading) { hosts.put(broker, reading); }

    public Optional<HostReading> host(int broker) { return Optional.ofNullable(hosts.get(broker)); }

    /** A snapshot read through a broker other than {@code avoid} (the one being rolled). */
    public ClusterSnapshot take(Optional<Integer> avoid) throws Exception { return take(avoid, Set.of()); }

    /**
     * A snapshot read through a broker other than {@code avoid} and, while another answers, other than those in {@code spare}
     * too (the brokers the next gate may judge: the samples taken now then count for that gate as well).
     */
    public ClusterSnapshot take(Optional<Integer> avoid, Set<Integer> spare) throws Exception {
        Exception last = null;
        for (BrokerEndpoint via : readOrder(avoid, spare)) {
            try {
                ClusterSnapshot s = takeVia(via);
                silentSince.remove(via.id());
                return s;
            } catch (Exception e) {
                last = e; // this broker did not answer; ask the next one
                silentSince.putIfAbsent(via.id(), clock.instant());
            }
        }
        throw new IllegalStateException("no broker answered the Admin API: " + (last == null ? "no brokers" : last.getMessage()), last);
    }

    List<BrokerEndpoint> readOrder(Optional<Integer> avoid, Set<Integer> spare) {
        List<BrokerEndpoint> order = new ArrayList<>(brokers.stream().filter(b -> avoid.isEmpty() || b.id() != avoid.get()).toList());
        // successive samples read through different brokers: the next gate (about another broker) then finds samples
        // among them that were not read from the broker it judges
        if (!order.isEmpty()) Collections.rotate(order, -Math.floorMod(turn.getAndIncrement(), order.size()));
        // a broker that did not answer is asked last: waiting out its timeouts would leave the gates blind for seconds
        Instant recently = clock.instant().minusSeconds(30);
        silentSince.values().removeIf(t -> t.isBefore(recently));
        order.sort(Comparator.comparing((BrokerEndpoint b) -> silentSince.containsKey(b.id())).thenComparing(b -> spare.contains(b.id())));
        // the rolled broker's own view is the last resort; the gates then say they cannot judge from it
        brokers.stream().filter(b -> avoid.isPresent() && b.id() == avoid.get()).forEach(order::add);
        return order;
    }

    private ClusterSnapshot takeVia(BrokerEndpoint via) throws Exception {
        Admin admin = admins.computeIfAbsent(via.id(), id -> admin(via.bootstrap()));
        DescribeClusterResult cluster = admin.describeCluster();
        Collection<Node> nodes = cluster.nodes().get(10, TimeUnit.SECONDS);
        Node controller = cluster.controller().get(10, TimeUnit.SECONDS);
        Set<Integer> registered = nodes.stream().map(Node::id).collect(Collectors.toSet());

        Set<String> names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(10, TimeUnit.SECONDS);
        Map<String, TopicDescription> described = names.isEmpty() ? Map.of()
                : admin.describeTopics(names).allTopicNames().get(15, TimeUnit.SECONDS);
        List<PartitionState> partitions = new ArrayList<>();
        for (TopicDescription t : described.values()) {
            for (TopicPartitionInfo p : t.partitions()) {
                Optional<Integer> leader = p.leader() == null || p.leader().id() < 0 ? Optional.empty() : Optional.of(p.leader().id());
                partitions.add(new PartitionState(t.name(), p.partition(), p.replicas().stream().map(Node::id).toList(),
                        p.isr().stream().map(Node::id).toList(), leader));
            }
        }
        partitions.sort(Comparator.comparing(PartitionState::topic).thenComparingInt(PartitionState::partition));

        // topic configs change only when an operator changes them: new topics are read at once, all of them at most
        // CONFIG_MAX_AGE apart (describing every topic's configs was half of each sample at 2,000 partitions)
        Instant now = clock.instant();
        boolean full = configsReadAt == null || !now.isBefore(configsReadAt.plus(CONFIG_MAX_AGE));
        List<ConfigResource> resources = new ArrayList<>();
        described.keySet().stream().filter(t -> full || !topicSettings.containsKey(t))
                .forEach(t -> resources.add(new ConfigResource(ConfigResource.Type.TOPIC, t)));
        registered.forEach(id -> resources.add(new ConfigResource(ConfigResource.Type.BROKER, String.valueOf(id))));
        Map<ConfigResource, Config> configs = resources.isEmpty() ? Map.of() : admin.describeConfigs(resources).all()
                .get(15, TimeUnit.SECONDS);
        List<Throttle> brokerThrottles = new ArrayList<>();
        Map<String, TopicSettings> read = new LinkedHashMap<>();
        for (Map.Entry<ConfigResource, Config> e : configs.entrySet()) {
            ConfigResource r = e.getKey();
            Config c = e.getValue();
            if (r.type() == ConfigResource.Type.TOPIC) {
                read.put(r.name(), TopicSettings.of(r.name(), c));
            } else {
                for (String key : THROTTLE_KEYS) {
                    ConfigEntry v = c.get(key);
                    // only dynamic overrides are leftovers of a reassignment; static defaults are the operator's choice
                    if (v != null && v.value() != null && isDynamic(v)) {
                        brokerThrottles.add(new Throttle(Throttle.Scope.BROKER, r.name(), key, v.value()));
                    }
                }
            }
        }
        if (full) {
            topicSettings.keySet().retainAll(described.keySet());
            configsReadAt = now;
        }
        topicSettings.putAll(read);
        Map<String, TopicConfig> topics = new LinkedHashMap<>();
        List<Throttle> throttles = new ArrayList<>();
        for (String t : new TreeMap<>(described).keySet()) {
            TopicSettings ts = topicSettings.get(t);
            // cannot happen (uncached topics were just read); a gate must never see a partition without its min ISR
            if (ts == null) throw new IllegalStateException("no configs were read for topic " + t);
            topics.put(t, ts.config());
            throttles.addAll(ts.throttles());
        }
        throttles.addAll(brokerThrottles);

        List<BrokerState> states = new ArrayList<>();
        for (BrokerEndpoint b : brokers) {
            HostReading h = hosts.get(b.id());
            states.add(h == null ? new BrokerState(b.id(), Optional.of(b.host()), registered.contains(b.id()), Optional.empty(),
                    Optional.empty(),
                    Map.of(), Optional.empty()) : stateOf(b, h, registered.contains(b.id())));
        }
        Set<Integer> known = brokers.stream().map(BrokerEndpoint::id).collect(Collectors.toSet());
        registered.stream().filter(id -> !known.contains(id))
                .forEach(id -> states.add(new BrokerState(id, Optional.empty(), true, Optional.empty(), Optional.empty(), Map.of(),
                        Optional.empty())));

        if (mode() == ClusterMode.MIGRATION) {
            // migrating: the ZooKeeper-mode brokers name their controller (a broker, or the quorum leader once it took over)
            return new ClusterSnapshot(clock.instant(), ClusterMode.MIGRATION, Optional.of(via.id()), states,
                    controller == null || controller.id() < 0 ? Optional.empty() : Optional.of(controller.id()),
                    partitions, topics, reassignments(admin), throttles, new MetadataQuorum.Migration(ensemble(), quorum()));
        }
        if (controllers.isPresent()) {
            // KRaft: brokers name a random broker as "controller"; the active controller is the quorum leader
            MetadataQuorum.KRaftQuorum q = quorum();
            return new ClusterSnapshot(clock.instant(), ClusterMode.KRAFT, Optional.of(via.id()), states, q.leaderId(),
                    partitions, topics, reassignments(admin), throttles, q);
        }
        return new ClusterSnapshot(clock.instant(), ClusterMode.ZOOKEEPER, Optional.of(via.id()), states,
                controller == null || controller.id() < 0 ? Optional.empty() : Optional.of(controller.id()),
                partitions, topics, reassignments(admin), throttles, ensemble());
    }

    /** describeMetadataQuorum through the controllers themselves (KIP-919): it answers while any broker is down. */
    public MetadataQuorum.KRaftQuorum quorum() throws Exception {
        Admin a = controllerAdmin;
        if (a == null) {
            synchronized (this) {
                if (controllerAdmin == null) controllerAdmin = KafkaClients.controllerAdmin(controllers.orElseThrow(), KafkaClients.SAMPLING);
                a = controllerAdmin;
            }
        }
        return KRaftReads.quorum(a, 10_000);
    }

    /** What a sample keeps of one topic's configs. */
    private record TopicSettings(TopicConfig config, List<Throttle> throttles) {
        static TopicSettings of(String topic, Config c) {
            int minIsr = Optional.ofNullable(c.get("min.insync.replicas")).map(ConfigEntry::value).map(Integer::parseInt).orElse(1);
            boolean unclean = Optional.ofNullable(c.get("unclean.leader.election.enable")).map(ConfigEntry::value)
                    .map(Boolean::parseBoolean).orElse(false);
            List<Throttle> throttles = new ArrayList<>();
            for (String key : TOPIC_THROTTLE_KEYS) {
                ConfigEntry v = c.get(key);
                if (v != null && v.value() != null && !v.value().isBlank()) throttles.add(new Throttle(Throttle.Scope.TOPIC, topic, key,
                        v.value()));
            }
            return new TopicSettings(new TopicConfig(topic, minIsr, unclean), List.copyOf(throttles));
        }
    }

    /** The broker's own word (start-up log) counts only while its unit runs: a stopped unit's last start says nothing now. */
    private static BrokerState stateOf(BrokerEndpoint b, HostReading h, boolean registered) {
        BrokerStartLog log = h.active() ? h.startLog() : BrokerStartLog.NOTHING;
        return new BrokerState(b.id(), Optional.of(b.host()), registered, h.version(), log.version(), h.pins(), log.recovery(),
                log.lines() > 0);
    }

    /** The snapshot with the broker's host facts as last read (they may be newer than the snapshot itself). */
    public ClusterSnapshot withLatestHostFacts(ClusterSnapshot s, int broker) {
        HostReading h = hosts.get(broker);
        Optional<BrokerEndpoint> b = brokers.stream().filter(e -> e.id() == broker).findFirst();
        if (h == null || b.isEmpty()) return s;
        boolean registered = s.broker(broker).map(BrokerState::registered).orElse(false);
        return s.withBroker(stateOf(b.get(), h, registered));
    }

    private static boolean isDynamic(ConfigEntry e) {
        return e.source() == ConfigEntry.ConfigSource.DYNAMIC_BROKER_CONFIG
                || e.source() == ConfigEntry.ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG;
    }

    /** listPartitionReassignments exists from Kafka 2.4; older clusters report none (their reassignments live in ZooKeeper only). */
    private List<Reassignment> reassignments(Admin admin) throws Exception {
        boolean supported = !brokers.isEmpty() && brokers.stream().allMatch(b -> Optional.ofNullable(hosts.get(b.id()))
                .flatMap(HostReading::version).flatMap(KafkaVersion::parse)
                .map(v -> v.compareMinor(new KafkaVersion(2, 4, 0)) >= 0).orElse(false));
        if (!supported) return List.of();
        Map<TopicPartition, PartitionReassignment> moving = admin.listPartitionReassignments().reassignments().get(10, TimeUnit.SECONDS);
        return moving.entrySet().stream().map(e -> new Reassignment(e.getKey().topic(), e.getKey().partition(),
                e.getValue().addingReplicas(), e.getValue().removingReplicas())).toList();
    }

    /** srvr for mode and zxid from every node, mntr for zk_synced_followers from the leader. */
    public MetadataQuorum.ZooKeeperEnsemble ensemble() {
        List<ZooKeeperNode> nodes = new ArrayList<>();
        for (ZooKeeperEndpoint z : zookeeper) {
            try {
                Map<String, String> srvr = fields(FourLetterWords.send(z.address(), z.port(), "srvr"), ":");
                String mode = srvr.getOrDefault("Mode", "");
                OptionalLong zxid = Optional.ofNullable(srvr.get("Zxid")).map(v -> OptionalLong.of(Long.decode(v)))
                        .orElse(OptionalLong.empty());
                ZooKeeperNode.Mode m = switch (mode) {
                    case "leader" -> ZooKeeperNode.Mode.LEADER;
                    case "follower" -> ZooKeeperNode.Mode.FOLLOWER;
                    case "observer" -> ZooKeeperNode.Mode.OBSERVER;
                    case "standalone" -> ZooKeeperNode.Mode.STANDALONE;
                    default -> ZooKeeperNode.Mode.UNREACHABLE;
                };
                OptionalInt synced = OptionalInt.empty();
                if (m == ZooKeeperNode.Mode.LEADER) {
                    String v = fields(FourLetterWords.send(z.address(), z.port(), "mntr"), "\t").get("zk_synced_followers");
                    if (v != null) synced = OptionalInt.of((int) Double.parseDouble(v));
                }
                nodes.add(new ZooKeeperNode(z.myid(), z.host(), m, zxid, synced));
            } catch (Exception e) {
                nodes.add(ZooKeeperNode.unreachable(z.myid(), z.host()));
            }
        }
        return new MetadataQuorum.ZooKeeperEnsemble(nodes);
    }

    private static Map<String, String> fields(String text, String separator) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int i = line.indexOf(separator);
            if (i > 0) out.put(line.substring(0, i).strip(), line.substring(i + separator.length()).strip());
        }
        return out;
    }

    private Admin admin(String bootstrap) {
        return KafkaClients.admin(connection.via(bootstrap), KafkaClients.SAMPLING);
    }

    /** Topics that set {@code key} on the topic itself (not inherited from the broker), with the value they set. */
    public Map<String, String> topicOverrides(String key) throws Exception {
        return throughAnyBroker(admin -> overrides(admin, key));
    }

    private static Map<String, String> overrides(Admin admin, String key) throws Exception {
        Set<String> names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(10, TimeUnit.SECONDS);
        if (names.isEmpty()) return Map.of();
        List<ConfigResource> resources = names.stream().sorted().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
        Map<String, String> out = new TreeMap<>();
        admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS).forEach((r, c) -> {
            ConfigEntry e = c.get(key);
            if (e != null && e.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG) out.put(r.name(), e.value());
        });
        return out;
    }

    /** Deletes the topic-level {@code key} of each topic (incrementalAlterConfigs, brokers 2.3+): the topics then follow the broker. */
    public void removeTopicOverride(Collection<String> topics, String key) throws Exception {
        if (topics.isEmpty()) return;
        Map<ConfigResource, Collection<AlterConfigOp>> ops = new LinkedHashMap<>();
        for (String t : topics) {
            ops.put(new ConfigResource(ConfigResource.Type.TOPIC, t), List.of(new AlterConfigOp(
                    new ConfigEntry(key, ""), AlterConfigOp.OpType.DELETE)));
        }
        throughAnyBroker(admin -> admin.incrementalAlterConfigs(ops).all().get(30, TimeUnit.SECONDS));
    }

    /** A call the Admin API of one broker answers. */
    @FunctionalInterface
    private interface AdminCall<T> {
        T on(Admin admin) throws Exception;
    }

    /**
     * The call through each broker in read order until one answers (a broker that did not is asked last for a while):
     * a resume plans while the broker a killed run stopped may still be down.
     */
    private <T> T throughAnyBroker(AdminCall<T> call) throws Exception {
        Exception last = null;
        for (BrokerEndpoint via : readOrder(Optional.empty(), Set.of())) {
            try {
                T result = call.on(admins.computeIfAbsent(via.id(), id -> admin(via.bootstrap())));
                silentSince.remove(via.id());
                return result;
            } catch (Exception e) {
                last = e;
                silentSince.putIfAbsent(via.id(), clock.instant());
            }
        }
        throw new IllegalStateException("no broker answered the Admin API: " + (last == null ? "no brokers" : last.getMessage()), last);
    }

    /** The Admin client of a broker other than {@code avoid}, for actions such as preferred-leader elections. */
    public Admin adminAvoiding(Optional<Integer> avoid) {
        BrokerEndpoint via = readOrder(avoid, Set.of()).get(0);
        return admins.computeIfAbsent(via.id(), id -> admin(via.bootstrap()));
    }

    @Override
    public void close() {
        admins.values().forEach(a -> a.close(Duration.ofSeconds(3)));
        if (controllerAdmin != null) controllerAdmin.close(Duration.ofSeconds(3));
    }

}
