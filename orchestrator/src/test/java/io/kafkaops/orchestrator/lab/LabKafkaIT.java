package io.kafkaops.orchestrator.lab;

import io.kafkaops.orchestrator.kafka.KafkaClients;
import io.kafkaops.orchestrator.kafka.KafkaConnection;
import io.kafkaops.orchestrator.testkit.Await;
import io.kafkaops.orchestrator.testkit.LabCluster;
import io.kafkaops.orchestrator.testkit.LabSession;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The proof: on the lab of inventory/lab.yml, install the shipped ZooKeeper and Kafka tarballs by
 * hand over SSH as a user would, use the cluster from the control side with a Kafka client, cut the
 * controller's host and watch the ISR shrink, heal it and watch the ISR grow back. lab down (the
 * extension, after all tests) then checks nothing is left behind.
 *
 * <p>Tarballs come from {@code io.kafkaops.orchestrator.dist.Distributions} (looked up
 * reflectively while it is built in parallel), else from -Dlab.dist.kafka / -Dlab.dist.zookeeper,
 * else from the distribution cache; without any of them the test is skipped.
 */
@ExtendWith(LabExtension.class)
class LabKafkaIT {

    private static final String KAFKA_VERSION = System.getProperty("lab.kafka.version", "2.1.1");
    private static final String ZOOKEEPER_VERSION = System.getProperty("lab.zookeeper.version", "3.8.4");
    private static final String JAVA_HOME = "/usr/lib/jvm/java-17-openjdk-amd64";
    private static final List<String> ZOOKEEPERS = List.of("zk1", "zk2", "zk3");
    private static final List<String> BROKERS = List.of("kafka1", "kafka2", "kafka3");
    private static final String TOPIC = "lab-proof";
    /** Admin timeouts of this test, longer than KafkaClients.CHECKING; producer and consumer take its request timeout. */
    private static final Map<String, Object> ADMIN = Map.of(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20000);

    @Test
    void kafkaOnLabHostsShrinksTheIsrWhenTheControllerHostIsCutAndGrowsItBackWhenHealed(RunningLab lab) throws Exception {
        Path zkTarball = distribution("zookeeper", ZOOKEEPER_VERSION, "apache-zookeeper-" + ZOOKEEPER_VERSION + "-bin.tar.gz");
        Path kafkaTarball = distribution("kafka", KAFKA_VERSION, "kafka_*-" + KAFKA_VERSION + ".tgz");
        // the brokers started by hand below listen where the lab inventory's cluster model says they do
        LabCluster cluster = LabCluster.of(lab, LabExtension.INVENTORY);
        long start = System.nanoTime();

        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> installs = new ArrayList<>();
            for (int i = 0; i < ZOOKEEPERS.size(); i++) {
                int id = i + 1;
                installs.add(pool.submit(() -> startZooKeeper(lab, ZOOKEEPERS.get(id - 1), id, zkTarball)));
            }
            for (Future<?> f : installs) f.get(5, TimeUnit.MINUTES);
            installs.clear();
            for (int i = 0; i < BROKERS.size(); i++) {
                int id = i + 1;
                installs.add(pool.submit(() -> startKafka(lab, BROKERS.get(id - 1), id, kafkaTarball)));
            }
            for (Future<?> f : installs) f.get(5, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("[lab] ZooKeeper %s + Kafka %s installed and started on 6 hosts in %.1f s%n",
                ZOOKEEPER_VERSION, KAFKA_VERSION, (System.nanoTime() - start) / 1e9);

        String cutHost = null;
        try (Admin admin = cluster.admin(ADMIN)) {
            await("3 brokers registered", Duration.ofSeconds(Long.getLong("lab.kafka.wait", 120)),
                    () -> admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).size() == 3);
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 3).configs(Map.of("min.insync.replicas", "2"))))
                    .all().get(60, TimeUnit.SECONDS);
            await("every partition with ISR 3", Duration.ofSeconds(60), () -> isr(admin, p -> p.isr().size() == 3));

            send(cluster.kafka(), 0, 300).awaitAcked();
            assertThat(consume(cluster.kafka(), "before-cut", 300)).isEqualTo(300);

            // the hard case on purpose: the cut host is the controller, so the survivors must also elect a new one
            int victim = admin.describeCluster().controller().get(10, TimeUnit.SECONDS).id();
            String victimHost = BROKERS.get(victim - 1);
            cutHost = victimHost;
            System.out.printf("[lab] the controller is broker %d (%s): cutting it%n", victim, victimHost);
            lab.cut(victimHost);
            long cut = System.nanoTime();
            // Writes go on through the cut. They are also what shrinks the ISR: a leader keeps a silent follower whose log
            // ends where its own does (no new data) in the ISR, and a new controller does not remove the replicas of the
            // broker that died as the old controller. New data leaves the dead follower behind; 10 s later it is out.
            KafkaConnection survivorsOnly = cluster.kafkaVia(BROKERS.stream().filter(b -> !b.equals(victimHost)).toList());
            Sending duringCut = send(survivorsOnly, 300, 100);
            try {
                // ask through a fresh client that knows only the reachable brokers: a long-lived one may keep waiting on the cut host
                await("broker " + victim + " out of every ISR", Duration.ofSeconds(120), () -> {
                    try (Admin fresh = KafkaClients.admin(survivorsOnly, ADMIN)) {
                        return isr(fresh, p -> p.isr().size() == 2 && p.isr().stream().noneMatch(n -> n.id() == victim));
                    }
                });
            } catch (AssertionError e) {
                diagnose(lab, victimHost);
                throw e;
            }
            System.out.printf("[lab] ISR shrank to 2 in %.1f s after lab cut %s%n", (System.nanoTime() - cut) / 1e9, victimHost);
            duringCut.awaitAcked(); // acks=all succeeds: min.insync.replicas=2 is met by the two survivors

            lab.heal(victimHost);
            long heal = System.nanoTime();
            // from ZooKeeper, the truth in this mode: a broker's metadata (even the healed one's own, stale) could say "3" too early
            await("broker " + victim + " back in every ISR", Duration.ofSeconds(180), () -> isrsInZooKeeper(lab).stream().allMatch(i -> i.size() == 3));
            System.out.printf("[lab] ISR back to 3 in %.1f s after lab heal %s%n", (System.nanoTime() - heal) / 1e9, victimHost);
            assertThat(consume(cluster.kafka(), "after-heal", 400)).isEqualTo(400);
        } finally {
            if (cutHost != null) lab.heal(cutHost); // the other test classes share this lab
            if (!Boolean.getBoolean("lab.keep")) stop(lab);
        }
    }

    private static void startZooKeeper(RunningLab lab, String host, int id, Path tarball) {
        String home = "/usr/local/" + topDirectory(tarball);
        StringBuilder cfg = new StringBuilder("tickTime=2000\ninitLimit=10\nsyncLimit=5\ndataDir=/var/lib/zookeeper\n"
                + "clientPort=2181\nadmin.enableServer=false\n4lw.commands.whitelist=*\n");
        for (int i = 0; i < ZOOKEEPERS.size(); i++) {
            cfg.append("server.").append(i + 1).append('=').append(ZOOKEEPERS.get(i)).append(":2888:3888\n");
        }
        try (LabSession ssh = lab.ssh(host)) {
            unpack(ssh, tarball);
            ssh.exec("mkdir -p /var/lib/zookeeper && echo " + id + " > /var/lib/zookeeper/myid"
                    + " && cat > " + home + "/conf/zoo.cfg <<'EOF'\n" + cfg + "EOF");
            ssh.exec("cd " + home + " && JAVA_HOME=" + JAVA_HOME + " ZK_SERVER_HEAP=128 bin/zkServer.sh start"
                    + " > /root/zookeeper-start.log 2>&1 < /dev/null || { cat /root/zookeeper-start.log; exit 1; }");
        } catch (IOException e) {
            throw new IllegalStateException(host + ": " + e.getMessage(), e);
        }
    }

    private static void startKafka(RunningLab lab, String host, int id, Path tarball) {
        String home = "/usr/local/" + topDirectory(tarball);
        String props = "broker.id=" + id + "\n"
                + "listeners=PLAINTEXT://" + host + ":9092\n"
                + "advertised.listeners=PLAINTEXT://" + host + ":9092\n"
                + "log.dirs=/var/lib/kafka\n"
                + "zookeeper.connect=" + String.join(",", ZOOKEEPERS.stream().map(z -> z + ":2181").toList()) + "\n"
                + "zookeeper.connection.timeout.ms=60000\n"
                + "zookeeper.session.timeout.ms=6000\n"
                + "replica.lag.time.max.ms=10000\n"
                + "offsets.topic.replication.factor=3\n"
                + "transaction.state.log.replication.factor=3\n"
                + "transaction.state.log.min.isr=2\n"
                + "group.initial.rebalance.delay.ms=0\n";
        try (LabSession ssh = lab.ssh(host)) {
            unpack(ssh, tarball);
            ssh.exec("mkdir -p /var/lib/kafka && cat > " + home + "/config/server.properties <<'EOF'\n" + props + "EOF");
            ssh.exec("cd " + home + " && JAVA_HOME=" + JAVA_HOME + " KAFKA_HEAP_OPTS='-Xmx384m -Xms384m'"
                    + " bin/kafka-server-start.sh -daemon config/server.properties"
                    + " > /root/kafka-start.log 2>&1 < /dev/null || { cat /root/kafka-start.log; exit 1; }");
        } catch (IOException e) {
            throw new IllegalStateException(host + ": " + e.getMessage(), e);
        }
    }

    private static void unpack(LabSession ssh, Path tarball) throws IOException {
        String remote = "/root/" + tarball.getFileName();
        ssh.upload(tarball, remote);
        ssh.exec("tar xzf " + remote + " -C /usr/local && rm " + remote);
    }

    /** Brokers before ZooKeeper, or their shutdown hangs; lab down would kill them anyway. */
    private static void stop(RunningLab lab) {
        for (List<String> hosts : List.of(BROKERS, ZOOKEEPERS)) {
            for (String host : hosts) {
                try (LabSession ssh = lab.ssh(host)) {
                    ssh.run("pkill -f " + (hosts == BROKERS ? "kafka.Kafka" : "QuorumPeerMain") + "; true");
                } catch (IOException | RuntimeException e) {
                    System.out.println("[lab] could not stop " + host + ": " + e.getMessage());
                }
            }
        }
    }

    private static volatile String lastSeen = "nothing yet";

    private static boolean isr(Admin admin, Predicate<TopicPartitionInfo> each) throws Exception {
        TopicDescription d = admin.describeTopics(List.of(TOPIC)).allTopicNames().get(15, TimeUnit.SECONDS).get(TOPIC);
        lastSeen = d.partitions().toString();
        return d.partitions().stream().allMatch(each);
    }

    /** Each partition's ISR as its state znode says, read with the shipped zkCli.sh on zk1. */
    private static List<List<Integer>> isrsInZooKeeper(RunningLab lab) throws IOException {
        StringBuilder gets = new StringBuilder();
        for (int partition = 0; partition < 3; partition++) gets.append("get /brokers/topics/" + TOPIC + "/partitions/" + partition + "/state\n");
        String home = "/usr/local/apache-zookeeper-" + ZOOKEEPER_VERSION + "-bin";
        try (LabSession ssh = lab.ssh("zk1")) {
            String out = ssh.exec("printf '" + gets + "' | JAVA_HOME=" + JAVA_HOME + " " + home + "/bin/zkCli.sh -waitforconnection -server localhost:2181 2>/dev/null");
            List<List<Integer>> isrs = new ArrayList<>();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"isr\":\\[([0-9,]*)\\]").matcher(out);
            while (m.find()) isrs.add(java.util.Arrays.stream(m.group(1).split(",")).filter(x -> !x.isEmpty()).map(Integer::valueOf).toList());
            lastSeen = "ZooKeeper: " + isrs;
            if (isrs.size() != 3) throw new IOException("zkCli.sh gave " + isrs.size() + " partition states: " + out);
            return isrs;
        }
    }

    /** What the cluster looked like when a wait timed out: the last partition states seen and the brokers' own story. */
    private static void diagnose(RunningLab lab, String cutHost) {
        System.out.println("[lab] last partition states seen: " + lastSeen);
        List<String> hosts = new ArrayList<>(BROKERS.stream().filter(b -> !b.equals(cutHost)).toList());
        hosts.add("zk1");
        for (String host : hosts) {
            try (LabSession ssh = lab.ssh(host)) {
                System.out.println("[lab] ---- " + host + " ----\n" + ssh.run("grep -h -E 'ISR|zkVersion|xpire|ontroller|Session|ERROR|WARN' "
                        + "/usr/local/*/logs/server.log /usr/local/*/logs/controller.log /usr/local/*/logs/*.out 2>/dev/null | tail -60; uptime").stdout());
            } catch (IOException | RuntimeException e) {
                System.out.println("[lab] cannot read " + host + ": " + e.getMessage());
            }
        }
    }

    /** Records "message from".."message from+count-1" sent acks=all, not yet waited for. */
    private record Sending(KafkaProducer<String, String> producer, List<Future<?>> acks) {
        void awaitAcked() throws Exception {
            try {
                for (Future<?> f : acks) f.get(90, TimeUnit.SECONDS);
            } finally {
                producer.close(Duration.ofSeconds(10));
            }
        }
    }

    private static Sending send(KafkaConnection to, int from, int count) {
        KafkaProducer<String, String> producer = KafkaClients.producer(to, Map.of(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10000,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 80000));
        List<Future<?>> sent = new ArrayList<>();
        for (int i = from; i < from + count; i++) sent.add(producer.send(new ProducerRecord<>(TOPIC, "k" + i, "message " + i)));
        return new Sending(producer, sent);
    }

    private static int consume(KafkaConnection from, String group, int expected) {
        int seen = 0;
        try (KafkaConsumer<String, String> consumer = KafkaClients.consumer(from, Map.of(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10000,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"))) {
            // assigned, not subscribed: reading back needs no group coordinator (a 2.1 broker sometimes refused the 3.9 client's join)
            List<org.apache.kafka.common.TopicPartition> partitions = List.of(0, 1, 2).stream()
                    .map(n -> new org.apache.kafka.common.TopicPartition(TOPIC, n)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.currentTimeMillis() + 90_000;
            while (seen < expected && System.currentTimeMillis() < deadline) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofSeconds(1));
                seen += records.count();
            }
        }
        return seen;
    }

    /** {@link Await#until}, its timeout message with the hint this lab needs. */
    private static void await(String what, Duration timeout, Await.Condition check) throws InterruptedException {
        try {
            Await.until(what, timeout, check);
        } catch (AssertionError e) {
            // lab processes are visible from the real root: a kafka-server-stop.sh or pkill run there kills lab brokers too
            throw new AssertionError(e.getMessage() + "; if a broker's kafkaServer.out says 'Terminating process due to signal SIGTERM',"
                    + " something on the real root killed it", e);
        }
    }

    private static String topDirectory(Path tarball) {
        return tarball.getFileName().toString().replaceFirst("\\.(tgz|tar\\.gz)$", "");
    }

    /** Distributions.kafka/zookeeper(version) when that class is built; else a given path; else the cache; else skip. */
    private static Path distribution(String kind, String version, String cachedName) throws Exception {
        String given = System.getProperty("lab.dist." + kind);
        if (given != null) return Path.of(given);
        try {
            Class<?> distributions = Class.forName("io.kafkaops.orchestrator.dist.Distributions");
            return (Path) distributions.getMethod(kind, String.class).invoke(null, version);
        } catch (ClassNotFoundException e) {
            String env = System.getenv("ORCHESTRATOR_DIST_CACHE");
            Path cache = env != null ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache/orchestrator/dist");
            if (Files.isDirectory(cache)) {
                try (DirectoryStream<Path> found = Files.newDirectoryStream(cache, cachedName)) {
                    for (Path p : found) return p;
                }
            }
            Assumptions.abort("no " + kind + " " + version + " tarball: Distributions is not on the classpath yet, "
                    + "-Dlab.dist." + kind + " is not set and " + cache + " has no " + cachedName);
            return null;
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
