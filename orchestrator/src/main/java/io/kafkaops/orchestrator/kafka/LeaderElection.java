package io.kafkaops.orchestrator.kafka;

import io.kafkaops.orchestrator.gate.PartitionState;
import io.kafkaops.orchestrator.install.InstallLayout;
import io.kafkaops.orchestrator.ssh.CommandResult;
import io.kafkaops.orchestrator.ssh.RemoteHost;
import io.kafkaops.orchestrator.zookeeper.ZooKeeperSession;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnsupportedVersionException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.kafkaops.orchestrator.ssh.Shell.quote;

/**
 * Preferred-leader elections: the Admin API (brokers 2.2+); for an older controller the
 * /admin/preferred_replica_election znode written from here, and Kafka's own tool on the broker's host as the last
 * resort. It prints nothing: each election returns what it did, for the roll to say.
 */
public final class LeaderElection {
    /** @param taken true when the request was taken (partitions that did not move are asked again later), false to retry at once */
    public record Election(boolean taken, List<String> said) {}

    private final SnapshotCollector collector;
    private final Map<Integer, RemoteHost> hosts;
    private final String zookeeperConnect;
    private final Optional<ZooKeeperSession.DigestLogin> zookeeperLogin;
    /** Set once the controller turned the Admin API election down (before 2.2): later elections go through ZooKeeper. */
    private volatile boolean viaZooKeeper;

    /** An election on an ensemble that takes no logins. */
    public LeaderElection(SnapshotCollector collector, Map<Integer, RemoteHost> hosts, String zookeeperConnect) {
        this(collector, hosts, zookeeperConnect, Optional.empty());
    }

    /**
     * @param zookeeperConnect for the ZooKeeper-based election on clusters older than 2.2
     * @param zookeeperLogin   the brokers' digest login when the ensemble is secured (the election znode is then theirs)
     */
    public LeaderElection(SnapshotCollector collector, Map<Integer, RemoteHost> hosts, String zookeeperConnect,
                          Optional<ZooKeeperSession.DigestLogin> zookeeperLogin) {
        this.collector = collector;
        this.hosts = hosts;
        this.zookeeperConnect = zookeeperConnect;
        this.zookeeperLogin = zookeeperLogin;
    }

    /** Asks for the preferred leaders of {@code partitions}, whose preferred replica is {@code broker}. */
    public Election electPreferred(int broker, List<PartitionState> partitions) {
        List<String> said = new ArrayList<>();
        if (viaZooKeeper) return new Election(throughZooKeeper(broker, partitions, said), said);
        Set<TopicPartition> tps = partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).collect(Collectors.toSet());
        try {
            // through a broker that was not just restarted: its client may still be reconnecting
            Admin admin = collector.adminAvoiding(Optional.of(broker));
            Map<TopicPartition, Optional<Throwable>> result = admin.electLeaders(ElectionType.PREFERRED, tps).partitions()
                    .get(15, TimeUnit.SECONDS);
            List<String> errors = result.entrySet().stream().filter(e -> e.getValue().isPresent())
                    .map(e -> e.getKey() + ": " + e.getValue().get().getMessage()).toList();
            said.add("preferred-leader election for " + tps.size() + " partition(s) (Admin API)"
                    + (errors.isEmpty() ? "" : "; not elected: " + String.join(", ", errors)));
            return new Election(true, said);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnsupportedVersionException) {
                viaZooKeeper = true;
                return new Election(throughZooKeeper(broker, partitions, said), said);
            }
            said.add("preferred-leader election: " + e.getCause().getMessage() + " (retried on the next sample)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            said.add("preferred-leader election: interrupted");
        } catch (Exception e) {
            said.add("preferred-leader election: " + e.getMessage() + " (retried on the next sample)");
        }
        return new Election(false, said);
    }

    /**
     * Writes the znode a ZooKeeper-mode controller watches for preferred-leader elections; false while the previous one is
     * still there (the controller deletes it when done).
     */
    static boolean requestElection(ZooKeeperSession zk, List<PartitionState> partitions) throws IOException {
        return zk.create("/admin/preferred_replica_election", ("{\"version\":1," + listed(partitions) + "}").getBytes(StandardCharsets.UTF_8));
    }

    private static String listed(List<PartitionState> partitions) {
        return "\"partitions\":[" + partitions.stream().map(p -> "{\"topic\":\"" + p.topic() + "\",\"partition\":" + p.partition() + "}")
                .collect(Collectors.joining(",")) + "]";
    }

    private boolean throughZooKeeper(int broker, List<PartitionState> partitions, List<String> said) {
        String json = "{" + listed(partitions) + "}";
        // the znode the controller watches, written from here; Kafka's own tool on the broker's host (a JVM start) is the fallback
        try (ZooKeeperSession zk = ZooKeeperSession.connect(zookeeperConnect, zookeeperLogin, Duration.ofSeconds(5))) {
            if (!requestElection(zk, partitions)) {
                said.add("preferred-leader election: the controller is still working on the previous one (retried on the next sample)");
                return false;
            }
            said.add("preferred-leader election for " + partitions.size() + " partition(s) through ZooKeeper's "
                    + "/admin/preferred_replica_election (the controller predates the ElectLeaders API of 2.2)");
            return true;
        } catch (IOException e) {
            said.add("preferred-leader election through ZooKeeper: " + e.getMessage() + "; trying Kafka's tool on the broker's host");
        }
        String file = "/tmp/orchestrator-preferred-" + broker + ".json";
        String cmd = "printf '%s' " + quote(json) + " > " + file + " && KAFKA_HEAP_OPTS=-Xmx64m LOG_DIR=/tmp " + InstallLayout.KAFKA_HOME
                + "/bin/kafka-run-class.sh kafka.admin.PreferredReplicaLeaderElectionCommand --zookeeper " + quote(zookeeperConnect)
                + " --path-to-json-file " + file + " 2>&1 | tail -3";
        try {
            CommandResult r = hosts.get(broker).run(cmd);
            said.add("preferred-leader election for " + partitions.size() + " partition(s) through ZooKeeper (the controller predates the"
                    + " ElectLeaders API of 2.2)" + (r.ok() ? "" : ": " + r.stdout().strip()));
            return r.ok();
        } catch (IOException e) {
            said.add("preferred-leader election through ZooKeeper failed: " + e.getMessage());
            return false;
        }
    }
}
