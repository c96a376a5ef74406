package io.kafkaops.orchestrator.provision;

import io.kafkaops.orchestrator.cluster.ClusterNode;
import io.kafkaops.orchestrator.gate.ClusterHealth;
import io.kafkaops.orchestrator.gate.GateSettings;
import io.kafkaops.orchestrator.gate.MetadataQuorum.KRaftQuorum;
import io.kafkaops.orchestrator.kafka.KafkaProbe.ClusterView;
import io.kafkaops.orchestrator.plan.ProvisionPlan;
import io.kafkaops.orchestrator.provision.ServiceHealth.EnsembleModes;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** Waits for the ZooKeeper ensemble and the brokers to be healthy after provisioning, and says what it saw. */
final class HealthChecks {
    private static final Duration ZOOKEEPER_EVERY = Duration.ofMillis(500);
    private static final Duration KAFKA_EVERY = Duration.ofSeconds(1);

    private final ProvisionPlan plan;
    private final ClusterAccess access;
    private final Waiting waiting;
    private final Duration timeout;
    private final Consumer<String> say;

    HealthChecks(ProvisionPlan plan, ClusterAccess access, Waiting waiting, Duration timeout, Consumer<String> say) {
        this.plan = plan;
        this.access = access;
        this.waiting = waiting;
        this.timeout = timeout;
        this.say = say;
    }

    boolean zooKeeper() {
        return zooKeeperAmong(plan.cluster().zookeeperNodes().stream().map(ClusterNode::host).toList());
    }

    /** The listed ZooKeeper hosts (the others failed to provision) form a healthy ensemble among themselves. */
    boolean zooKeeperAmong(List<String> hosts) {
        List<ClusterNode> zk = plan.cluster().zookeeperNodes().stream().filter(n -> hosts.contains(n.host())).toList();
        int port = plan.hosts().get(0).node().zookeeperClientPort();
        AtomicReference<EnsembleModes> last = new AtomicReference<>(new EnsembleModes(Map.of()));
        boolean healthy = waiting.until(timeout, ZOOKEEPER_EVERY, () -> {
            Map<String, String> modes = new LinkedHashMap<>();
            for (ClusterNode n : zk) modes.put(n.host(), access.zooKeeperMode(n.address(), port).orElse("down"));
            last.set(new EnsembleModes(modes));
            return last.get().healthy();
        });
        if (healthy) {
            say.accept("ZooKeeper ensemble healthy: " + last.get());
        } else {
            say.accept("ZooKeeper ensemble NOT healthy after " + timeout.toSeconds() + " s: " + last.get()
                    + " (wanted exactly one leader and " + (zk.size() - 1) + " followers)");
        }
        return healthy;
    }

    /** KRaft: the controllers answer describeMetadataQuorum with the inventory's voters, a leader and every voter caught up. */
    boolean controllers() {
        Set<Integer> expected = plan.cluster().controllers().stream().map(c -> c.nodeId().orElseThrow().value())
                .collect(Collectors.toSet());
        AtomicReference<String> last = new AtomicReference<>("no answer");
        boolean healthy = waiting.until(timeout, KAFKA_EVERY, () -> {
            try {
                KRaftQuorum q = access.quorum();
                List<String> problems = ClusterHealth.quorum(q, expected, GateSettings.defaults());
                last.set(problems.isEmpty() ? "leader " + q.leaderId().orElseThrow() + " (epoch " + q.leaderEpoch() + "), voters "
                        + q.voters().stream().map(v -> v.id()).sorted().toList() + " caught up" : String.join("; ", problems));
                return problems.isEmpty();
            } catch (Exception e) {
                last.set(e.getClass().getSimpleName() + ": " + e.getMessage());
                return false;
            }
        });
        say.accept("KRaft controller quorum " + (healthy ? "healthy: " : "NOT healthy after " + timeout.toSeconds() + " s: ")
                + last.get());
        return healthy;
    }

    /**
     * Every inventory broker registered, a controller, and a canary record written and read back - through the inventory's
     * client listener as its admin user on a secured cluster, as any client would.
     *
     * @param endToEnd also write and read back a canary record; only after a change: a run that changed nothing has
     *                 nothing to prove end to end, and asks the brokers who is registered
     */
    boolean kafka(boolean endToEnd) {
        List<ClusterNode> brokers = plan.cluster().brokers();
        Set<Integer> expected = brokers.stream().map(b -> b.brokerId().orElseThrow().value()).collect(Collectors.toSet());
        AtomicReference<String> last = new AtomicReference<>("no answer");
        boolean healthy;
        try (ClusterAccess.Brokers cluster = access.brokers()) {
            healthy = waiting.until(timeout, KAFKA_EVERY, () -> {
                try {
                    ClusterView view = cluster.describe();
                    last.set(ServiceHealth.describe(view));
                    if (!ServiceHealth.brokersHealthy(view, expected)) return false;
                    say.accept("Kafka cluster healthy: " + last.get());
                    say.accept("canary: " + (endToEnd ? cluster.canary(brokers.size(), plan.cluster().minInsyncReplicas())
                            : "skipped: no host changed (it runs after every change)"));
                    return true;
                } catch (Exception e) {
                    // not up yet (or the canary failed): keep trying until the timeout, and say the last reason
                    last.set(e.getClass().getSimpleName() + ": " + e.getMessage());
                    return false;
                }
            });
        }
        if (!healthy) {
            say.accept("Kafka cluster NOT healthy after " + timeout.toSeconds() + " s: " + last.get()
                    + " (wanted brokers " + expected + ")");
        }
        return healthy;
    }
}
