package io.kafkaops.orchestrator.kafka;

import io.kafkaops.orchestrator.gate.ClusterSnapshot;
import io.kafkaops.orchestrator.gate.PartitionState;
import io.kafkaops.orchestrator.gate.Throttle;
import io.kafkaops.orchestrator.gate.TopicConfig;
import io.kafkaops.orchestrator.gate.ZooKeeperNode;
import io.kafkaops.orchestrator.gate.MetadataQuorum;
import io.kafkaops.orchestrator.host.BrokerStartLog;
import io.kafkaops.orchestrator.host.HostReading;
import io.kafkaops.orchestrator.testkit.Await;
import io.kafkaops.orchestrator.testkit.LoopbackKafka;
import io.kafkaops.orchestrator.testkit.ManualClock;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The collector's Admin-API path against a real broker (Kafka 3.9.2 on ZooKeeper 3.8.4, loopback, PID namespace):
 * partitions, leaders and ISR, topic and broker configs, throttles, the ensemble, failover past a broker that does
 * not answer, and how soon config changes reach a sample. An IT: the broker takes 10-40 s to start on a busy machine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SnapshotCollectorIT {
    LoopbackKafka kafka;

    @BeforeAll
    void start() throws Exception {
        assumeThat(System.getProperty("user.name")).as("a PID namespace needs root").isEqualTo("root");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        kafka = LoopbackKafka.start();
        try (Admin admin = kafka.admin()) {
            admin.createTopics(List.of(new NewTopic("strict", 3, (short) 1).configs(Map.of("min.insync.replicas", "2",
                    "leader.replication.throttled.replicas", "0:0")), new NewTopic("plain", 2, (short) 1))).all().get(60, TimeUnit.SECONDS);
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.BROKER, "0"), List.of(new AlterConfigOp(
                    new ConfigEntry("leader.replication.throttled.rate", "1000000"), AlterConfigOp.OpType.SET)))).all()
                    .get(60, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (kafka != null) kafka.close();
    }

    SnapshotCollector collector(Clock clock, SnapshotCollector.BrokerEndpoint... brokers) {
        SnapshotCollector c = new SnapshotCollector(kafka.connection(), List.of(brokers),
                List.of(new SnapshotCollector.ZooKeeperEndpoint(1, "zk-loopback", LoopbackKafka.HOST, LoopbackKafka.ZK_PORT)), clock);
        // a 2.4+ broker, so the sample lists reassignments too
        c.hostRead(0, new HostReading(Optional.empty(), Optional.of(LoopbackKafka.KAFKA_VERSION), Map.of(), Map.of(), true, BrokerStartLog.NOTHING));
        return c;
    }

    static SnapshotCollector.BrokerEndpoint theBroker(LoopbackKafka k) {
        return new SnapshotCollector.BrokerEndpoint(0, "loopback", k.bootstrap());
    }

    @Test
    void aSampleReadsLeadersIsrConfigsThrottlesAndTheEnsembleFromTheBroker() throws Exception {
        try (SnapshotCollector c = collector(Clock.systemUTC(), theBroker(kafka))) {
            ClusterSnapshot s = sampleUntil("both topics' partitions have a leader", () -> c.take(Optional.empty()),
                    snap -> snap.partitions().stream().filter(p -> p.topic().equals("strict") || p.topic().equals("plain"))
                            .filter(p -> p.leader().isPresent()).count() == 5);
            assertThat(s.readFrom()).contains(0);
            assertThat(s.controllerId()).contains(0);
            assertThat(s.broker(0).orElseThrow().registered()).isTrue();
            List<PartitionState> strict = s.partitions().stream().filter(p -> p.topic().equals("strict")).toList();
            assertThat(strict).extracting(PartitionState::partition).containsExactly(0, 1, 2);
            assertThat(strict).allSatisfy(p -> {
                assertThat(p.replicas()).containsExactly(0);
                assertThat(p.isr()).containsExactly(0);
                assertThat(p.leader()).contains(0);
            });
            assertThat(s.topics().get("strict")).isEqualTo(new TopicConfig("strict", 2, false));
            assertThat(s.topics().get("plain")).isEqualTo(new TopicConfig("plain", 1, false));
            assertThat(s.throttles()).contains(new Throttle(Throttle.Scope.TOPIC, "strict", "leader.replication.throttled.replicas", "0:0"),
                    new Throttle(Throttle.Scope.BROKER, "0", "leader.replication.throttled.rate", "1000000"));
            assertThat(s.reassignments()).isEmpty();
            assertThat(((MetadataQuorum.ZooKeeperEnsemble) s.quorum()).nodes()).extracting(ZooKeeperNode::mode)
                    .containsExactly(ZooKeeperNode.Mode.STANDALONE);
        }
    }

    @Test
    void aBrokerThatDoesNotAnswerIsPassedAndAskedLastNextTime() throws Exception {
        // nothing listens on this port: its Admin client times out, the sample comes through broker 0
        SnapshotCollector.BrokerEndpoint silent = new SnapshotCollector.BrokerEndpoint(7, "silent", LoopbackKafka.HOST + ":39099");
        try (SnapshotCollector c = collector(Clock.systemUTC(), silent, theBroker(kafka))) {
            assertThat(c.take(Optional.empty()).readFrom()).contains(0);
            ClusterSnapshot s = c.take(Optional.empty());
            assertThat(s.readFrom()).contains(0);
            assertThat(s.broker(7).orElseThrow().registered()).isFalse();
            assertThat(c.readOrder(Optional.empty(), java.util.Set.of())).extracting(SnapshotCollector.BrokerEndpoint::id)
                    .containsExactly(0, 7);
        }
    }

    @Test
    void topicOverridesAreReadPastABrokerThatDoesNotAnswer() throws Exception {
        // a resume plans while the broker a killed run stopped is down: a new collector asks the silent one (listed first)
        // first; its Admin call times out and the overrides come through broker 0
        SnapshotCollector.BrokerEndpoint silent = new SnapshotCollector.BrokerEndpoint(7, "silent", LoopbackKafka.HOST + ":39099");
        try (SnapshotCollector c = collector(Clock.systemUTC(), silent, theBroker(kafka))) {
            assertThat(c.topicOverrides("message.format.version")).isNotNull();
            // asked last from now on
            assertThat(c.readOrder(Optional.empty(), java.util.Set.of())).extracting(SnapshotCollector.BrokerEndpoint::id)
                    .containsExactly(0, 7);
        }
    }

    @Test
    void aNewTopicIsInTheNextSampleAndAChangedConfigWithinTheConfigAge() throws Exception {
        ManualClock clock = new ManualClock();
        try (SnapshotCollector c = collector(clock, theBroker(kafka)); Admin admin = kafka.admin()) {
            assertThat(c.take(Optional.empty()).topics().get("plain").minInsyncReplicas()).isEqualTo(1);

            admin.createTopics(List.of(new NewTopic("late", 1, (short) 1).configs(Map.of("min.insync.replicas", "3"))))
                    .all().get(60, TimeUnit.SECONDS);
            ClusterSnapshot withLate = sampleUntil("the new topic is in a sample", () -> c.take(Optional.empty()),
                    s -> s.partitions().stream().anyMatch(p -> p.topic().equals("late")));
            assertThat(withLate.topics().get("late").minInsyncReplicas()).as("a new topic's configs are read at once").isEqualTo(3);

            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, "plain"), List.of(new AlterConfigOp(
                    new ConfigEntry("min.insync.replicas", "2"), AlterConfigOp.OpType.SET)))).all().get(60, TimeUnit.SECONDS);
            assertThat(c.take(Optional.empty()).topics().get("plain").minInsyncReplicas())
                    .as("within the config age, a sample reuses the configs it read").isEqualTo(1);
            ClusterSnapshot later = sampleUntil("the change reaches a sample once the configs are older than "
                    + SnapshotCollector.CONFIG_MAX_AGE, () -> {
                        clock.advance(SnapshotCollector.CONFIG_MAX_AGE);
                        return c.take(Optional.empty());
                    }, s -> s.topics().get("plain").minInsyncReplicas() == 2);
            assertThat(later.topics().get("late").minInsyncReplicas()).isEqualTo(3);
        }
    }

    interface Sample {
        ClusterSnapshot take() throws Exception;
    }

    /** Samples until one shows {@code what} (the broker applies topic creations and config changes a moment later). */
    static ClusterSnapshot sampleUntil(String what, Sample sample, Predicate<ClusterSnapshot> shows) throws InterruptedException {
        AtomicReference<ClusterSnapshot> last = new AtomicReference<>();
        Await.until(what, Duration.ofSeconds(60), () -> {
            last.set(sample.take());
            return shows.test(last.get());
        });
        return last.get();
    }
}
