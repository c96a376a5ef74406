package io.kafkaops.orchestrator.testkit;

import io.kafkaops.orchestrator.dist.Distributions;
import io.kafkaops.orchestrator.dist.PidNamespace;
import io.kafkaops.orchestrator.kafka.KafkaClients;
import io.kafkaops.orchestrator.kafka.KafkaConnection;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real ZooKeeper 3.8.4 and one real Kafka broker (3.9.2, ZooKeeper mode) on loopback, started with the shipped
 * scripts from the project's own tarballs inside a private PID namespace (as DistributionsIT runs them): the Admin-API
 * path without a lab. Root only (the namespace); builds the tarballs into the dist cache if they are not there yet.
 */
public final class LoopbackKafka implements AutoCloseable {
    public static final String HOST = "127.0.0.1";
    /** Not DistributionsIT's ports, so the two can share a machine. */
    public static final int ZK_PORT = 23181;
    public static final int KAFKA_PORT = 39092;
    public static final String KAFKA_VERSION = "3.9.2";
    public static final String ZOOKEEPER_VERSION = "3.8.4";

    /** Work done once ZooKeeper runs and before the broker starts (credentials and ACLs the broker needs at start-up). */
    public interface BeforeBroker {
        void run(String zookeeperConnect) throws Exception;
    }

    /**
     * How a cluster differs from the plain one: its ports (two clusters may run side by side), its listener's protocol,
     * broker properties added after the defaults (a later line wins), the clients' settings, work before the broker starts.
     */
    public record Setup(int zkPort, int kafkaPort, String listenerProtocol, List<String> brokerProperties, Map<String, String> clientSettings,
                        BeforeBroker beforeBroker) {
        public static Setup plaintext() {
            return new Setup(ZK_PORT, KAFKA_PORT, "PLAINTEXT", List.of(), Map.of(), zk -> { });
        }
    }

    private final Path dir;
    private final PidNamespace ns;
    private final Setup setup;

    private LoopbackKafka(Path dir, PidNamespace ns, Setup setup) {
        this.dir = dir;
        this.ns = ns;
        this.setup = setup;
    }

    /** The plain cluster: PLAINTEXT on ports 23181 and 39092. */
    public static LoopbackKafka start() throws Exception {
        return start(Setup.plaintext());
    }

    public static LoopbackKafka start(Setup setup) throws Exception {
        for (int port : List.of(setup.zkPort(), setup.kafkaPort())) {
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(HOST, port));
            } catch (IOException e) {
                throw new AssertionError("loopback port " + port + " is taken; free it for this test", e);
            }
        }
        Path kafkaTgz = Distributions.kafka(KAFKA_VERSION);
        Path zkTgz = Distributions.zookeeper(ZOOKEEPER_VERSION);
        Path dir = Files.createTempDirectory("loopback-kafka");
        for (Path tgz : List.of(kafkaTgz, zkTgz)) {
            Process tar = new ProcessBuilder("tar", "xzf", tgz.toString(), "-C", dir.toString()).inheritIO().start();
            if (!tar.waitFor(120, TimeUnit.SECONDS) || tar.exitValue() != 0) throw new IOException("cannot unpack " + tgz);
        }
        PidNamespace ns = PidNamespace.start();
        LoopbackKafka k = new LoopbackKafka(dir, ns, setup);
        try {
            k.startZooKeeper();
            setup.beforeBroker().run(k.zookeeperConnect());
            k.startBroker();
        } catch (Throwable t) {
            t.addSuppressed(new AssertionError("logs:\n" + k.tails()));
            k.close();
            throw t;
        }
        return k;
    }

    private void startZooKeeper() throws Exception {
        Path home = dir.resolve("apache-zookeeper-" + ZOOKEEPER_VERSION + "-bin");
        Path conf = Files.createDirectories(dir.resolve("zk-conf"));
        Files.writeString(conf.resolve("zoo.cfg"), String.join("\n", "tickTime=2000", "initLimit=5", "syncLimit=2",
                "dataDir=" + dir.resolve("zk-data"), "clientPort=" + setup.zkPort(), "clientPortAddress=" + HOST, "admin.enableServer=false",
                "4lw.commands.whitelist=srvr,mntr", ""));
        Files.copy(home.resolve("conf/logback.xml"), conf.resolve("logback.xml"));
        PidNamespace.Result r = ns.sh(home.resolve("bin/zkServer.sh") + " start", Map.of("ZOOCFGDIR", conf.toString(),
                "ZOO_LOG_DIR", dir.resolve("logs/zookeeper").toString(), "ZK_SERVER_HEAP", "128"), Duration.ofSeconds(60));
        if (!r.output().contains("STARTED")) throw new IOException("zkServer.sh start: " + r.output());
    }

    private void startBroker() throws Exception {
        Path home = dir.resolve("kafka_2.13-" + KAFKA_VERSION);
        Path props = dir.resolve("server.properties");
        List<String> lines = new ArrayList<>(List.of("broker.id=0", "listeners=" + setup.listenerProtocol() + "://" + bootstrap(),
                "advertised.listeners=" + setup.listenerProtocol() + "://" + bootstrap(), "log.dirs=" + dir.resolve("kafka-logs"),
                "zookeeper.connect=" + zookeeperConnect(), "zookeeper.connection.timeout.ms=18000",
                "num.partitions=1", "offsets.topic.replication.factor=1", "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1", "group.initial.rebalance.delay.ms=0"));
        lines.addAll(setup.brokerProperties());
        lines.add("");
        Files.writeString(props, String.join("\n", lines));
        PidNamespace.Result r = ns.sh(home.resolve("bin/kafka-server-start.sh") + " -daemon " + props,
                Map.of("KAFKA_HEAP_OPTS", "-Xmx512m -Xms512m", "LOG_DIR", dir.resolve("logs/kafka").toString()), Duration.ofSeconds(60));
        if (r.exit() != 0) throw new IOException("kafka-server-start.sh: " + r.output());
        try (Admin admin = admin()) {
            Await.until("the loopback broker serves metadata", Duration.ofSeconds(120), () -> {
                if (ns.count(" kafka\\.Kafka ") == 0) throw new AssertionError("the broker exited during start-up");
                try {
                    return admin.describeCluster().controller().get(5, TimeUnit.SECONDS).id() == 0;
                } catch (Exception notYet) {
                    return false;
                }
            });
        }
    }

    public String bootstrap() { return HOST + ":" + setup.kafkaPort(); }

    /** The broker's zookeeper.connect, chroot included. */
    public String zookeeperConnect() { return HOST + ":" + setup.zkPort() + "/loopback"; }

    /** The connection the setup's clients use (on a secured cluster: its admin's). */
    public KafkaConnection connection() { return new KafkaConnection(bootstrap(), setup.clientSettings()); }

    public Admin admin() { return KafkaClients.admin(connection(), KafkaClients.CHECKING); }

    /** Creates {@code topics} topics of {@code partitions} partitions each and waits until every partition has a leader. */
    public List<String> createTopics(String prefix, int topics, int partitions) throws Exception {
        List<String> names = new ArrayList<>();
        // creating thousands of partitions takes the one broker a while: more patience than the orchestrator's clients
        try (Admin admin = KafkaClients.admin(connection(), Map.of(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 60_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 120_000))) {
            for (int from = 0; from < topics; from += 20) {
                List<NewTopic> batch = new ArrayList<>();
                for (int i = from; i < Math.min(topics, from + 20); i++) {
                    String name = String.format("%s-%03d", prefix, i);
                    names.add(name);
                    batch.add(new NewTopic(name, partitions, (short) 1));
                }
                admin.createTopics(batch).all().get(120, TimeUnit.SECONDS);
            }
            Await.until(topics * partitions + " partitions have a leader", Duration.ofSeconds(120), () ->
                    admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS).values().stream()
                            .flatMap(t -> t.partitions().stream()).filter(p -> p.leader() != null && p.leader().id() == 0)
                            .count() == (long) topics * partitions);
        }
        return names;
    }

    private String tails() {
        StringBuilder out = new StringBuilder();
        try (Stream<Path> logs = Files.walk(dir.resolve("logs"))) {
            for (Path log : logs.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".log") || p.toString().endsWith(".out"))
                    .toList()) {
                List<String> lines = Files.readAllLines(log);
                out.append("== ").append(log).append('\n');
                lines.subList(Math.max(0, lines.size() - 20), lines.size()).forEach(l -> out.append(l).append('\n'));
            }
        } catch (IOException e) {
            out.append("(no logs: ").append(e.getMessage()).append(")");
        }
        return out.toString();
    }

    @Override
    public void close() throws InterruptedException {
        // killing the namespace's init kills the broker and ZooKeeper with it
        ns.close();
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }
}
