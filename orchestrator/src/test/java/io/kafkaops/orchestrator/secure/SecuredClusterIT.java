package io.kafkaops.orchestrator.secure;

import io.kafkaops.orchestrator.cli.CliRun;
import io.kafkaops.orchestrator.dist.Distributions;
import io.kafkaops.orchestrator.kafka.KafkaClients;
import io.kafkaops.orchestrator.kafka.KafkaConnection;
import io.kafkaops.orchestrator.kafka.LoadGenerator;
import org.apache.kafka.clients.admin.AdminClientConfig;
import io.kafkaops.orchestrator.lab.LabInventoryReader;
import io.kafkaops.orchestrator.lab.LabSpec;
import io.kafkaops.orchestrator.lab.RunningLab;
import io.kafkaops.orchestrator.lab.Subnet;
import io.kafkaops.orchestrator.roll.RollJournal;
import io.kafkaops.orchestrator.testkit.LabCluster;
import io.kafkaops.orchestrator.testkit.OwnLab;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * inventory/lab-secure.yml on real hosts (its own lab, "slab"): provisioned from nothing with SCRAM-SHA-512 on a SASL_SSL
 * client listener, SCRAM between brokers, ACLs on and the lab CA; then the stock console tools of the installed Kafka with
 * client-config's files, the refusals (wrong password, a user without ACLs, a PLAINTEXT client), and the upgrade 2.1.1 ->
 * 2.6.3 under an authenticated acks=all idempotent producer. No password of the inventory may show in any output, the
 * journal, or the process list of a host while provision runs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecuredClusterIT {
    static final Path SOURCE = Path.of("inventory/lab-secure.yml");
    static final List<String> BROKERS = List.of("skafka1", "skafka2", "skafka3");
    static final List<String> ALL = List.of("szk1", "szk2", "szk3", "skafka1", "skafka2", "skafka3");
    static Path inventory;
    static RunningLab lab;
    static LabCluster cluster;
    static Path artifacts;
    static Path tools;
    static List<String> passwords;
    static final List<String> outputs = Collections.synchronizedList(new ArrayList<>());

    /** lab-secure.yml on this test's own subnet, host names and lab dir, so it never meets another lab. */
    static String ownLab(String text) {
        return OwnLab.of(text, 81, "slab", "s");
    }

    @BeforeAll
    static void up() throws Exception {
        Assumptions.assumeTrue(LabCluster.runningAsRoot(), "the lab needs root");
        artifacts = Distributions.kafka("2.1.1").getParent();
        assertThat(Distributions.kafka("2.6.3").getParent()).isEqualTo(artifacts);
        assertThat(Distributions.zookeeper("3.8.4").getParent()).isEqualTo(artifacts);
        Path dir = Files.createTempDirectory("secured-it");
        inventory = dir.resolve("lab-secure.yml");
        String text = ownLab(Files.readString(SOURCE));
        Files.writeString(inventory, text);
        passwords = passwordsIn(text);
        assertThat(passwords).as("the lab passwords of " + SOURCE).hasSizeGreaterThanOrEqualTo(3);
        // a CA left by an earlier run of this test is not this run's
        run("rm", "-rf", "/var/lib/orchestrator-lab/slab-secure");
        lab = RunningLab.up(LabSpec.of("slab", Subnet.parse("10.213.81.0/24"), LabInventoryReader.hosts(inventory)));
        cluster = LabCluster.of(lab, inventory);
        tools = dir.resolve("tools");
        Files.createDirectories(tools);
        run("tar", "xzf", Distributions.kafka("2.1.1").toString(), "-C", tools.toString(), "--strip-components=1");
    }

    @AfterAll
    static void down() {
        if (lab != null) lab.close();
    }

    /** Every `password: ...` and `..._password: ...` value of the inventory text (the lab's passwords are plain text on purpose). */
    static List<String> passwordsIn(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("password:\\s*\"?([^\"\\s,}#]+)").matcher(text);
        while (m.find()) out.add(m.group(1));
        return out;
    }

    static CliRun orchestrator(String... args) {
        CliRun r = CliRun.of(args);
        outputs.add(r.out());
        outputs.add(r.err());
        return r;
    }

    @Test
    @Order(1)
    void provisionFromNothingShowsNoPasswordOnAnyHostAndWritesSecretsOwnerOnly() throws Exception {
        CliRun plan = orchestrator("plan", inventory.toString());
        assertThat(plan.exit()).as(plan.out() + plan.err()).isZero();
        assertThat(plan.out()).contains("SASL_SSL").contains("expires");

        AtomicBoolean provisioning = new AtomicBoolean(true);
        List<String> processLists = Collections.synchronizedList(new ArrayList<>());
        Thread watch = new Thread(() -> {
            while (provisioning.get()) {
                for (String h : ALL) {
                    try {
                        processLists.add(cluster.sh(h, "ps -eo args"));
                    } catch (IOException ignored) {
                        // a host busy starting its services answers on the next round
                    }
                }
            }
        });
        watch.start();
        CliRun run;
        try {
            run = orchestrator("provision", inventory.toString(), "--artifacts", artifacts.toString(), "--health-timeout", "150");
        } finally {
            provisioning.set(false);
            watch.join();
        }
        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(processLists).as("process lists sampled during provision").hasSizeGreaterThan(6);
        for (String p : passwords) assertThat(String.join("\n", processLists)).as("a host's process list").doesNotContain(p);
        for (String h : BROKERS) {
            assertThat(cluster.sh(h, "stat -c '%a %U' /usr/local/kafka/config/kafka_server_jaas.conf")).isEqualTo("600 kafka");
            assertThat(cluster.sh(h, "stat -c '%a %U' /var/ssl/private/kafka_broker.keystore.p12 /var/ssl/private/kafka_broker.truststore.p12"))
                    .isEqualTo("600 kafka\n600 kafka");
        }
        CliRun again = orchestrator("provision", inventory.toString(), "--artifacts", artifacts.toString());
        assertThat(again.exit()).as(again.out()).isZero();
        assertThat(again.out()).contains("no changes");
    }

    static Path clientConfig(String user) throws Exception {
        Path file = inventory.getParent().resolve(user + ".properties");
        CliRun r = orchestrator("client-config", inventory.toString(), "--user", user, "--out", file.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        return file;
    }

    static String bootstrap(Path config) throws IOException {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(config)) {
            p.load(in);
        }
        return p.getProperty("bootstrap.servers");
    }

    /** The installed Kafka's own console producer, given the client file as is. */
    static Result produce(Path config, String topic, List<String> lines) throws Exception {
        return tool(String.join("\n", lines) + "\n", "bin/kafka-console-producer.sh", "--broker-list", bootstrap(config), "--topic", topic,
                "--producer.config", config.toString(), "--producer-property", "acks=all", "--request-required-acks", "-1");
    }

    static Result consume(Path config, String topic, int count) throws Exception {
        return tool("", "bin/kafka-console-consumer.sh", "--bootstrap-server", bootstrap(config), "--topic", topic, "--from-beginning",
                "--max-messages", String.valueOf(count), "--timeout-ms", "30000", "--consumer.config", config.toString(),
                "--group", "console-" + System.nanoTime());
    }

    record Result(int exit, String out) {}

    static Result tool(String stdin, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(tools.resolve(args[0]).toString()));
        cmd.addAll(List.of(args).subList(1, args.length));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("KAFKA_HEAP_OPTS", "-Xmx256m");
        Path log = Files.createTempFile("console-tool", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        // a tool that never gives up (a client the broker does not answer) is stopped; its exit then is not 0
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor();
        }
        String out = Files.readString(log);
        outputs.add(out);
        return new Result(p.exitValue(), out);
    }

    @Test
    @Order(2)
    void theStockConsoleToolsWorkWithClientConfigsFileAndTheRefusalsHold() throws Exception {
        Path alice = clientConfig("alice");
        String file = Files.readString(alice);
        assertThat(file).contains("security.protocol=SASL_SSL").contains("sasl.mechanism=SCRAM-SHA-512").contains("ssl.truststore.location=")
                .contains(":9093");
        List<String> lines = List.of("order-1", "order-2", "order-3");
        Result produced = produce(alice, "orders-it", lines);
        assertThat(produced.exit()).as(produced.out()).isZero();
        Result consumed = consume(alice, "orders-it", 3);
        assertThat(consumed.out()).as(consumed.out()).contains("order-1").contains("order-2").contains("order-3");

        // a wrong password: the same file with one changed value
        Path wrong = alice.resolveSibling("alice-wrong.properties");
        Files.writeString(wrong, file.replaceFirst("password=\"[^\"]*\"", "password=\"not-her-password\""));
        assertThat(Files.readString(wrong)).isNotEqualTo(file);
        Result refused = produce(wrong, "orders-it", List.of("never"));
        assertThat(refused.out()).as(refused.out()).containsIgnoringCase("Authentication failed");

        // bob logs in but has no ACL
        Result denied = produce(clientConfig("bob"), "orders-it", List.of("denied"));
        assertThat(denied.out()).as(denied.out()).containsIgnoringCase("not authorized");

        // a client that does not log in: a PLAINTEXT client on the secured listener gets no answer, and nothing listens on 9092
        for (String bootstrap : List.of(bootstrap(alice), bootstrap(alice).replace(":9093", ":9092"))) {
            try (Admin anonymous = KafkaClients.admin(KafkaConnection.plaintext(bootstrap), Map.of(
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000))) {
                assertThatThrownBy(() -> anonymous.describeCluster().nodes().get(20, TimeUnit.SECONDS)).as(bootstrap)
                        .hasCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
            }
        }
    }

    @Test
    @Order(3)
    void upgradeOfTheSecuredClusterUnderAnAuthenticatedProducerLosesNothing() throws Exception {
        try (Admin admin = cluster.admin(Map.of())) {
            admin.createTopics(List.of(new NewTopic("orders-load", 3, (short) 3).configs(Map.of("min.insync.replicas", "2"))))
                    .all().get(30, TimeUnit.SECONDS);
        }
        LoadGenerator traffic = new LoadGenerator(cluster.kafka(), "orders-load", "secured-it", 300).start();
        try {
            while (traffic.ackedSoFar() < 1000) Thread.sleep(200);
            CliRun run = orchestrator("upgrade", inventory.toString(), "--to", "2.6.3", "--yes-finalize", "--artifacts", artifacts.toString());
            assertThat(run.exit()).as(run.out()).isZero();
            assertThat(run.out()).contains("upgrade to 2.6.3 done").contains("[bench] roll wall time")
                    .contains("kafka.security.authorizer.AclAuthorizer");
            Thread.sleep(3000);
        } finally {
            LoadGenerator.Report report = traffic.finish(Duration.ofSeconds(90));
            System.out.println("[traffic] " + report.describe());
            assertThat(report.acked()).isGreaterThan(1000);
            assertThat(report.lost()).as(report.describe()).isZero();
            assertThat(report.duplicated()).as(report.describe()).isZero();
        }
        for (String h : BROKERS) assertThat(cluster.kafkaHomeLink(h)).isEqualTo("/usr/local/kafka_2.12-2.6.3");
        // alice still produces after the authorizer class changed
        Result produced = produce(clientConfig("alice"), "orders-it", List.of("after-upgrade"));
        assertThat(produced.exit()).as(produced.out()).isZero();
    }

    @Test
    @Order(4)
    void noPasswordOfTheInventoryAppearsInAnyOutputOrTheJournal() throws Exception {
        String journal = Files.readString(RollJournal.fileFor(inventory));
        for (String p : passwords) {
            assertThat(journal).as("the journal").doesNotContain(p);
            for (String o : outputs) assertThat(o).as("a command's output").doesNotContain(p);
        }
    }

    static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        assertThat(p.waitFor()).as(String.join(" ", cmd)).isZero();
    }
}
