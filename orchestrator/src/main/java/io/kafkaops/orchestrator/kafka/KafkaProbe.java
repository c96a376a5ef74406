package io.kafkaops.orchestrator.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/** Thin Admin-API checks for provisioning: registered brokers, controller, canary round trip. */
public final class KafkaProbe implements AutoCloseable {
    public static final String CANARY_TOPIC = "__orchestrator_canary";
    private final KafkaConnection connection;
    private final Admin admin;

    public KafkaProbe(KafkaConnection connection) {
        this.connection = connection;
        this.admin = KafkaClients.admin(connection, KafkaClients.CHECKING);
    }

    public record ClusterView(Set<Integer> brokerIds, Optional<Integer> controller) {}

    public ClusterView describe() throws ExecutionException, InterruptedException, TimeoutException {
        DescribeClusterResult r = admin.describeCluster();
        Collection<Node> nodes = r.nodes().get(10, TimeUnit.SECONDS);
        Node controller = r.controller().get(10, TimeUnit.SECONDS);
        return new ClusterView(nodes.stream().map(Node::id).collect(Collectors.toSet()),
                controller == null || controller.id() < 0 ? Optional.empty() : Optional.of(controller.id()));
    }

    /** Creates the canary topic if needed, produces with acks=all and reads the record back. */
    public String canary(int brokers, int clusterMinInsyncReplicas) throws Exception {
        ensureCanaryTopic(brokers, clusterMinInsyncReplicas);
        Written w = produce("canary-" + UUID.randomUUID());
        if (readBack(w)) return "produced and consumed offset " + w.offset() + " of " + CANARY_TOPIC;
        throw new IllegalStateException("canary record at offset " + w.offset() + " was acknowledged but not read back within 30 s");
    }

    /** A record the cluster acknowledged (acks=all) on partition 0 of the canary topic. */
    public record Written(long offset, String value) {}

    /** RF 3 (fewer on smaller clusters), min ISR as the cluster's but never above the RF. */
    public void ensureCanaryTopic(int brokers, int clusterMinInsyncReplicas) throws Exception {
        int replicationFactor = Math.min(3, brokers);
        int minInsyncReplicas = Math.min(clusterMinInsyncReplicas, replicationFactor);
        try {
            admin.createTopics(List.of(new NewTopic(CANARY_TOPIC, 1, (short) replicationFactor)
                    .configs(Map.of("min.insync.replicas", String.valueOf(minInsyncReplicas))))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) throw e;
        }
    }

    public Written produce(String value) throws Exception {
        try (KafkaProducer<String, String> producer = KafkaClients.producer(connection, Map.of(ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60000, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15000))) {
            return new Written(producer.send(new ProducerRecord<>(CANARY_TOPIC, 0, null, value)).get(60, TimeUnit.SECONDS).offset(), value);
        }
    }

    /** True when the record is at its offset with its value (read within 30 s). */
    public boolean readBack(Written w) {
        try (KafkaConsumer<String, String> consumer = KafkaClients.consumer(connection, Map.of())) {
            TopicPartition tp = new TopicPartition(CANARY_TOPIC, 0);
            consumer.assign(List.of(tp));
            consumer.seek(tp, w.offset());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.offset() == w.offset()) return w.value().equals(r.value());
                }
            }
        }
        return false;
    }

    /** Every consumer group's committed offsets ("group" -> "topic-partition" -> offset). */
    public Map<String, Map<String, Long>> committedOffsets() throws Exception {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        for (var g : admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS)) {
            Map<String, Long> offsets = new TreeMap<>();
            admin.listConsumerGroupOffsets(g.groupId()).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS).forEach((tp, om) -> {
                if (om != null) offsets.put(tp.topic() + "-" + tp.partition(), om.offset());
            });
            out.put(g.groupId(), offsets);
        }
        return out;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
