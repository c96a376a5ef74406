package io.kafkaops.orchestrator.upgrade;

import io.kafkaops.orchestrator.Workspace;
import io.kafkaops.orchestrator.kafka.KafkaClients;
import io.kafkaops.orchestrator.kafka.KafkaConnection;
import io.kafkaops.orchestrator.kafka.LoadGenerator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * An upgrade measured under load, as the demo runs it: a topic (RF 3, min ISR 2), an idempotent acks=all producer and a
 * consumer, the upgrade, then every acknowledged record counted back. Returns both outcomes as data.
 */
public final class UpgradeUnderLoad {
    /** @param upgradeTime wall time of the upgrade command itself */
    public record Report(RollingUpgrade.Result upgrade, LoadGenerator.Report messages, Duration upgradeTime) {}

    private UpgradeUnderLoad() {}

    public static Report run(Workspace ws, RollingUpgrade.Request request, String topic, String group, int rate, PrintWriter out,
            PrintWriter err)
            throws Exception {
        KafkaConnection kafka = ws.kafka(ws.cluster());
        try (Admin admin = KafkaClients.admin(kafka, KafkaClients.CHECKING)) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 3).configs(Map.of("min.insync.replicas", "2")))).all()
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) throw e;
        }
        out.println("== topic " + topic + " (3 partitions, RF 3, min ISR 2); producer (acks=all, idempotent, " + rate
                + " msg/s) and consumer started");
        out.flush();
        LoadGenerator load = new LoadGenerator(kafka, topic, group, rate).start();
        Thread.sleep(5000);
        out.println("== orchestrator upgrade " + request.inventory() + " --to " + request.to()
                + (request.yesFinalize() ? " --yes-finalize" : "")
                + request.artifacts().map(a -> " --artifacts " + a).orElse(""));
        out.flush();
        long start = System.nanoTime();
        RollingUpgrade.Result result = new RollingUpgrade(ws).run(request, out, err);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        return new Report(result, load.finish(Duration.ofSeconds(90)), took);
    }
}
