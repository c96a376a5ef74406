package io.kafkaops.orchestrator.dist;

import io.kafkaops.orchestrator.kafka.KafkaClients;
import io.kafkaops.orchestrator.kafka.KafkaConnection;
import io.kafkaops.orchestrator.testkit.Await;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Builds every distribution, unpacks each as a user would, checks layout and checksum, then runs
 * the real thing on loopback: ZooKeeper 3.8.4 via zkServer.sh, Kafka 2.1.1 then 2.6.3 on the same
 * log dir (the upgrade path), 3.9.2 on ZooKeeper, and 4.1.1 in KRaft combined mode - all started
 * and stopped with the shipped scripts, inside a private PID namespace.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DistributionsIT {
    static final String HOST = "127.0.0.1";
    static final int ZK_PORT = 22181;
    static final int KAFKA_PORT = 29092;
    static final int CONTROLLER_PORT = 29093;
    static final String BOOTSTRAP = HOST + ":" + KAFKA_PORT;
    /** No inventory here: the one broker at a time this test starts itself on loopback. */
    static final KafkaConnection BROKER = KafkaConnection.plaintext(BOOTSTRAP);
    static final String KAFKA_PROCESS = " kafka\\.Kafka ";

    @TempDir
    static Path tmp;
    List<Distribution> dists;
    Path unpacked;
    long coldMillis;

    @BeforeAll
    void buildAndUnpack() throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        long t0 = System.nanoTime();
        dists = Distributions.buildAll();
        coldMillis = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("[dist] buildAll: %d ms (cold, or cached if the cache was warm)%n", coldMillis);
        unpacked = tmp.resolve("unpacked");
        Files.createDirectories(unpacked);
        for (Distribution d : dists) {
            run(List.of("tar", "xzf", d.tarball().toString(), "-C", unpacked.toString()), Map.of(), 120);
        }
    }

    @Test
    @Order(1)
    void aSecondCallComesFromTheCacheInWellUnderASecond() {
        for (int i = 0; i < 2; i++) {
            long t0 = System.nanoTime();
            Path kafka = Distributions.kafka("2.1.1");
            Path zk = Distributions.zookeeper("3.8.4");
            long millis = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("[dist] cached kafka(2.1.1) + zookeeper(3.8.4): %d ms%n", millis);
            assertThat(kafka.getFileName()).hasToString("kafka_2.12-2.1.1.tgz");
            assertThat(zk.getFileName()).hasToString("apache-zookeeper-3.8.4-bin.tar.gz");
            assertThat(kafka.getParent()).isEqualTo(Distributions.cacheDir());
            if (i == 1) assertThat(millis).isLessThan(500);
        }
    }

    @Test
    @Order(1)
    void distCommandPrintsPathSizeAndSha512PerDistribution() {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int code = io.kafkaops.orchestrator.cli.Main.execute(new String[]{"dist", "--kafka", "2.1.1", "--zookeeper", "3.8.4"},
                new java.io.PrintWriter(out), new java.io.PrintWriter(err));
        assertThat(code).as(err.toString()).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(2);
        Distribution kafka = dists.get(0);
        assertThat(lines.get(0)).isEqualTo(kafka.tarball() + "  " + kafka.size() + "  " + kafka.sha512Hex());
        assertThat(lines.get(1)).startsWith(Distributions.cacheDir().resolve("apache-zookeeper-3.8.4-bin.tar.gz") + "  ");
    }

    @Test
    @Order(2)
    void tarballsHaveApacheLayoutModesAndMatchingSha512() throws Exception {
        assertThat(dists).extracting(d -> d.tarball().getFileName().toString()).containsExactly(
                "kafka_2.12-2.1.1.tgz", "kafka_2.12-2.6.3.tgz", "kafka_2.13-3.9.2.tgz", "kafka_2.13-4.1.1.tgz",
                "apache-zookeeper-3.8.4-bin.tar.gz");
        for (Distribution d : dists) {
            String line = Files.readString(d.sha512());
            assertThat(line).isEqualTo(Assembly.sha512(d.tarball()) + "  " + d.tarball().getFileName() + "\n");
            assertThat(run(List.of("sha512sum", "-c", d.sha512().getFileName().toString()), Map.of(), 60,
                    d.tarball().getParent()).exit()).isZero();
            String listing = run(List.of("tar", "tzf", d.tarball().toString()), Map.of(), 60).output();
            assertThat(listing.lines()).allMatch(l -> l.startsWith(d.directoryName() + "/"));
            Path home = unpacked.resolve(d.directoryName());
            if (d.product() == Product.KAFKA) {
                assertThat(home.resolve("bin")).isDirectory();
                assertThat(home.resolve("config/server.properties")).isRegularFile();
                assertThat(home.resolve("config")).isDirectoryContaining(p -> p.getFileName().toString().startsWith("log4j"));
                assertThat(home.resolve("libs/kafka_" + d.scala().orElseThrow() + "-" + d.version() + ".jar")).isRegularFile();
                for (String script : List.of("kafka-run-class.sh", "kafka-server-start.sh", "kafka-server-stop.sh", "kafka-topics.sh")) {
                    assertThat(Files.getPosixFilePermissions(home.resolve("bin").resolve(script)))
                            .as(script).contains(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
                }
                if (d.version().startsWith("2.")) assertThat(home.resolve("bin/zookeeper-server-start.sh")).isRegularFile();
                if (!d.version().startsWith("2.")) assertThat(home.resolve("bin/kafka-storage.sh")).isRegularFile();
            } else {
                assertThat(home.resolve("bin/zkServer.sh")).isRegularFile().isExecutable();
                assertThat(home.resolve("bin/zkEnv.sh")).isRegularFile();
                assertThat(home.resolve("conf/zoo_sample.cfg")).isRegularFile();
                assertThat(home.resolve("conf/logback.xml")).isRegularFile();
                assertThat(home.resolve("lib/zookeeper-3.8.4.jar")).isRegularFile();
                assertThat(jarNames(home.resolve("lib"))).anyMatch(n -> n.startsWith("logback-classic-"));
            }
        }
        List<String> libs211 = jarNames(unpacked.resolve("kafka_2.12-2.1.1/libs"));
        assertThat(libs211).contains("jaxb-api-2.3.1.jar").anyMatch(n -> n.startsWith("zookeeper-3.5."))
                .noneMatch(n -> n.startsWith("zookeeper-3.4."));
    }

    @Test
    @Order(3)
    void kafkaTopicsPrintsItsVersion() throws Exception {
        for (Distribution d : dists) {
            if (d.product() != Product.KAFKA) continue;
            Path script = unpacked.resolve(d.directoryName()).resolve("bin/kafka-topics.sh");
            Run r = run(List.of(script.toString(), "--version"), Map.of(), 120);
            assertThat(r.exit()).as(r.output()).isZero();
            assertThat(r.output().lines().filter(l -> !l.isBlank()).findFirst().orElse(""))
                    .as("kafka-topics.sh --version of %s", d.directoryName()).startsWith(d.version());
        }
    }

    @Test
    @Order(4)
    void realZooKeeperAndBrokersStartServeAndStopWithTheShippedScripts() throws Exception {
        assumeThat(System.getProperty("user.name")).as("a PID namespace needs root").isEqualTo("root");
        for (int port : List.of(ZK_PORT, KAFKA_PORT, CONTROLLER_PORT)) {
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(HOST, port));
            } catch (IOException e) {
                throw new AssertionError("loopback port " + port + " is taken; free it for this test", e);
            }
        }
        Path logs = Files.createDirectories(tmp.resolve("logs"));
        try (PidNamespace ns = PidNamespace.start()) {
            try {
                smoke(ns, logs);
            } catch (Throwable t) {
                t.addSuppressed(new AssertionError("logs:\n" + tails(logs)));
                throw t;
            }
        }
    }

    private void smoke(PidNamespace ns, Path logs) throws Exception {
        // ZooKeeper 3.8.4 through zkServer.sh with its own conf dir
        Path zkHome = unpacked.resolve("apache-zookeeper-3.8.4-bin");
        Path zkConf = Files.createDirectories(tmp.resolve("zk-conf"));
        Path zkData = tmp.resolve("zk-data");
        Files.writeString(zkConf.resolve("zoo.cfg"), String.join("\n",
                "tickTime=2000", "initLimit=5", "syncLimit=2", "dataDir=" + zkData,
                "clientPort=" + ZK_PORT, "clientPortAddress=" + HOST, "admin.enableServer=false", ""));
        Files.copy(zkHome.resolve("conf/logback.xml"), zkConf.resolve("logback.xml"));
        Map<String, String> zkEnv = Map.of("ZOOCFGDIR", zkConf.toString(), "ZOO_LOG_DIR", logs.resolve("zookeeper").toString(),
                "ZK_SERVER_HEAP", "128");
        PidNamespace.Result started = ns.sh(zkHome.resolve("bin/zkServer.sh") + " start", zkEnv, Duration.ofSeconds(60));
        assertThat(started.output()).as(started.output()).contains("STARTED");
        assertThat(zkData.resolve("zookeeper_server.pid")).isRegularFile();
        Await.until("ZooKeeper answers srvr", Duration.ofSeconds(60), () -> srvr().contains("Mode: standalone"));
        assertThat(ns.sh("ps ax -o args= | grep [Q]uorumPeerMain").output())
                .as("ZK_SERVER_HEAP is in MB, ZOO_LOG_DIR is honoured").contains("-Xmx128m").contains("-Dzookeeper.log.dir=" + logs.resolve("zookeeper"));
        PidNamespace.Result status = ns.sh(zkHome.resolve("bin/zkServer.sh") + " status", zkEnv, Duration.ofSeconds(60));
        assertThat(status.exit()).as(status.output()).isZero();
        assertThat(status.output()).contains("Mode: standalone");

        // Kafka 2.1.1, then 2.6.3 on the same log dir with the protocol pinned: the first upgrade hop
        Path upgradeProps = tmp.resolve("upgrade.properties");
        Files.writeString(upgradeProps, zkBrokerProperties(tmp.resolve("kafka-logs-upgrade"), "/upgrade")
                + "inter.broker.protocol.version=2.1\nlog.message.format.version=2.1\n");
        startBroker(ns, "kafka_2.12-2.1.1", upgradeProps, logs);
        createTopic("upgrade");
        produce("upgrade", "2.1.1", 20);
        assertThat(consume("upgrade", 20)).hasSize(20).allMatch(v -> v.startsWith("2.1.1-"));
        stopBroker(ns, "kafka_2.12-2.1.1");

        startBroker(ns, "kafka_2.12-2.6.3", upgradeProps, logs);
        produce("upgrade", "2.6.3", 20);
        List<String> both = consume("upgrade", 40);
        assertThat(both).hasSize(40);
        assertThat(both.subList(0, 20)).allMatch(v -> v.startsWith("2.1.1-"));
        assertThat(both.subList(20, 40)).allMatch(v -> v.startsWith("2.6.3-"));
        stopBroker(ns, "kafka_2.12-2.6.3");

        // Kafka 3.9.2 in ZooKeeper mode, fresh
        Path props39 = tmp.resolve("kafka-3.9.2.properties");
        Files.writeString(props39, zkBrokerProperties(tmp.resolve("kafka-logs-39"), "/k39"));
        startBroker(ns, "kafka_2.13-3.9.2", props39, logs);
        createTopic("smoke39");
        produce("smoke39", "3.9.2", 10);
        assertThat(consume("smoke39", 10)).hasSize(10);
        stopBroker(ns, "kafka_2.13-3.9.2");

        PidNamespace.Result stopped = ns.sh(zkHome.resolve("bin/zkServer.sh") + " stop", zkEnv, Duration.ofSeconds(60));
        assertThat(stopped.output()).as(stopped.output()).contains("STOPPED");
        Await.until("ZooKeeper exits", Duration.ofSeconds(30), () -> ns.count("QuorumPeerMain") == 0);
        assertThat(zkData.resolve("zookeeper_server.pid")).doesNotExist();

        // Kafka 4.1.1: KRaft only - format the log dir as a standalone controller, run combined mode
        Path kraftLogs = tmp.resolve("kafka-logs-kraft");
        Path props41 = tmp.resolve("kafka-4.1.1.properties");
        Files.writeString(props41, String.join("\n",
                "process.roles=broker,controller", "node.id=1",
                "controller.quorum.bootstrap.servers=" + HOST + ":" + CONTROLLER_PORT,
                "listeners=PLAINTEXT://" + HOST + ":" + KAFKA_PORT + ",CONTROLLER://" + HOST + ":" + CONTROLLER_PORT,
                "advertised.listeners=PLAINTEXT://" + BOOTSTRAP,
                "controller.listener.names=CONTROLLER", "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + kraftLogs, commonBrokerProperties(),
                "share.coordinator.state.topic.replication.factor=1", "share.coordinator.state.topic.min.isr=1", ""));
        Path home41 = unpacked.resolve("kafka_2.13-4.1.1");
        PidNamespace.Result format = ns.sh(home41.resolve("bin/kafka-storage.sh") + " format --standalone -t "
                + Uuid.randomUuid() + " -c " + props41, Map.of(), Duration.ofSeconds(120));
        assertThat(format.exit()).as(format.output()).isZero();
        assertThat(kraftLogs.resolve("meta.properties")).isRegularFile();
        startBroker(ns, "kafka_2.13-4.1.1", props41, logs);
        createTopic("smoke41");
        produce("smoke41", "4.1.1", 10);
        assertThat(consume("smoke41", 10)).hasSize(10);
        stopBroker(ns, "kafka_2.13-4.1.1");
    }

    private String zkBrokerProperties(Path logDirs, String chroot) {
        return String.join("\n", "broker.id=0",
                "listeners=PLAINTEXT://" + BOOTSTRAP, "advertised.listeners=PLAINTEXT://" + BOOTSTRAP,
                "log.dirs=" + logDirs, "zookeeper.connect=" + HOST + ":" + ZK_PORT + chroot,
                "zookeeper.connection.timeout.ms=18000", commonBrokerProperties(), "");
    }

    private static String commonBrokerProperties() {
        return String.join("\n", "num.partitions=1", "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0");
    }

    private void startBroker(PidNamespace ns, String dir, Path props, Path logs) throws Exception {
        Path home = unpacked.resolve(dir);
        Map<String, String> env = Map.of("KAFKA_HEAP_OPTS", "-Xmx256m -Xms256m", "LOG_DIR", logs.resolve(dir).toString());
        long t0 = System.nanoTime();
        PidNamespace.Result r = ns.sh(home.resolve("bin/kafka-server-start.sh") + " -daemon " + props, env, Duration.ofSeconds(60));
        assertThat(r.exit()).as(r.output()).isZero();
        try (Admin admin = admin()) {
            Await.until(dir + " serves metadata", Duration.ofSeconds(120), () -> {
                if (ns.count(KAFKA_PROCESS) == 0) throw new AssertionError(dir + " exited during start-up");
                try {
                    return admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() == 1;
                } catch (Exception notYet) {
                    return false;
                }
            });
        }
        assertThat(ns.sh("ps ax -o args= | grep '[ ]kafka\\.Kafka '").output()).contains("-Xmx256m").contains(props.toString());
        Path serverLog = logs.resolve(dir).resolve("server.log");
        Await.until(dir + " logs that it started to config/log4j's server.log", Duration.ofSeconds(30),
                () -> Files.exists(serverLog) && Files.readString(serverLog).contains("started (kafka.server."));
        System.out.printf("[dist] %s up in %d ms%n", dir, (System.nanoTime() - t0) / 1_000_000);
    }

    private void stopBroker(PidNamespace ns, String dir) throws Exception {
        PidNamespace.Result r = ns.sh(unpacked.resolve(dir).resolve("bin/kafka-server-stop.sh").toString());
        assertThat(r.exit()).as(r.output()).isZero();
        Await.until(dir + " exits after kafka-server-stop.sh", Duration.ofSeconds(90), () -> ns.count(KAFKA_PROCESS) == 0);
    }

    private static Admin admin() {
        return KafkaClients.admin(BROKER, KafkaClients.CHECKING);
    }

    private static void createTopic(String topic) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(60, TimeUnit.SECONDS);
        }
    }

    private static void produce(String topic, String tag, int n) throws Exception {
        try (KafkaProducer<String, String> producer = KafkaClients.producer(BROKER, Map.of(ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60000))) {
            for (int i = 0; i < n; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, tag + "-" + i)).get(60, TimeUnit.SECONDS);
            }
        }
    }

    private static List<String> consume(String topic, int expected) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = KafkaClients.consumer(BROKER, Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false))) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) values.add(r.value());
            }
        }
        return values;
    }

    /** The srvr four-letter word, as zkServer.sh status sends it. */
    private static String srvr() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(HOST, ZK_PORT), 2000);
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write("srvr".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static List<String> jarNames(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The last lines of every .out/.log under the logs folder, for a failure message. */
    private static String tails(Path logs) {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> s = Files.walk(logs)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".out") || p.toString().endsWith("server.log")).sorted().toList()) {
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                sb.append("==> ").append(f).append('\n');
                lines.subList(Math.max(0, lines.size() - 30), lines.size()).forEach(l -> sb.append(l).append('\n'));
            }
        } catch (IOException e) {
            sb.append("(could not read logs: ").append(e).append(")");
        }
        return sb.toString();
    }

    record Run(int exit, String output) {}

    private static Run run(List<String> cmd, Map<String, String> env, int timeoutSeconds) throws Exception {
        return run(cmd, env, timeoutSeconds, null);
    }

    private static Run run(List<String> cmd, Map<String, String> env, int timeoutSeconds, Path dir) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (dir != null) pb.directory(dir.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + cmd);
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
