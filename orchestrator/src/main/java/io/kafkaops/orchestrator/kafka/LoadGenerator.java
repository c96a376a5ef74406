package io.kafkaops.orchestrator.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Kafka's own system-test method for a roll: an idempotent acks=all producer and a consumer run
 * throughout; afterwards every acknowledged record must have been consumed at the same
 * partition/offset with the same value, exactly once.
 */
public final class LoadGenerator implements AutoCloseable {
    /** The audit: {@code lost} = acked but never consumed at its offset; {@code duplicated} = a value consumed at more than one offset. */
    public record Report(long sent, long acked, long failed, long consumed, long lost, long duplicated, long mismatched) {
        public boolean clean() { return lost == 0 && duplicated == 0 && mismatched == 0 && failed == 0; }

        public String describe() {
            return "messages sent " + sent + ", acked " + acked + ", failed " + failed + ", consumed " + consumed + ", lost " + lost
                    + ", duplicated " + duplicated + ", at a different offset " + mismatched;
        }
    }

    private record Position(int partition, long offset) {}

    private final KafkaConnection connection;
    private final String topic;
    private final String group;
    private final int ratePerSecond;
    private final Map<Position, String> acked = new ConcurrentHashMap<>();
    private final Map<Position, String> consumed = new ConcurrentHashMap<>();
    private final Map<String, Integer> timesConsumed = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicBoolean producing = new AtomicBoolean(true);
    private final AtomicBoolean consuming = new AtomicBoolean(true);
    private final Thread producerThread;
    private final Thread consumerThread;
    private volatile String lastError = "";

    public LoadGenerator(KafkaConnection connection, String topic, String group, int ratePerSecond) {
        this.connection = connection;
        this.topic = topic;
        this.group = group;
        this.ratePerSecond = ratePerSecond;
        this.producerThread = new Thread(this::produce, "traffic-producer");
        this.consumerThread = new Thread(this::consume, "traffic-consumer");
    }

    public LoadGenerator start() {
        consumerThread.start();
        producerThread.start();
        return this;
    }

    private void produce() {
        try (KafkaProducer<String, String> producer = KafkaClients.producer(connection, Map.of(ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000, ProducerConfig.LINGER_MS_CONFIG, 5))) {
            long n = 0;
            long startNanos = System.nanoTime();
            while (producing.get()) {
                String value = "m-" + n;
                sent.incrementAndGet();
                producer.send(new ProducerRecord<>(topic, null, value), (meta, e) -> {
                    if (e != null) {
                        failed.incrementAndGet();
                        lastError = e.toString();
                    } else {
                        acked.put(new Position(meta.partition(), meta.offset()), value);
                    }
                });
                n++;
                long due = startNanos + n * 1_000_000_000L / ratePerSecond;
                long wait = due - System.nanoTime();
                if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void consume() {
        try (KafkaConsumer<String, String> consumer = KafkaClients.consumer(connection, Map.of(ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"))) {
            consumer.subscribe(List.of(topic));
            while (consuming.get()) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    Position at = new Position(r.partition(), r.offset());
                    // a rebalance re-delivers from the last commit: the same offset again is not a duplicate
                    if (consumed.putIfAbsent(at, r.value()) == null) timesConsumed.merge(r.value(), 1, Integer::sum);
                }
            }
        }
    }

    /** Stops the producer after it flushed everything in flight. */
    public void stopProducing() throws InterruptedException {
        producing.set(false);
        producerThread.join(Duration.ofMinutes(6).toMillis());
    }

    /** Waits until every acked record was consumed (or the time is up), then stops the consumer. */
    public Report finish(Duration limit) throws InterruptedException {
        stopProducing();
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline && !consumed.keySet().containsAll(acked.keySet())) Thread.sleep(200);
        consuming.set(false);
        consumerThread.join(10_000);
        return report();
    }

    public Report report() {
        long lost = acked.keySet().stream().filter(k -> !consumed.containsKey(k)).count();
        long mismatched = acked.entrySet().stream().filter(e -> consumed.containsKey(e.getKey())
                && !consumed.get(e.getKey()).equals(e.getValue())).count();
        long duplicated = timesConsumed.values().stream().filter(n -> n > 1).count();
        return new Report(sent.get(), acked.size(), failed.get(), consumed.size(), lost, duplicated, mismatched);
    }

    public long ackedSoFar() { return acked.size(); }

    public String lastError() { return lastError; }

    @Override
    public void close() throws InterruptedException {
        producing.set(false);
        consuming.set(false);
        producerThread.join(10_000);
        consumerThread.join(10_000);
    }
}
