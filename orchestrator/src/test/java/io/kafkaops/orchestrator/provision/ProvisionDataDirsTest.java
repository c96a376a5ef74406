package io.kafkaops.orchestrator.provision;

import io.kafkaops.orchestrator.testkit.TestSecurity;
import io.kafkaops.orchestrator.cluster.NodeSettings;
import io.kafkaops.orchestrator.host.HostFacts;
import io.kafkaops.orchestrator.install.Artifact;
import io.kafkaops.orchestrator.install.InstallLayout;
import io.kafkaops.orchestrator.plan.HostPlan;
import io.kafkaops.orchestrator.plan.PlannedFile;
import io.kafkaops.orchestrator.ssh.CommandResult;
import io.kafkaops.orchestrator.testkit.FakeHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Provision never moves a service off a data dir that holds data, and never touches data that belongs to another
 * ZooKeeper member or a hand-made install dir. The moved-dir cases run the real facts script under sh (a {@link FakeHost}
 * hands it to the machine's own sh) against a host laid out in a temp dir; the others feed the script's lines.
 */
class ProvisionDataDirsTest {
    static final ProvisionDiff.Install KAFKA =
            new ProvisionDiff.Install("/usr/local/kafka_2.12-2.1.1", new Artifact(Path.of("/dist/kafka_2.12-2.1.1.tgz"), "ab"));
    static final ProvisionDiff.Install ZK = new ProvisionDiff.Install("/usr/local/apache-zookeeper-3.8.4-bin",
            new Artifact(Path.of("/dist/apache-zookeeper-3.8.4-bin.tar.gz"), "cd"));

    @TempDir
    Path root;

    static NodeSettings node(boolean broker, boolean zookeeper, List<String> logDirs, String dataDir) {
        return new NodeSettings("host1", "10.0.0.1", broker, zookeeper, broker ? 1 : null, zookeeper ? 1 : null, null, logDirs, 3, 8, 1,
                "-Xms512m -Xmx512m", "-Xmx256m", "zk1:2181", List.of(), dataDir, 2181, 3, 2, null, null,
                InstallLayout.KAFKA_HOME, InstallLayout.ZOOKEEPER_HOME, 9999, broker ? TestSecurity.plaintext("10.0.0.1") : null, NodeSettings.Services.DEFAULTS);
    }

    static HostPlan plan(NodeSettings node) {
        return new HostPlan("host1", "10.0.0.1", List.of(node.broker() ? "broker" : "zookeeper"), node, List.of(
                new PlannedFile(InstallLayout.kafkaConfig("server.properties"), "kafka", "0644",
                        "log.dirs=" + String.join(",", node.logDirs()) + "\n", false, "server.properties.j2"),
                new PlannedFile(InstallLayout.zookeeperConfig("zoo.cfg"), "zookeeper", "0644", "dataDir=" + node.zookeeperDataDir() + "\n",
                        false, "zoo.cfg.j2")));
    }

    /** The host as the real script reads it: the layout under the temp dir, the installed configs naming {@code live}. */
    HostFacts readHost(String serverProperties, String zooCfg) throws IOException {
        InstallLayout.ReadPlaces at = InstallLayout.under(root.toString());
        Path kafkaConf = Files.createDirectories(root.resolve("usr/local/kafka_2.12-2.1.1/config"));
        Path zkConf = Files.createDirectories(root.resolve("usr/local/apache-zookeeper-3.8.4-bin/conf"));
        Files.createSymbolicLink(Path.of(at.kafkaHome()), kafkaConf.getParent());
        Files.createSymbolicLink(Path.of(at.zookeeperHome()), zkConf.getParent());
        if (serverProperties != null) Files.writeString(kafkaConf.resolve("server.properties"), serverProperties);
        if (zooCfg != null) Files.writeString(zkConf.resolve("zoo.cfg"), zooCfg);
        Path bin = Files.createDirectories(root.resolve("bin"));
        Files.writeString(bin.resolve("systemctl"), "#!/bin/sh\necho inactive\n");
        Files.writeString(bin.resolve("journalctl"), "#!/bin/sh\ntrue\n");
        for (String s : List.of("systemctl", "journalctl")) {
            Files.setPosixFilePermissions(bin.resolve(s), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        FakeHost host = new FakeHost("host1").answers("^set -- ", command -> localSh(command, bin + ":" + System.getenv("PATH")));
        return HostFacts.read(host, "host1", at, List.of(), List.of());
    }

    static CommandResult localSh(String command, String path) {
        try {
            ProcessBuilder pb = new ProcessBuilder("sh", "-c", command).redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("PATH", path);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) throw new IllegalStateException("facts script hung");
            return new CommandResult(command, p.exitValue(), out, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aLogDirsChangeOffALiveDirWithMetaPropertiesIsRefusedNamingBothPathsAndTheFix() throws IOException {
        Path live = Files.createDirectories(root.resolve("var/lib/kafka"));
        Files.writeString(live.resolve("meta.properties"), "version=0\nbroker.id=1\n");
        String planned = root + "/data/kafka-logs";
        HostFacts facts = readHost("broker.id=1\nlog.dirs=" + live + "\n", null);

        HostChanges c = ProvisionDiff.of(plan(node(true, false, List.of(planned), "/data/zk")), facts, ZK, KAFKA);
        assertThat(c.changes()).isEmpty();
        assertThat(c.refusals()).singleElement().asString()
                .contains("/usr/local/kafka/config/server.properties on host1 has log.dirs=" + live)
                .contains(live + " holds data (meta.properties)")
                .contains("the inventory plans log.dirs=" + planned)
                .contains("set kafka_log_dirs: [" + live + "] in the inventory, or move the data to " + planned + " yourself");
    }

    @Test
    void aLogDirDroppedFromTheListWhileItHoldsPartitionsIsRefused() throws IOException {
        Path kept = Files.createDirectories(root.resolve("disk1/kafka-logs"));
        Path dropped = Files.createDirectories(root.resolve("disk2/kafka-logs/orders-3"));
        Files.writeString(kept.resolve("meta.properties"), "version=0\nbroker.id=1\n");
        HostFacts facts = readHost("log.dirs=" + kept + "," + dropped.getParent() + "\n", null);

        HostChanges c = ProvisionDiff.of(plan(node(true, false, List.of(kept.toString()), "/data/zk")), facts, ZK, KAFKA);
        assertThat(c.refusals()).singleElement().asString().contains(dropped.getParent() + " holds data (partition dirs)")
                .contains("kafka_log_dirs: [" + kept + ", " + dropped.getParent() + "]");
    }

    @Test
    void aDataDirChangeOffALiveZooKeeperDataDirIsRefused() throws IOException {
        Path live = Files.createDirectories(root.resolve("var/lib/zookeeper/version-2"));
        String planned = root + "/data/zk";
        HostFacts facts = readHost(null, "tickTime=2000\ndataDir=" + live.getParent() + "\n");

        HostChanges c = ProvisionDiff.of(plan(node(false, true, List.of(), planned)), facts, ZK, KAFKA);
        assertThat(c.changes()).isEmpty();
        assertThat(c.refusals()).singleElement().asString()
                .contains("/usr/local/zookeeper/conf/zoo.cfg on host1 has dataDir=" + live.getParent())
                .contains("holds data (version-2)").contains("the inventory plans dataDir=" + planned)
                .contains("set zookeeper_data_dir: " + live.getParent() + " in the inventory");
    }

    @Test
    void movingOffDirsThatHoldNoDataAndKeepingDirsThatDoAreNotRefused() throws IOException {
        Path emptyLive = Files.createDirectories(root.resolve("var/lib/kafka"));
        Files.writeString(emptyLive.resolve(".lock"), "");
        Path zkLive = Files.createDirectories(root.resolve("data/zk/version-2")).getParent();
        HostFacts facts = readHost("log.dirs=" + emptyLive + "\n", "dataDir=" + zkLive + "\n");

        assertThat(ProvisionDiff.of(plan(node(true, false, List.of(root + "/data/kafka-logs"), "/x")), facts, ZK, KAFKA).refusals())
                .isEmpty();
        assertThat(ProvisionDiff.of(plan(node(false, true, List.of(), zkLive.toString())), facts, ZK, KAFKA).refusals()).isEmpty();
    }

    @Test
    void aLiveDirTheReadCannotLookIntoCountsAsHoldingData() {
        HostFacts facts = HostFacts.parse("host1",
                "java\tversion\t17\nlive\tkafka\t/var/lib/kafka\ndata\t/var/lib/kafka\tunreadable by ops\n");
        assertThat(ProvisionDiff.of(plan(node(true, false, List.of("/data/kafka-logs"), "/x")), facts, ZK, KAFKA).refusals())
                .singleElement().asString().contains("/var/lib/kafka holds data (unreadable by ops)");
    }

    @Test
    void aMyidOfAnotherMemberInThePlannedDataDirIsRefused() throws IOException {
        FakeHost host = new FakeHost("host1").answers("^set -- ", "java\tversion\t17\ndir\t/data/zk\tzookeeper 750\nmyid\t/data/zk\t2\n");
        HostPlan plan = plan(node(false, true, List.of(), "/data/zk"));
        HostChanges c = ProvisionDiff.of(plan, FactsScript.read(host, plan), ZK, KAFKA);
        assertThat(c.changes()).isEmpty();
        assertThat(c.refusals()).singleElement().asString()
                .isEqualTo("/data/zk/myid on host1 says 2 but the inventory gives myid 1; refusing to touch this host"
                        + " - fix the inventory's myid, or move the data away yourself");
    }

    @Test
    void aRealDirectoryWhereTheVersionedLinkGoesIsRefused() throws IOException {
        FakeHost host = new FakeHost("host1").answers("^set -- ", "java\tversion\t17\nlink\t/usr/local/kafka\tnot-a-link\n");
        HostPlan plan = plan(node(true, false, List.of("/data/kafka-logs"), "/data/zk"));
        HostChanges c = ProvisionDiff.of(plan, FactsScript.read(host, plan), ZK, KAFKA);
        assertThat(c.changes()).isEmpty();
        assertThat(c.refusals()).singleElement().asString()
                .isEqualTo("/usr/local/kafka on host1 is a real directory, not a symlink;"
                        + " move it aside so the versioned layout can be used");
    }
}
