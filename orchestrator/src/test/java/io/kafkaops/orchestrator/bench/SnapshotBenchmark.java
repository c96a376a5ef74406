package io.kafkaops.orchestrator.bench;

import io.kafkaops.orchestrator.gate.ClusterSnapshot;
import io.kafkaops.orchestrator.host.BrokerStartLog;
import io.kafkaops.orchestrator.host.HostReading;
import io.kafkaops.orchestrator.kafka.SnapshotCollector;
import io.kafkaops.orchestrator.testkit.LoopbackKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Benchmark: what one gate sample ({@link SnapshotCollector#take}) costs on a real broker with 2,000 partitions
 * (200 topics x 10), and what each Admin call in it costs alone. A gate samples every second, so a sample must stay well
 * under that; the goal is in docs/figures.md. Root only (a PID namespace). Run with
 * `mvn -o -B test -Dgroups=benchmark -Dexcluded.groups=none -Dtest=SnapshotBenchmark`.
 */
@Tag("benchmark")
class SnapshotBenchmark {
    static final int TOPICS = 200;
    static final int PARTITIONS = 10;
    static final int SAMPLES = 30;
    /** The documented goal for the median sample at 2,000 partitions (docs/figures.md). */
    static final double GOAL_MEDIAN_MS = 100;

    @Test
    void aGateSampleOfTwoThousandPartitions() throws Exception {
        assumeThat(System.getProperty("user.name")).as("a PID namespace needs root").isEqualTo("root");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        try (LoopbackKafka kafka = LoopbackKafka.start()) {
            long t0 = System.nanoTime();
            kafka.createTopics("bench", TOPICS, PARTITIONS);
            System.out.printf("[bench] %d topics x %d partitions created in %.1f s%n", TOPICS, PARTITIONS, (System.nanoTime() - t0) / 1e9);
            try (Admin admin = kafka.admin()) {
                Set<String> names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(30, TimeUnit.SECONDS);
                List<ConfigResource> topics = names.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
                System.out.printf("[bench] alone, median of %d: listTopics %.1f ms, describeTopics(all) %.1f ms, "
                                + "describeConfigs(all topics) %.1f ms, describeConfigs(broker) %.1f ms%n", SAMPLES,
                        median(() -> admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(30, TimeUnit.SECONDS)),
                        median(() -> admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS)),
                        median(() -> admin.describeConfigs(topics).all().get(30, TimeUnit.SECONDS)),
                        median(() -> admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.BROKER, "0"))).all()
                                .get(30, TimeUnit.SECONDS)));
            }
            try (SnapshotCollector collector = new SnapshotCollector(kafka.connection(),
                    List.of(new SnapshotCollector.BrokerEndpoint(0, "loopback", kafka.bootstrap())),
                    List.of(new SnapshotCollector.ZooKeeperEndpoint(1, "loopback", LoopbackKafka.HOST, LoopbackKafka.ZK_PORT)),
                    Clock.systemUTC())) {
                // a 2.4+ broker: the sample also lists reassignments, as in a roll
                collector.hostRead(0, new HostReading(Optional.empty(), Optional.of(LoopbackKafka.KAFKA_VERSION), Map.of(), Map.of(), true,
                        BrokerStartLog.NOTHING));
                long c0 = System.nanoTime();
                ClusterSnapshot first = collector.take(Optional.empty());
                double firstMs = (System.nanoTime() - c0) / 1e6;
                assertThat(first.partitions()).hasSizeGreaterThanOrEqualTo(TOPICS * PARTITIONS);
                List<Double> ms = new ArrayList<>();
                for (int i = 0; i < SAMPLES; i++) {
                    long s = System.nanoTime();
                    collector.take(Optional.empty());
                    ms.add((System.nanoTime() - s) / 1e6);
                }
                Collections.sort(ms);
                double median = ms.get(ms.size() / 2);
                System.out.printf("[bench] take() on %d partitions: first %.0f ms, then median %.1f ms, p90 %.1f ms, max %.1f ms "
                                + "(goal: median under %.0f ms)%n", first.partitions().size(), firstMs, median,
                        ms.get(ms.size() * 9 / 10), ms.get(ms.size() - 1), GOAL_MEDIAN_MS);
                assertThat(median).as("median take() in ms at %d partitions", first.partitions().size()).isLessThan(GOAL_MEDIAN_MS);
            }
        }
    }

    private static double median(Callable<?> call) throws Exception {
        call.call();
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
            long s = System.nanoTime();
            call.call();
            ms.add((System.nanoTime() - s) / 1e6);
        }
        Collections.sort(ms);
        return ms.get(ms.size() / 2);
    }
}
