package io.kafkaops.orchestrator.host;

import io.kafkaops.orchestrator.install.InstallLayout;
import io.kafkaops.orchestrator.install.InstallLayout.ReadPlaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The one read of a host: provision's facts and the roll's Kafka part in one script, one parse. */
class HostFactsTest {
    static String fact(String kind, String key, String value) {
        return kind + "\t" + key + "\t" + value + "\n";
    }

    /** What the one read prints on a broker running 2.6.3 with 2.1 pins, mid-recovery. */
    static final String BROKER = fact("java", "version", "openjdk version \"17.0.2\"")
            + fact("link", "/usr/local/kafka", "/usr/local/kafka_2.12-2.6.3") + fact("link", "/usr/local/zookeeper", "absent")
            + fact("installed", "/usr/local/kafka_2.12-2.6.3", "bin config libs ") + fact("user", "kafka", "999")
            + fact("enabled", "kafka-server", "enabled") + fact("active", "kafka-server", "active") + fact("pid", "kafka-server", "4242")
            + fact("file", "/usr/local/kafka/config/server.properties",
                    "kafka 644 " + Base64.getEncoder().encodeToString("broker.id=1\n".getBytes(StandardCharsets.UTF_8)))
            + fact("dir", "/data/kafka-logs", "kafka 750") + fact("meta", "/data/kafka-logs", "1")
            + fact("staged", "/var/cache/orchestrator/kafka_2.12-2.6.3.tgz", "68000000")
            + """
            link=/usr/local/kafka_2.12-2.6.3
            active=active
            pin.inter.broker.protocol.version=2.1
            pin.log.message.format.version=2.1
            startlog.lines=90
            startlog.version=[2026-11-25 23:30:01,004] INFO Kafka version: 2.6.3\t(org.apache.kafka.common.utils.AppInfoParser)
            startlog.loading=1
            startlog.loaded=120
            startlog.done=0
            """;

    @Test
    void oneParseGivesProvisionsFactsAndTheRollsReadingOfTheKafkaInstall() {
        HostFacts f = HostFacts.parse("kafka1", BROKER);
        assertThat(f.java()).contains("openjdk version \"17.0.2\"");
        assertThat(f.link("/usr/local/kafka")).contains("/usr/local/kafka_2.12-2.6.3");
        assertThat(f.link("/usr/local/zookeeper")).isEmpty();
        assertThat(f.active("kafka-server")).isTrue();
        assertThat(f.unitPid()).containsEntry("kafka-server", 4242L);
        assertThat(f.file("/usr/local/kafka/config/server.properties"))
                .contains(new HostFacts.ExistingFile("kafka", "644", "broker.id=1\n"));
        assertThat(f.metaBrokerIds()).isEqualTo(Map.of("/data/kafka-logs", 1));
        assertThat(f.staged()).containsEntry("/var/cache/orchestrator/kafka_2.12-2.6.3.tgz", 68000000L);

        // the same HostReading a roll gets from its own read of the host
        assertThat(f.kafka()).isEqualTo(HostReading.parse(BROKER));
        assertThat(f.kafka().version()).contains("2.6.3");
        assertThat(f.kafka().active()).isTrue();
        assertThat(f.kafka().pins()).isEqualTo(Map.of("inter.broker.protocol.version", "2.1", "log.message.format.version", "2.1"));
        // a start-log line with a tab in it stays the broker's word, not a fact
        assertThat(f.kafka().startLog().version()).contains("2.6.3");
        assertThat(f.kafka().startLog().recovery()).isPresent();
    }

    @Test
    void factsWithoutTheKafkaPartReadAsNoKafka() {
        HostFacts f = HostFacts.parse("zk1", fact("java", "version", "absent") + fact("link", "/usr/local/kafka", "absent"));
        assertThat(f.java()).isEmpty();
        assertThat(f.kafka().link()).isEmpty();
        assertThat(f.kafka().active()).isFalse();
        assertThat(f.kafka().startLog()).isEqualTo(BrokerStartLog.NOTHING);
    }

    @Test
    void theRollsReadIsUnchangedAndIsTheKafkaPartOfTheOneRead() {
        // the text rolls run, byte for byte: a broker's server.properties or a controller's controller.properties, its
        // metadata mode, and the broker.id (ZooKeeper mode) or node.id (KRaft) of each log dir
        assertThat(HostReading.command()).isEqualTo("echo link=$(readlink /usr/local/kafka); "
                + "echo active=$(systemctl is-active kafka-server); "
                + "sed -n 's/^[[:space:]]*\\(inter.broker.protocol.version\\|log.message.format.version\\)"
                + "[[:space:]]*=[[:space:]]*/pin.\\1=/p' "
                + "/usr/local/kafka/config/server.properties /usr/local/kafka/config/controller.properties 2>/dev/null; "
                // the metadata mode: which file the node has, and its ZooKeeper / migration / KRaft keys
                + "for f in /usr/local/kafka/config/server.properties /usr/local/kafka/config/controller.properties; do "
                + "[ -f \"$f\" ] && echo config=$f; done; "
                + "sed -n 's/^[[:space:]]*\\(process.roles\\|zookeeper.metadata.migration.enable\\)[[:space:]]*=[[:space:]]*/mode.\\1=/p' "
                + "/usr/local/kafka/config/server.properties /usr/local/kafka/config/controller.properties 2>/dev/null; "
                + "for d in $(sed -n 's/^[[:space:]]*log\\.dirs\\{0,1\\}[[:space:]]*=[[:space:]]*//p'"
                + " /usr/local/kafka/config/server.properties /usr/local/kafka/config/controller.properties"
                + " 2>/dev/null | tail -1 | tr ',' ' '); do sed -n \"s,^[[:space:]]*\\(broker\\|node\\)\\.id[[:space:]]*=[[:space:]]*,disk.$d=,p\" "
                + "\"$d/meta.properties\" 2>/dev/null; done; "
                + "journalctl -u kafka-server _SYSTEMD_INVOCATION_ID=$(systemctl show -p InvocationID --value kafka-server) "
                + "-o cat --no-pager 2>/dev/null | head -n 200000 | awk '/Kafka version ?:/ && v == \"\" {v = $0} "
                + "/Loading logs/ {l++} /Completed load of log/ {c++} "
                + "/Logs loading complete|Loaded [0-9]+ logs|\\] started \\(kafka\\.server\\./ {d++} {n++} "
                + "END {print \"startlog.lines=\" n+0; print \"startlog.version=\" v; print \"startlog.loading=\" l+0; "
                + "print \"startlog.loaded=\" c+0; print \"startlog.done=\" d+0}'; true");
        String one = HostFacts.command(InstallLayout.ON_HOSTS, List.of("/usr/local/kafka/config/server.properties"),
                List.of("/data/kafka-logs"));
        assertThat(one).startsWith("set -- '/usr/local/kafka/config/server.properties' -- '/data/kafka-logs'\n")
                .contains("\nLINKS='/usr/local/kafka /usr/local/zookeeper'\n", "\nCACHE='/var/cache/orchestrator'\n",
                        "\nKAFKA_CONFIG='/usr/local/kafka/config/server.properties'\n",
                        "\nZOOKEEPER_CONFIG='/usr/local/zookeeper/conf/zoo.cfg'\n")
                .endsWith("\n" + HostReading.command() + "\n");
    }

    /** The script itself under a real sh, against a copy of the layout in a temp dir; systemctl and journalctl are stubs. */
    @Test
    void theScriptPrintsWhatTheParserReads(@TempDir Path root) throws Exception {
        ReadPlaces at = InstallLayout.under(root.toString());
        Path release = Files.createDirectories(root.resolve("usr/local/kafka_2.12-2.6.3/config"));
        Files.writeString(release.resolve("server.properties"),
                "broker.id=3\n inter.broker.protocol.version = 2.1\nlog.message.format.version=2.1\n");
        Files.createSymbolicLink(Path.of(at.kafkaHome()), release.getParent());
        Path cache = Files.createDirectories(Path.of(at.cache()));
        Files.write(cache.resolve("kafka_2.12-2.6.3.tgz"), new byte[1234]);
        Path logs = Files.createDirectories(root.resolve("data/kafka-logs"));
        Files.writeString(logs.resolve("meta.properties"), "version=0\nbroker.id=3\n");
        Path bin = Files.createDirectories(root.resolve("bin"));
        stub(bin, "systemctl", """
                case "$*" in
                  is-active*) echo active;;
                  is-enabled*) echo enabled;;
                  *MainPID*) echo 4242;;
                  *InvocationID*) echo abc;;
                esac""");
        stub(bin, "journalctl", """
                echo '[2026-11-25 23:30:01,004] INFO Kafka version: 2.6.3 (org.apache.kafka.common.utils.AppInfoParser)'
                echo '[2026-11-25 23:30:02,000] INFO Loading logs from log dirs (kafka.log.LogManager)'
                echo '[2026-11-25 23:30:03,000] INFO Completed load of log with 1 segments (kafka.log.Log)'""");
        String serverProperties = at.kafkaConfig("server.properties");

        String path = bin + ":" + System.getenv("PATH");
        List<String> dataDirs = List.of(logs.toString(), root + "/data/zk");
        String out = sh(HostFacts.command(at, List.of(serverProperties, root + "/etc/missing"), dataDirs), path);
        HostFacts f = HostFacts.parse("kafka3", out);

        assertThat(f.link(at.kafkaHome())).contains(release.getParent().toString());
        assertThat(f.link(at.zookeeperHome())).isEmpty();
        assertThat(f.installed()).isEqualTo(Map.of(release.getParent().toString(), "config "));
        assertThat(f.active("kafka-server")).isTrue();
        assertThat(f.enabled("kafka-server")).isTrue();
        assertThat(f.unitPid()).containsEntry("kafka-server", 4242L);
        assertThat(f.file(serverProperties).map(HostFacts.ExistingFile::content)).contains(Files.readString(Path.of(serverProperties)));
        assertThat(f.file(root + "/etc/missing")).isEmpty();
        assertThat(f.dirExists(logs.toString())).isTrue();
        assertThat(f.dirExists(root + "/data/zk")).isFalse();
        assertThat(f.metaBrokerIds()).isEqualTo(Map.of(logs.toString(), 3));
        assertThat(f.staged()).isEqualTo(Map.of(cache.resolve("kafka_2.12-2.6.3.tgz").toString(), 1234L));
        assertThat(f.liveLogDirs()).isEmpty();
        assertThat(f.liveZookeeperDataDir()).isEmpty();
        assertThat(f.dataIn()).isEmpty();

        assertThat(f.kafka().link()).contains(release.getParent().toString());
        assertThat(f.kafka().version()).contains("2.6.3");
        assertThat(f.kafka().active()).isTrue();
        assertThat(f.kafka().pins()).isEqualTo(Map.of("inter.broker.protocol.version", "2.1", "log.message.format.version", "2.1"));
        assertThat(f.kafka().startLog().version()).contains("2.6.3");
        assertThat(f.kafka().startLog().logsLoaded()).isEqualTo(1);
        // the roll's own read of the same host says the same
        assertThat(HostReading.parse(sh(HostReading.command(at), path))).isEqualTo(f.kafka());
    }

    /** The live data dirs come from the installed configs, and each says what shows it holds data (or nothing). */
    @Test
    void theScriptReadsTheLiveDataDirsAndWhetherTheyHoldData(@TempDir Path root) throws Exception {
        ReadPlaces at = InstallLayout.under(root.toString());
        Path kafkaRelease = Files.createDirectories(root.resolve("usr/local/kafka_2.12-2.1.1/config"));
        Path zkRelease = Files.createDirectories(root.resolve("usr/local/apache-zookeeper-3.8.4-bin/conf"));
        Files.createSymbolicLink(Path.of(at.kafkaHome()), kafkaRelease.getParent());
        Files.createSymbolicLink(Path.of(at.zookeeperHome()), zkRelease.getParent());
        Path withMeta = Files.createDirectories(root.resolve("var/lib/kafka"));
        Files.writeString(withMeta.resolve("meta.properties"), "version=0\nbroker.id=1\n");
        Path withPartitions = Files.createDirectories(root.resolve("disk2/kafka"));
        Files.createDirectories(withPartitions.resolve("orders-0"));
        Path empty = Files.createDirectories(root.resolve("disk3/kafka"));
        Files.writeString(empty.resolve(".lock"), "");
        String missing = root + "/disk4/kafka";
        Files.writeString(kafkaRelease.resolve("server.properties"), "broker.id=1\nlog.dir=/ignored\n log.dirs = "
                + String.join(",", withMeta.toString(), withPartitions.toString(), empty.toString(), missing) + "\n");
        Path zkData = Files.createDirectories(root.resolve("var/lib/zookeeper/version-2"));
        Files.writeString(zkRelease.resolve("zoo.cfg"), "tickTime=2000\ndataDir=" + zkData.getParent() + "\n");
        Path bin = Files.createDirectories(root.resolve("bin"));
        stub(bin, "systemctl", "true");
        stub(bin, "journalctl", "true");

        HostFacts f = HostFacts.parse("host1", sh(HostFacts.command(at, List.of(), List.of()), bin + ":" + System.getenv("PATH")));
        assertThat(f.liveLogDirs()).containsExactly(withMeta.toString(), withPartitions.toString(), empty.toString(), missing);
        assertThat(f.liveZookeeperDataDir()).contains(zkData.getParent().toString());
        assertThat(f.dataIn()).isEqualTo(Map.of(withMeta.toString(), "meta.properties", withPartitions.toString(), "partition dirs",
                zkData.getParent().toString(), "version-2"));
        assertThat(f.kafka().brokerIdOnDisk()).contains(1);
    }

    /** A KRaft controller: controller.properties is its config, meta.properties holds node.id, and the dir is read whole. */
    @Test
    void aControllersLiveDirItsNodeIdAndItsMetaPropertiesAreRead(@TempDir Path root) throws Exception {
        ReadPlaces at = InstallLayout.under(root.toString());
        Path release = Files.createDirectories(root.resolve("usr/local/kafka_2.13-4.1.1/config"));
        Files.createSymbolicLink(Path.of(at.kafkaHome()), release.getParent());
        Path metadata = Files.createDirectories(root.resolve("data/kafka-logs"));
        Files.writeString(metadata.resolve("meta.properties"), "#\nnode.id=9992\ndirectory.id=Zz\nversion=1\ncluster.id=VXAYWBDYRPuKgkXnbbr3tQ\n");
        Files.writeString(release.resolve("controller.properties"), "process.roles=controller\nnode.id=9992\nlog.dirs=" + metadata + "\n");
        Path empty = Files.createDirectories(root.resolve("data2/kafka-logs"));
        Path bin = Files.createDirectories(root.resolve("bin"));
        stub(bin, "systemctl", "true");
        stub(bin, "journalctl", "true");

        HostFacts f = HostFacts.parse("kctl2", sh(HostFacts.command(at, List.of(), List.of(metadata.toString(), empty.toString())),
                bin + ":" + System.getenv("PATH")));
        assertThat(f.liveLogDirs()).containsExactly(metadata.toString());
        assertThat(f.kafka().brokerIdOnDisk()).contains(9992);
        assertThat(f.metaProperties().get(metadata.toString())).containsEntry("cluster.id", "VXAYWBDYRPuKgkXnbbr3tQ")
                .containsEntry("node.id", "9992").containsEntry("version", "1");
        assertThat(f.nonEmptyDirs()).containsExactly(metadata.toString());
    }

    private static void stub(Path bin, String name, String body) throws IOException {
        Path p = bin.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static String sh(String command, String path) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", command).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("PATH", path);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
