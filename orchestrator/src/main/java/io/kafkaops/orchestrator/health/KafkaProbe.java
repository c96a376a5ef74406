package io.kafkaops.orchestrator.health;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Thin Admin-API checks for provisioning: registered brokers, controller, canary round trip. */
public final class KafkaProbe implements AutoCloseable {
    public static final String CANARY_TOPIC = "__orchestrator_canary";
    private final String bootstrap;
    private final Admin admin;

    public KafkaProbe(String bootstrap) {
        this.bootstrap = bootstrap;
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        this.admin = Admin.create(p);
    }

    public record ClusterView(Set<Integer> brokerIds, Optional<Integer> controller) {}

    public ClusterView describe() throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
        DescribeClusterResult r = admin.describeCluster();
        Collection<Node> nodes = r.nodes().get(10, TimeUnit.SECONDS);
        Node controller = r.controller().get(10, TimeUnit.SECONDS);
        return new ClusterView(nodes.stream().map(Node::id).collect(Collectors.toSet()),
                controller == null || controller.id() < 0 ? Optional.empty() : Optional.of(controller.id()));
    }

    /** Creates the canary topic if needed, produces with acks=all and reads the record back. */
    public String canary(int replicationFactor, int minInsyncReplicas) throws Exception {
        try {
            admin.createTopics(List.of(new NewTopic(CANARY_TOPIC, 1, (short) replicationFactor)
                    .configs(Map.of("min.insync.replicas", String.valueOf(minInsyncReplicas))))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) throw e;
        }
        String value = "canary-" + UUID.randomUUID();
        Properties pp = new Properties();
        pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        pp.put(ProducerConfig.ACKS_CONFIG, "all");
        pp.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60000);
        pp.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15000);
        RecordMetadata meta;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(pp, new StringSerializer(), new StringSerializer())) {
            meta = producer.send(new ProducerRecord<>(CANARY_TOPIC, 0, null, value)).get(60, TimeUnit.SECONDS);
        }
        Properties cp = new Properties();
        cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(cp, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition tp = new TopicPartition(CANARY_TOPIC, 0);
            consumer.assign(List.of(tp));
            consumer.seek(tp, meta.offset());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (value.equals(r.value())) return "produced and consumed offset " + meta.offset() + " of " + CANARY_TOPIC;
                }
            }
        }
        throw new IllegalStateException("canary record at offset " + meta.offset() + " was acknowledged but not read back within 30 s");
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
