package io.kafkaops.orchestrator.zookeeper;

import io.kafkaops.orchestrator.Workspace;
import io.kafkaops.orchestrator.cluster.GroupMapping;
import io.kafkaops.orchestrator.dist.Distributions;
import io.kafkaops.orchestrator.install.InstallLayout;
import io.kafkaops.orchestrator.plan.HostPlan;
import io.kafkaops.orchestrator.plan.PlannedFile;
import io.kafkaops.orchestrator.plan.ProvisionPlan;
import io.kafkaops.orchestrator.security.AclEntry;
import io.kafkaops.orchestrator.security.AclRule;
import io.kafkaops.orchestrator.security.ScramCredential;
import io.kafkaops.orchestrator.version.KafkaVersion;
import io.kafkaops.orchestrator.testkit.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * A real ZooKeeper 3.8.4 (the cached tarball, its own zkServer.sh and zkCli.sh) on loopback, started with exactly what the
 * templates render for an inventory that asks for digest logins: zoo.cfg, the server's JAAS file and the unit's
 * Environment= lines. Clients are zkCli.sh with the broker's rendered JAAS file (its Client section), a wrong password, or none.
 */
class ZooKeeperLoginTest {
    static final Pattern UNIT_ENV = Pattern.compile("(?m)^Environment=\"([A-Z_]+)=(.*)\"$");

    @TempDir
    static Path tmp;
    static Path zkHome;
    static Path conf;
    static Path brokerJaas;
    static int port;
    static int kafkaPort;
    static int jmxPort;
    static Process server;
    static ProvisionPlan plan;

    @BeforeAll
    static void startTheRenderedZooKeeper() throws Exception {
        // assembled from Maven Central when the cache has none (a fresh CI machine): never skipped for a missing tarball
        Path tarball = Distributions.zookeeper("3.8.4");
        assumeThat(new ProcessBuilder("tar", "--version").start().waitFor()).as("tar").isZero();
        try (ServerSocket s = new ServerSocket(0); ServerSocket k = new ServerSocket(0); ServerSocket j = new ServerSocket(0)) {
            port = s.getLocalPort();
            kafkaPort = k.getLocalPort();
            jmxPort = j.getLocalPort();
        }
        Path inventory = tmp.resolve("hosts.yml");
        Files.writeString(inventory, String.join("\n",
                "all:",
                "  vars:",
                "    zookeeper_client_authentication_type: digest",
                "    zookeeper_digest_users:",
                "      admin: {principal: admin, password: 'adm\"in\\pw'}",
                "      kafka_broker: {principal: kafka, password: 'br\"oker\\pw'}",
                "    zookeeper_client_port: " + port,
                "    zookeeper_data_dir: " + tmp.resolve("zk-data"),
                "    zookeeper_heap_opts: -Xmx128m",
                "    hardware_profile: lab",
                "    default_replication_factor: 1",
                "    kafka_port: " + kafkaPort,
                "    kafka_jmx_port: " + jmxPort,
                "    kafka_log_dirs: [" + tmp.resolve("kafka-data") + "]",
                "    kafka_heap_opts: -Xmx256m -Xms256m",
                "  children:",
                "    zookeeper:",
                "      hosts:",
                "        zk1: {ansible_host: 127.0.0.1, myid: 1}",
                "    kafka:",
                "      hosts:",
                "        kafka1: {ansible_host: 127.0.0.1, broker_id: 1}", ""));
        plan = Workspace.load(inventory, GroupMapping.none(), Optional.empty()).plan();

        run(List.of("tar", "-xzf", tarball.toString(), "-C", tmp.toString()), Map.of());
        zkHome = tmp.resolve("apache-zookeeper-3.8.4-bin");
        conf = Files.createDirectories(tmp.resolve("conf"));
        Files.copy(zkHome.resolve("conf/logback.xml"), conf.resolve("logback.xml"));
        // the rendered files, where the unit's paths say, moved from /usr/local/zookeeper/conf to the test's conf dir
        String zooCfg = file("zk1", "zoo.cfg.j2");
        Files.writeString(conf.resolve("zoo.cfg"), zooCfg + "clientPortAddress=127.0.0.1\n");
        Files.writeString(conf.resolve("zookeeper_jaas.conf"), file("zk1", "zookeeper_jaas.conf.j2"));
        brokerJaas = Files.writeString(tmp.resolve("kafka_server_jaas.conf"), file("kafka1", "kafka_server_jaas.conf.j2"));
        Map<String, String> env = new HashMap<>();
        Matcher m = UNIT_ENV.matcher(file("zk1", "zookeeper-server.service.j2"));
        while (m.find()) env.put(m.group(1), m.group(2).replace(InstallLayout.zookeeperConfig(""), conf + "/"));
        assertThat(env).containsKeys("SERVER_JVMFLAGS", "JMXDISABLE");
        env.putAll(Map.of("ZOOCFGDIR", conf.toString(), "ZOO_LOG_DIR", tmp.resolve("logs").toString()));
        ProcessBuilder pb = new ProcessBuilder(zkHome.resolve("bin/zkServer.sh").toString(), "start-foreground",
                conf.resolve("zoo.cfg").toString()).redirectErrorStream(true).redirectOutput(tmp.resolve("server.out").toFile());
        pb.environment().putAll(env);
        server = pb.start();
        Await.until("ZooKeeper answers srvr", Duration.ofSeconds(60), () -> {
            if (!server.isAlive()) throw new AssertionError("ZooKeeper exited:\n" + Files.readString(tmp.resolve("server.out")));
            return FourLetterWords.mode("127.0.0.1", port).isPresent();
        });
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (server != null) {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    static String file(String host, String template) {
        HostPlan h = plan.hosts().stream().filter(x -> x.host().equals(host)).findFirst().orElseThrow();
        return h.files().stream().filter(f -> f.template().equals(template)).map(PlannedFile::content).findFirst().orElseThrow();
    }

    /** zkCli.sh running one command, as a client with this JAAS file (null: no login). */
    static String zkCli(Path jaas, String... command) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(zkHome.resolve("bin/zkCli.sh").toString(), "-server", "127.0.0.1:" + port));
        cmd.addAll(List.of(command));
        Map<String, String> env = new LinkedHashMap<>(Map.of("ZOOCFGDIR", conf.toString(), "ZOO_LOG_DIR", tmp.resolve("logs").toString()));
        if (jaas != null) env.put("CLIENT_JVMFLAGS", "-Djava.security.auth.login.config=" + jaas);
        return run(cmd, env);
    }

    static String run(List<String> cmd, Map<String, String> env) throws IOException, InterruptedException {
        Path out = Files.createTempFile(tmp, "run", ".out");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return Files.readString(out, StandardCharsets.UTF_8) + "\n(killed: no answer in 60 s)";
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    @Test
    void theBrokersRenderedLoginMayWriteAndASessionWithoutALoginIsRefused() throws Exception {
        String created = zkCli(brokerJaas, "create", "/written-by-the-broker-login", "x");
        assertThat(created).as(created).contains("Created /written-by-the-broker-login");

        String anonymous = zkCli(null, "create", "/written-without-a-login", "x");
        assertThat(anonymous).as(anonymous).doesNotContain("Created /written-without-a-login")
                .contains("Session closed because client failed to authenticate");
        String wrong = zkCli(Files.writeString(tmp.resolve("wrong.jaas"), Files.readString(brokerJaas).replace("br\\\"oker", "nope")),
                "create", "/written-with-a-wrong-password", "x");
        assertThat(wrong).as(wrong).doesNotContain("Created /written-with-a-wrong-password").contains("AuthFailed");

        String listed = zkCli(brokerJaas, "ls", "/");
        assertThat(listed).as(listed).contains("written-by-the-broker-login").doesNotContain("written-without-a-login")
                .doesNotContain("written-with-a-wrong-password");
    }

    static final String BROKER_PASSWORD = "br\"oker\\pw";
    static final String ELECTION = "{\"version\":1,\"partitions\":[{\"topic\":\"t\",\"partition\":0}]}";

    /**
     * ZooKeeperSession logs in as the brokers (zookeeper_digest_users.kafka_broker) with no JAAS file: its znodes, chroot
     * included, carry Kafka's ACLs (the login's all, anyone's read; credentials readable by the login only), a second
     * election request while one is pending is told apart, and zkCli with the broker's rendered JAAS file reads them.
     */
    @Test
    void aSessionWithTheBrokersDigestLoginWritesZnodesTheBrokersOwn() throws Exception {
        try (ZooKeeperSession zk = ZooKeeperSession.connect("127.0.0.1:" + port + "/session/chroot",
                Optional.of(new ZooKeeperSession.DigestLogin("kafka", BROKER_PASSWORD)), Duration.ofSeconds(30))) {
            assertThat(zk.secured()).isTrue();
            assertThat(zk.create("/admin/preferred_replica_election", ELECTION.getBytes(StandardCharsets.UTF_8))).isTrue();
            assertThat(zk.create("/admin/preferred_replica_election", "{}".getBytes(StandardCharsets.UTF_8))).as("still pending").isFalse();
            assertThat(new String(zk.read("/admin/preferred_replica_election").orElseThrow().data(), StandardCharsets.UTF_8)).isEqualTo(ELECTION);
            assertThat(zk.acl("/admin/preferred_replica_election")).containsExactlyInAnyOrder("sasl:kafka:cdrwa", "world:anyone:r");
            assertThat(zk.create("/config/users/alice", "{}".getBytes(StandardCharsets.UTF_8))).isTrue();
            assertThat(zk.acl("/config/users/alice")).as("credentials: the login's only").containsExactly("sasl:kafka:cdrwa");
            assertThat(zk.acl("/config/users")).containsExactly("sasl:kafka:cdrwa");
            assertThat(zk.acl("/config")).containsExactlyInAnyOrder("sasl:kafka:cdrwa", "world:anyone:r");
            assertThat(System.getProperties().values()).as("the password is in no system property").noneMatch(v -> String.valueOf(v).contains(BROKER_PASSWORD));
        }
        String read = zkCli(brokerJaas, "get", "/session/chroot/admin/preferred_replica_election");
        assertThat(read).as(read).contains(ELECTION);
        String chrootAcl = zkCli(brokerJaas, "getAcl", "/session/chroot");
        assertThat(chrootAcl).as("the chroot made at connect: " + chrootAcl).contains("'sasl,'kafka\n: cdrwa").contains("'world,'anyone\n: r");
    }

    static String text(ZooKeeperSession zk, String path) throws IOException {
        return new String(zk.read(path).orElseThrow().data(), StandardCharsets.UTF_8);
    }

    /**
     * The stores through a secured session, in Kafka's formats: a user's znode (sanitized name, readable by the login only)
     * and its change notification; ACL znodes and their notifications, whose resource type is spelled as the oldest broker
     * reads it (Scala's TransactionalId before 2.5, the Java enum's TRANSACTIONAL_ID from 2.5).
     */
    @Test
    void theStoresWriteKafkasFormatsThroughASecuredSession() throws Exception {
        try (ZooKeeperSession zk = ZooKeeperSession.connect("127.0.0.1:" + port + "/stores",
                Optional.of(new ZooKeeperSession.DigestLogin("kafka", BROKER_PASSWORD)), Duration.ofSeconds(30))) {
            ScramStore scram = new ScramStore(zk);
            assertThat(scram.ensure("ali ce*", ScramCredential.Hash.SHA_512, "pw", 4096, new java.security.SecureRandom()))
                    .isEqualTo(ScramStore.Outcome.CREATED);
            assertThat(zk.acl("/config/users/ali%20ce%2A")).containsExactly("sasl:kafka:cdrwa");
            assertThat(text(zk, "/config/users/ali%20ce%2A")).startsWith("{\"version\":1,\"config\":{\"SCRAM-SHA-512\":\"salt=");
            assertThat(zk.children("/config/changes")).containsExactly("config_change_0000000000");
            assertThat(text(zk, "/config/changes/config_change_0000000000")).contains("\"version\":2").contains("\"entity_path\":\"users/ali%20ce%2A\"");
            assertThat(scram.mechanisms("ali ce*")).containsExactly(ScramCredential.Hash.SHA_512);

            AclEntry describe = new AclEntry("User:carol", AclRule.ResourceType.TRANSACTIONAL_ID, "tx", AclRule.PatternType.LITERAL,
                    AclRule.Operation.DESCRIBE, AclRule.Permission.ALLOW, "*");
            AclEntry write = new AclEntry("User:carol", AclRule.ResourceType.TRANSACTIONAL_ID, "tx", AclRule.PatternType.PREFIXED,
                    AclRule.Operation.IDEMPOTENT_WRITE, AclRule.Permission.DENY, "10.0.0.1");
            new AclStore(zk, new KafkaVersion(2, 4, 1)).add(List.of(describe, write));
            new AclStore(zk, new KafkaVersion(2, 5, 0)).remove(List.of(write));
            assertThat(text(zk, "/kafka-acl/TransactionalId/tx")).isEqualTo("{\"version\":1,\"acls\":[{\"principal\":\"User:carol\","
                    + "\"permissionType\":\"Allow\",\"operation\":\"Describe\",\"host\":\"*\"}]}");
            assertThat(zk.acl("/kafka-acl/TransactionalId/tx")).containsExactlyInAnyOrder("sasl:kafka:cdrwa", "world:anyone:r");
            assertThat(text(zk, "/kafka-acl-changes/acl_changes_0000000000")).isEqualTo("TransactionalId:tx");
            assertThat(zk.children("/kafka-acl-extended-changes")).containsExactlyInAnyOrder("acl_changes_0000000000", "acl_changes_0000000001");
            assertThat(text(zk, "/kafka-acl-extended-changes/acl_changes_0000000000")).isEqualTo(
                    "{\"version\":1,\"resourceType\":\"TransactionalId\",\"name\":\"tx\",\"patternType\":\"PREFIXED\"}");
            assertThat(text(zk, "/kafka-acl-extended-changes/acl_changes_0000000001")).contains("\"resourceType\":\"TRANSACTIONAL_ID\"");
            assertThat(zk.read("/kafka-acl-extended/prefixed/TransactionalId/tx")).as("its last ACL removed").isEmpty();
            assertThat(new AclStore(zk, new KafkaVersion(3, 9, 2)).list()).containsExactly(describe);
        }
    }

    @Test
    void aWrongPasswordOrNoLoginIsRefusedAndNoMessageNamesThePassword() throws Exception {
        String wrong = "wr0ng-pässword";
        ZooKeeperSession.DigestLogin login = new ZooKeeperSession.DigestLogin("kafka", wrong);
        assertThat(login.toString()).doesNotContain(wrong).contains("kafka");
        assertThatThrownBy(() -> ZooKeeperSession.connect("127.0.0.1:" + port, Optional.of(login), Duration.ofSeconds(30)).close())
                .isInstanceOf(IOException.class).hasMessageContaining("refused the digest login of user 'kafka'")
                .satisfies(e -> assertThat(e.toString()).doesNotContain(wrong).doesNotContain(BROKER_PASSWORD));
        // without a login the ensemble closes the session at its first request
        assertThatThrownBy(() -> {
            try (ZooKeeperSession zk = ZooKeeperSession.connect("127.0.0.1:" + port, Optional.empty(), Duration.ofSeconds(30))) {
                zk.create("/written-by-an-anonymous-session", new byte[0]);
            }
        }).isInstanceOf(IOException.class);
        String listed = zkCli(brokerJaas, "ls", "/");
        assertThat(listed).as(listed).doesNotContain("written-by-an-anonymous-session");
    }

    /** The unit's Environment= lines and its EnvironmentFile (config/jmx) as systemd hands them to the service. */
    static Map<String, String> unitEnvironment(String unit, String environmentFile) {
        Map<String, String> env = new HashMap<>();
        Matcher m = UNIT_ENV.matcher(unit);
        while (m.find()) env.put(m.group(1), m.group(2));
        for (String line : environmentFile.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.startsWith("#")) env.put(line.substring(0, eq), line.substring(eq + 1).replaceAll("^\"(.*)\"$", "$1"));
        }
        return env;
    }

    @Test
    void aRealBrokerLogsInWithItsRenderedFilesAndItsZnodesCarryAcls() throws Exception {
        Path tarball = Distributions.kafka("3.9.2");
        run(List.of("tar", "-xzf", tarball.toString(), "-C", tmp.toString()), Map.of());
        Path kafkaHome = tmp.resolve("kafka_2.13-3.9.2");
        Path config = kafkaHome.resolve("config");
        Files.writeString(config.resolve("server.properties"),
                file("kafka1", "server.properties.j2").replace("//0.0.0.0:", "//127.0.0.1:"));
        Files.writeString(config.resolve("log4j.properties"), file("kafka1", "log4j.properties.j2"));
        Files.writeString(config.resolve("kafka_server_jaas.conf"), file("kafka1", "kafka_server_jaas.conf.j2"));
        Map<String, String> env = unitEnvironment(file("kafka1", "kafka-server.service.j2"), file("kafka1", "jmx.j2"));
        env.replaceAll((k, v) -> v.replace(InstallLayout.kafkaConfig(""), config + "/"));
        env.put("LOG_DIR", tmp.resolve("kafka-logs-out").toString());
        assertThat(env).containsKeys("KAFKA_OPTS", "KAFKA_JMX_OPTS");
        ProcessBuilder pb = new ProcessBuilder(kafkaHome.resolve("bin/kafka-server-start.sh").toString(),
                config.resolve("server.properties").toString()).redirectErrorStream(true).redirectOutput(tmp.resolve("kafka.out").toFile());
        pb.environment().putAll(env);
        Process broker = pb.start();
        try {
            Await.until("broker 1 registers in ZooKeeper", Duration.ofSeconds(120), () -> {
                if (!broker.isAlive()) throw new AssertionError("the broker exited:\n" + Files.readString(tmp.resolve("kafka.out")));
                return zkCli(brokerJaas, "ls", "/brokers/ids").contains("[1]");
            });
            String acl = zkCli(brokerJaas, "getAcl", "/brokers/ids");
            assertThat(acl).as(acl).contains("'sasl,'kafka\n: cdrwa").contains("'world,'anyone\n: r");
            String credentials = zkCli(brokerJaas, "getAcl", "/config/users");
            assertThat(credentials).as("SCRAM credentials are readable by the brokers' login only: " + credentials)
                    .contains("'sasl,'kafka").doesNotContain("'world,'anyone");
        } finally {
            broker.destroy();
            broker.waitFor(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void theServerListensOnItsClientPortOnlyNoJmxPort() throws Exception {
        assumeThat(new ProcessBuilder("ss", "-V").start().waitFor()).as("ss").isZero();
        String sockets = run(List.of("ss", "-Hltnp"), Map.of());
        List<String> ours = sockets.lines().filter(l -> l.contains("pid=" + server.pid() + ",")).toList();
        assertThat(ours).as(sockets).isNotEmpty().allMatch(l -> l.matches(".*[ \\[:]127\\.0\\.0\\.1\\]?:" + port + " .*"));
    }
}
