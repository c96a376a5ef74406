package io.kafkaops.orchestrator.provision;

import io.kafkaops.orchestrator.cli.CliRun;
import io.kafkaops.orchestrator.install.InstallLayout;
import io.kafkaops.orchestrator.lab.LabInventoryReader;
import io.kafkaops.orchestrator.lab.LabSpec;
import io.kafkaops.orchestrator.lab.RunningLab;
import io.kafkaops.orchestrator.lab.Subnet;
import io.kafkaops.orchestrator.dist.Distributions;
import io.kafkaops.orchestrator.testkit.Await;
import io.kafkaops.orchestrator.testkit.LabCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `orchestrator provision` against real hosts: namespaces with systemd and sshd, the shipped
 * ZooKeeper 3.8.4 and Kafka 2.1.1 tarballs, real SSH with host-key checking on. The fresh provision goes through a
 * non-root SSH user and sudo (ansible_user: ops, ansible_become: true), as production inventories do; the later runs
 * go in as root.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProvisionIT {
    static final Path INVENTORY = Path.of("orchestrator/src/test/resources/provision-lab/hosts.yml");
    static final List<String> ZK = List.of("pzk1", "pzk2", "pzk3");
    static final List<String> BROKERS = List.of("pkafka1", "pkafka2", "pkafka3");
    static RunningLab lab;
    static LabCluster cluster;
    static Path artifacts;

    @BeforeAll
    static void up() throws Exception {
        Assumptions.assumeTrue(Files.isWritable(Path.of("/proc/sys")) || LabCluster.runningAsRoot(), "the lab needs root");
        artifacts = Distributions.kafka("2.1.1").getParent();
        assertThat(Distributions.zookeeper("3.8.4").getParent()).isEqualTo(artifacts);
        lab = RunningLab.up(LabSpec.of("plab", Subnet.parse("10.213.78.0/24"), LabInventoryReader.hosts(INVENTORY)));
        cluster = LabCluster.of(lab, INVENTORY);
        for (String h : ALL) {
            assertThat(cluster.sh(h, "test -x /usr/bin/sudo && echo sudo")).as("sudo on the machine (.ci/install-deps)").isEqualTo("sudo");
            cluster.sh(h, OPS);
        }
    }

    static final List<String> ALL = List.of("pzk1", "pzk2", "pzk3", "pkafka1", "pkafka2", "pkafka3");
    /** An SSH user as production has one: the lab key, passwordless sudo, no other rights (a test-only step as root). */
    static final String OPS = "id -u ops >/dev/null 2>&1 || useradd --create-home --shell /bin/sh ops;"
            + " install -d -o ops -g ops -m 700 /home/ops/.ssh"
            + " && install -o ops -g ops -m 600 /root/.ssh/authorized_keys /home/ops/.ssh/authorized_keys"
            + " && echo 'ops ALL=(ALL) NOPASSWD: ALL' > /etc/sudoers.d/ops && chmod 440 /etc/sudoers.d/ops";

    @AfterAll
    static void down() {
        if (lab != null) lab.close();
    }

    static CliRun provision(Path inventory, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("provision", inventory.toString(), "--artifacts", artifacts.toString(),
                "--health-timeout", "120"));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    @Order(1)
    void freshLabProvisionedThroughSudoBecomesAHealthyClusterRunAsNonRootUsers() throws Exception {
        Path inv = Files.writeString(Files.createTempDirectory("inv").resolve("hosts.yml"),
                Files.readString(INVENTORY).replace("    ansible_user: root\n", "    ansible_user: ops\n    ansible_become: true\n"));
        assertThat(Files.readString(inv)).contains("ansible_become: true");
        long start = System.nanoTime();
        CliRun run = provision(inv);
        System.out.printf("[bench] fresh provision of 3 ZooKeeper + 3 brokers through ops + sudo: %.1f s%n",
                (System.nanoTime() - start) / 1e9);
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("ZooKeeper ensemble healthy").contains("Kafka cluster healthy").contains("canary: produced and consumed");
        for (String h : BROKERS) {
            assertThat(cluster.sh(h, "ps -o user= -C java")).isEqualTo("kafka");
            assertThat(cluster.sh(h, "systemctl is-enabled kafka-server")).isEqualTo("enabled");
            assertThat(cluster.kafkaHomeLink(h)).isEqualTo("/usr/local/kafka_2.12-2.1.1");
            assertThat(cluster.sh(h, "stat -c '%U %a' /usr/local/kafka/config/server.properties")).isEqualTo("kafka 600");
            assertThat(cluster.sh(h, "stat -c '%U %a' /data/kafka-logs")).isEqualTo("kafka 750");
        }
        for (String h : ZK) {
            assertThat(cluster.sh(h, "ps -o user= -C java")).isEqualTo("zookeeper");
            assertThat(cluster.sh(h, "systemctl is-enabled zookeeper-server")).isEqualTo("enabled");
            assertThat(cluster.sh(h, "cat /data/zk/myid")).isEqualTo(h.substring(h.length() - 1));
            assertThat(cluster.sh(h, "stat -c '%U %a' /usr/local/zookeeper/conf/zoo.cfg /data/zk"))
                    .isEqualTo("zookeeper 644\nzookeeper 750");
        }
        for (String h : ALL) {
            // sudo ran it all: nothing the SSH user staged is left owned by it, and no file of it is left behind
            assertThat(cluster.sh(h, "find /usr/local/kafka_2.12-2.1.1 /usr/local/apache-zookeeper-3.8.4-bin /var/cache/orchestrator"
                    + " /data /etc/systemd/system -user ops 2>/dev/null | head -5")).as(h).isEmpty();
            assertThat(cluster.sh(h, "stat -c '%U %G' /var/cache/orchestrator/* /etc/systemd/system/*-server.service | sort -u"))
                    .as(h).isEqualTo("root root");
            assertThat(cluster.sh(h, "ls -A /tmp /home/ops")).as(h).doesNotContain("orchestrator").doesNotContain("kafka_");
        }
    }

    @Test
    @Order(2)
    void aSecondRunChangesNothingAndRestartsNothing() throws Exception {
        Map<String, String> zkBefore = cluster.unitStarts(ZK, InstallLayout.ZOOKEEPER_UNIT);
        Map<String, String> brokersBefore = cluster.unitStarts(BROKERS, InstallLayout.KAFKA_UNIT);
        long start = System.nanoTime();
        CliRun run = provision(INVENTORY);
        System.out.printf("[bench] no-change provision re-run: %.1f s%n", (System.nanoTime() - start) / 1e9);
        assertThat(run.exit()).as(run.out()).isZero();
        for (String h : ZK) assertThat(run.out()).contains("[" + h + "] no changes");
        for (String h : BROKERS) assertThat(run.out()).contains("[" + h + "] no changes");
        assertThat(run.out()).doesNotContain("... ok");
        assertThat(cluster.unitStarts(ZK, InstallLayout.ZOOKEEPER_UNIT)).isEqualTo(zkBefore);
        assertThat(cluster.unitStarts(BROKERS, InstallLayout.KAFKA_UNIT)).isEqualTo(brokersBefore);
    }

    @Test
    @Order(3)
    void aHeapChangeIsShownForEveryBrokerWrittenAndNeverRestartsAllBrokers() throws Exception {
        Path inv = variant("kafka_heap_opts: \"-Xms384m -Xmx384m\"");
        Map<String, String> before = cluster.unitStarts(BROKERS, InstallLayout.KAFKA_UNIT);
        CliRun dry = provision(inv, "--dry-run");
        assertThat(dry.exit()).isZero();
        for (String h : BROKERS) {
            assertThat(dry.out()).contains("[" + h + "] will update /etc/systemd/system/kafka-server.service");
            assertThat(dry.out()).contains("[" + h + "] will kafka-server needs a restart");
        }
        assertThat(dry.out()).contains("+Environment=\"KAFKA_HEAP_OPTS=-Xms384m -Xmx384m\"").contains("dry run: nothing changed");
        assertThat(cluster.sh("pkafka1", "grep -c Xmx384m /etc/systemd/system/kafka-server.service || true")).isEqualTo("0");

        CliRun run = provision(inv);
        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(cluster.sh("pkafka1", "grep -c Xmx384m /etc/systemd/system/kafka-server.service")).isEqualTo("1");
        // documented behaviour: written, not restarted; the restart goes through the gated roll
        assertThat(cluster.unitStarts(BROKERS, InstallLayout.KAFKA_UNIT)).isEqualTo(before);
        assertThat(run.out()).contains("run: orchestrator restart");
    }

    @Test
    @Order(4)
    void aWrongBrokerIdAgainstExistingDataIsRefusedAndNothingIsTouched() throws Exception {
        Path inv = variantFor("pkafka1", "broker_id: 7");
        String meta = cluster.sh("pkafka1", "cat /data/kafka-logs/meta.properties");
        String props2 = cluster.sh("pkafka2", "md5sum /usr/local/kafka/config/server.properties");
        CliRun run = provision(inv);
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("[pkafka1] REFUSED: /data/kafka-logs/meta.properties on pkafka1 belongs to broker.id 1")
                .contains("nothing was touched");
        assertThat(cluster.sh("pkafka1", "cat /data/kafka-logs/meta.properties")).isEqualTo(meta);
        assertThat(cluster.sh("pkafka2", "md5sum /usr/local/kafka/config/server.properties")).isEqualTo(props2);
    }

    /**
     * The host is cut in the middle of its writes: the moment the first staged or written file of the run shows on its
     * disk, its processes are frozen (cgroup), its link taken down, and they are thawed. The run must name it and carry
     * on with the others; afterwards no file on it is half old, half new, and no staged file is left anywhere a write
     * stages one (/tmp, beside the target, the tarball cache).
     */
    @Test
    @Order(5)
    void aHostCutDuringItsWritesIsNamedOthersAreReportedAndNoHalfWrittenOrStagedFileRemains() throws Exception {
        Path inv = variant("kafka_heap_opts: \"-Xms320m -Xmx320m\"\n    kafka_jmx_port: 9998");
        List<String> written = List.of(InstallLayout.kafkaConfig("jmx"), InstallLayout.unitFile(InstallLayout.KAFKA_UNIT));
        Map<String, String> before = contents("pkafka3", written);
        Path root = Path.of("/proc/" + lab.lab().initPid(lab.name(), "pkafka3").orElseThrow() + "/root");
        CompletableFuture<CliRun> running = CompletableFuture.supplyAsync(() -> provision(inv));
        String seen;
        try {
            seen = firstWrite(root, written, before, running);
            freezeCutThaw("pkafka3");
        } catch (Exception | Error e) {
            lab.heal("pkafka3");
            running.join();
            throw e;
        }
        System.out.println("[cut] pkafka3 cut when " + seen);
        CliRun run;
        try {
            run = running.get(150, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            lab.heal("pkafka3");
            running.join();
            throw new AssertionError("provision did not notice within 150 s that pkafka3 was cut (" + seen + ")");
        } finally {
            lab.heal("pkafka3");
        }
        assertThat(run.exit()).isNotZero();
        assertThat(run.out()).containsPattern("\\[pkafka3\\] (UNREACHABLE|FAILED)");
        assertThat(run.out()).containsPattern("pkafka1\\s+ok, \\d+ change").containsPattern("pkafka3\\s+(UNREACHABLE|FAILED)");
        assertThat(cluster.sh("pkafka1", "grep -c Xmx320m " + InstallLayout.unitFile(InstallLayout.KAFKA_UNIT))).isEqualTo("1");

        // a command the cut caught may still be finishing once the link is back (TCP retries): give it time, then look
        Await.until("no staged file left on any broker", Duration.ofSeconds(150),
                () -> BROKERS.stream().allMatch(h -> staged(h).isEmpty()));
        Map<String, String> cutOff = contents("pkafka3", written);
        CliRun again = provision(inv);
        assertThat(again.exit()).as(again.out()).isZero();
        Map<String, String> after = contents("pkafka3", written);
        for (String f : written) {
            assertThat(cutOff.get(f)).as("%s on pkafka3 after the cut: the old file or the new one, whole", f)
                    .isIn(before.get(f), after.get(f));
        }
        assertThat(after.get(InstallLayout.unitFile(InstallLayout.KAFKA_UNIT))).contains("Xmx320m");
    }

    @Test
    @Order(6)
    void dataDirsMovedOffLiveDataAreRefusedAndNothingIsTouched() throws Exception {
        Path inv = variantFor("pkafka1", "kafka_log_dirs: [/data/elsewhere]");
        inv = Files.writeString(inv, Files.readString(inv)
                .replaceFirst("(pzk1: \\{ansible_host: [0-9.]+)\\}", "$1, zookeeper_data_dir: /data/zk2}"));
        String props = cluster.sh("pkafka1", "md5sum /usr/local/kafka/config/server.properties");
        String zoo = cluster.sh("pzk1", "md5sum /usr/local/zookeeper/conf/zoo.cfg");
        CliRun run = provision(inv);
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("[pkafka1] REFUSED: /usr/local/kafka/config/server.properties on pkafka1"
                        + " has log.dirs=/data/kafka-logs"
                        + " and /data/kafka-logs holds data (meta.properties), but the inventory plans log.dirs=/data/elsewhere")
                .contains("set kafka_log_dirs: [/data/kafka-logs] in the inventory")
                .contains("[pzk1] REFUSED: /usr/local/zookeeper/conf/zoo.cfg on pzk1 has dataDir=/data/zk and /data/zk holds data"
                        + " (version-2), but the inventory plans dataDir=/data/zk2")
                .contains("nothing was touched");
        assertThat(cluster.sh("pkafka1", "md5sum /usr/local/kafka/config/server.properties")).isEqualTo(props);
        assertThat(cluster.sh("pzk1", "md5sum /usr/local/zookeeper/conf/zoo.cfg")).isEqualTo(zoo);
        assertThat(cluster.sh("pkafka1", "test -e /data/elsewhere || echo absent")).isEqualTo("absent");
    }

    /** Files and dirs named as a write or upload stages them, in every place one is staged, on a host. */
    static String staged(String host) {
        try {
            return cluster.sh(host, "find /tmp /etc/systemd/system /usr/local /var/cache/orchestrator -xdev -maxdepth 3"
                    + " \\( -name '*.orchestrator-*' -o -name '.orchestrator-*' -o -name '*.part-*' \\) 2>/dev/null");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Map<String, String> contents(String host, List<String> files) throws Exception {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (String f : files) m.put(f, cluster.sh(host, "cat " + f));
        return m;
    }

    /** Spins until the run stages or writes its first file on the host (seen through its root), and says which. */
    static String firstWrite(Path root, List<String> files, Map<String, String> before, CompletableFuture<CliRun> running)
            throws Exception {
        List<Path> dirs = new java.util.ArrayList<>(List.of(root.resolve("tmp"), root.resolve("var/cache/orchestrator")));
        List<Path> targets = new java.util.ArrayList<>();
        for (String f : files) {
            // the Kafka home is a symlink to an absolute path: resolve it inside the host's root, not the machine's
            String real = f.startsWith(InstallLayout.KAFKA_HOME + "/")
                    ? Files.readSymbolicLink(root.resolve(InstallLayout.KAFKA_HOME.substring(1)))
                            + f.substring(InstallLayout.KAFKA_HOME.length())
                    : f;
            targets.add(root.resolve(real.substring(1)));
            dirs.add(root.resolve(real.substring(1)).getParent());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && !running.isDone()) {
            for (Path d : dirs) {
                try (java.util.stream.Stream<Path> list = Files.list(d)) {
                    java.util.Optional<String> hit = list.map(p -> p.getFileName().toString())
                            .filter(n -> n.contains(".orchestrator-") || n.contains(".part-")).findFirst();
                    if (hit.isPresent()) return "staged " + d.resolve(hit.get()).toString().substring(root.toString().length());
                } catch (java.nio.file.NoSuchFileException e) {
                    // not there yet
                }
            }
            for (int i = 0; i < targets.size(); i++) {
                if (!Files.readString(targets.get(i)).strip().equals(before.get(files.get(i)))) return "written " + files.get(i);
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("the run wrote nothing on pkafka3 (" + (running.isDone() ? running.join().out() : "120 s") + ")");
    }

    /** Freezes every process of the host, takes its link down, thaws them: the cut lands exactly where they were. */
    static void freezeCutThaw(String host) throws Exception {
        lab.freeze(host, true);
        try {
            lab.cut(host);
        } finally {
            lab.freeze(host, false);
        }
    }

    /** A copy of the inventory with one more all-vars line. */
    static Path variant(String allVarLine) throws Exception {
        String text = Files.readString(INVENTORY).replace("    kafka_version: \"2.1.1\"\n", "    kafka_version: \"2.1.1\"\n    " + allVarLine + "\n");
        Path dir = Files.createTempDirectory("inv");
        return Files.writeString(dir.resolve("hosts.yml"), text);
    }

    /** A copy of the inventory with one more variable on one host. */
    static Path variantFor(String host, String var) throws Exception {
        String text = Files.readString(INVENTORY).replaceFirst("(" + host + ": \\{ansible_host: [0-9.]+)\\}", "$1, " + var + "}");
        Path dir = Files.createTempDirectory("inv");
        return Files.writeString(dir.resolve("hosts.yml"), text);
    }
}
