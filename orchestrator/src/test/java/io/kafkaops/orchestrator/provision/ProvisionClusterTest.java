package io.kafkaops.orchestrator.provision;

import io.kafkaops.orchestrator.Workspace;
import io.kafkaops.orchestrator.cluster.Cluster;
import io.kafkaops.orchestrator.cluster.ClusterNode;
import io.kafkaops.orchestrator.cluster.GroupMapping;
import io.kafkaops.orchestrator.install.Artifact;
import io.kafkaops.orchestrator.kafka.KafkaProbe.ClusterView;
import io.kafkaops.orchestrator.lease.ClusterLease;
import io.kafkaops.orchestrator.lease.LeaseHeld;
import io.kafkaops.orchestrator.plan.HostPlan;
import io.kafkaops.orchestrator.plan.PlannedFile;
import io.kafkaops.orchestrator.plan.ProvisionPlan;
import io.kafkaops.orchestrator.provision.ProvisionDiff.Install;
import io.kafkaops.orchestrator.ssh.CommandResult;
import io.kafkaops.orchestrator.ssh.HostUnreachable;
import io.kafkaops.orchestrator.ssh.RemoteHost;
import io.kafkaops.orchestrator.testkit.FakeHost;
import io.kafkaops.orchestrator.testkit.ManualClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The provision use case without a lab: the real plan of the provision-lab inventory, {@link FakeHost}s behind
 * {@link ClusterAccess}, scripted ZooKeeper modes and broker answers, and a clock that moves on every pause.
 */
class ProvisionClusterTest {
    static final Path INVENTORY = Path.of("orchestrator/src/test/resources/provision-lab/hosts.yml");
    static final List<String> ZK = List.of("pzk1", "pzk2", "pzk3");
    static final List<String> BROKERS = List.of("pkafka1", "pkafka2", "pkafka3");
    static final String FRESH = "java\tversion\topenjdk version \"17.0.9\"\n";

    static ProvisionPlan plan;
    static Install zookeeper;
    static Install kafka;

    @BeforeAll
    static void plan() {
        plan = Workspace.load(INVENTORY, GroupMapping.none(), Optional.empty()).plan();
        Cluster c = plan.cluster();
        zookeeper = new Install(c.zookeeper().installDir(), new Artifact(Path.of("/dist/" + c.zookeeper().tarballName()), "cd"));
        kafka = new Install(c.kafka().installDir(), new Artifact(Path.of("/dist/" + c.kafka().tarballName()), "ab"));
    }

    /** Six fake hosts and the services around them, as one scripted network. */
    static final class FakeCluster implements ClusterAccess {
        final Map<String, FakeHost> hosts = new LinkedHashMap<>();
        final Set<String> unreachable = new HashSet<>();
        final Map<String, String> zooKeeperModes = new LinkedHashMap<>();
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        int brokerChecks;
        int canaries;

        FakeCluster(String facts) {
            for (HostPlan h : plan.hosts()) hosts.put(h.host(), new FakeHost(h.host()).answers("^set -- ", facts));
            ensemble("leader", "follower", "follower");
        }

        FakeCluster facts(String host, String facts) {
            hosts.get(host).answers("^set -- ", facts);
            return this;
        }

        void ensemble(String... modes) {
            List<ClusterNode> nodes = plan.cluster().zookeeperNodes();
            for (int i = 0; i < nodes.size(); i++) zooKeeperModes.put(nodes.get(i).address(), modes[i]);
        }

        @Override
        public RemoteHost connect(String host) throws IOException {
            if (unreachable.contains(host)) throw new HostUnreachable("cannot reach " + host + " over SSH: connection refused", null);
            return hosts.get(host);
        }

        @Override
        public Optional<String> zooKeeperMode(String address, int clientPort) {
            events.add("zookeeper mode asked");
            return Optional.ofNullable(zooKeeperModes.get(address)).filter(m -> !m.equals("down"));
        }

        @Override
        public Brokers brokers() {
            brokerChecks++;
            Set<Integer> ids = plan.cluster().brokers().stream().map(b -> b.brokerId().orElseThrow().value()).collect(Collectors.toSet());
            return new Brokers() {
                @Override public ClusterView describe() { return new ClusterView(ids, Optional.of(ids.iterator().next())); }
                @Override public String canary(int brokers, int minIsr) {
                    canaries++;
                    return "produced and consumed offset 0 of the canary";
                }
                @Override public void close() {}
            };
        }

        List<String> commands(String host) {
            return hosts.get(host).commands();
        }
    }

    record Run(int exit, String out) {}

    static Run provision(FakeCluster cluster, boolean dryRun) {
        StringWriter out = new StringWriter();
        ManualClock clock = new ManualClock();
        var options = new ProvisionCluster.Options(dryRun, 10, Duration.ofSeconds(5));
        int exit = new ProvisionCluster(plan, zookeeper, kafka, options, cluster, new Waiting(clock, clock::advance), new PrintWriter(out))
                .run();
        System.out.println(out);
        return new Run(exit, out.toString());
    }

    static String fact(String kind, String key, String value) {
        return kind + "\t" + key + "\t" + value + "\n";
    }

    /** What facts.sh prints on a host where everything planned is in place and running. */
    static String inPlace(HostPlan h) {
        StringBuilder f = new StringBuilder(FRESH);
        if (h.node().broker()) {
            f.append(fact("link", "/usr/local/kafka", kafka.installDir())).append(fact("installed", kafka.installDir(), "bin config libs"))
                    .append(fact("user", "kafka", "999")).append(fact("enabled", "kafka-server", "enabled"))
                    .append(fact("active", "kafka-server", "active"));
            for (String d : h.node().logDirs()) {
                f.append(fact("dir", d, "kafka 750")).append(fact("meta", d, String.valueOf(h.node().brokerId())));
            }
        }
        if (h.node().zookeeper()) {
            f.append(fact("link", "/usr/local/zookeeper", zookeeper.installDir()))
                    .append(fact("installed", zookeeper.installDir(), "bin conf lib")).append(fact("user", "zookeeper", "998"))
                    .append(fact("enabled", "zookeeper-server", "enabled")).append(fact("active", "zookeeper-server", "active"))
                    .append(fact("dir", h.node().zookeeperDataDir(), "zookeeper 750"))
                    .append(fact("myid", h.node().zookeeperDataDir(), String.valueOf(h.node().myid())));
        }
        for (PlannedFile p : h.files()) {
            String content = Base64.getEncoder().encodeToString(p.content().getBytes(StandardCharsets.UTF_8));
            f.append(fact("file", p.path(), p.owner() + " " + p.mode().replaceFirst("^0", "") + " " + content));
        }
        return f.toString();
    }

    static HostPlan host(String name) {
        return plan.hosts().stream().filter(h -> h.host().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aDryRunReadsFactsOnlyAndPrintsThePlannedChanges() {
        FakeCluster cluster = new FakeCluster(FRESH);
        Run run = provision(cluster, true);

        assertThat(run.exit()).isZero();
        for (FakeHost h : cluster.hosts.values()) {
            assertThat(h.log()).as(h.name()).singleElement().asString().startsWith("run: set -- ");
        }
        assertThat(run.out()).contains("[pkafka1] will create system user kafka")
                .contains("[pkafka1] will point /usr/local/kafka at " + kafka.installDir())
                .contains("[pkafka1] will start kafka-server")
                .contains("[pzk1] will write /data/zk/myid (zookeeper 0644)")
                .contains("[pzk1] will start zookeeper-server")
                .contains("dry run: nothing changed")
                .containsPattern("pkafka3\\s+planned")
                .doesNotContain("... ok");
        assertThat(cluster.events).isEmpty();
        assertThat(cluster.brokerChecks).isZero();
    }

    @Test
    void theFactsScriptGetsThePlannedFilesAndTheDataDirs() {
        FakeCluster cluster = new FakeCluster(FRESH);
        provision(cluster, true);
        String facts = cluster.commands("pkafka1").get(0);
        assertThat(facts.lines().findFirst().orElseThrow())
                .contains("'/usr/local/kafka/config/server.properties'").endsWith("-- '" + host("pkafka1").node().logDirs().get(0) + "'");
        assertThat(cluster.commands("pzk1").get(0).lines().findFirst().orElseThrow()).endsWith("-- '/data/zk'");
        assertThat(facts).contains("fact java version")
                .contains("\nLINKS='/usr/local/kafka /usr/local/zookeeper'\n")
                .contains("\nINSTALLS='/usr/local/kafka_* /usr/local/apache-zookeeper-*'\n")
                .contains("\nUSERS='kafka zookeeper'\n").contains("\nUNITS='kafka-server zookeeper-server'\n")
                .contains("\nCACHE='/var/cache/orchestrator'\n");
    }

    @Test
    void aFreshClusterGetsZooKeeperFirstThenTheBrokersAndBothChecks() {
        FakeCluster cluster = new FakeCluster(FRESH);
        for (String b : BROKERS) {
            cluster.hosts.get(b).answers("systemctl start 'kafka-server'", c -> {
                cluster.events.add("start kafka on " + b);
                return new CommandResult(c, 0, "", "");
            });
        }
        Run run = provision(cluster, false);

        assertThat(run.exit()).as(run.out()).isZero();
        // the ensemble answered healthy before any broker was started
        assertThat(cluster.events).hasSize(6);
        assertThat(cluster.events.subList(0, 3)).containsOnly("zookeeper mode asked");
        assertThat(cluster.events.subList(3, 6)).allMatch(e -> e.startsWith("start kafka on "));
        assertThat(cluster.commands("pzk1")).contains("systemctl start 'zookeeper-server'", "systemctl daemon-reload")
                .filteredOn(c -> !c.startsWith("set -- ")).noneMatch(c -> c.contains("kafka"));
        assertThat(cluster.hosts.get("pzk1").log()).contains("write: /data/zk/myid zookeeper 0644");
        assertThat(cluster.hosts.get("pkafka1").log()).contains("upload: " + kafka.artifact().tarball().getFileName() + " -> "
                + kafka.artifact().remotePath());
        assertThat(cluster.commands("pkafka1")).contains("id -u 'kafka' >/dev/null 2>&1 || useradd --system --no-create-home --shell"
                + " /usr/sbin/nologin 'kafka'", "systemctl enable 'kafka-server' 2>&1", "systemctl start 'kafka-server'");
        assertThat(run.out()).contains("ZooKeeper ensemble healthy: pzk1=leader, pzk2=follower, pzk3=follower")
                .contains("Kafka cluster healthy: registered [1, 2, 3]").contains("canary: produced and consumed")
                .contains("[pkafka2] start kafka-server ... ok").containsPattern("pkafka2\\s+ok, \\d+ change\\(s\\)");
    }

    @Test
    void aHostThatFailsAStepIsReportedAndTheOthersGoOn() {
        FakeCluster cluster = new FakeCluster(FRESH);
        cluster.hosts.get("pkafka2").fails("useradd", 1, "useradd: cannot lock /etc/passwd; try again later.\n");
        Run run = provision(cluster, false);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("[pkafka2] FAILED at create system user kafka: id -u 'kafka' >/dev/null 2>&1 || useradd"
                        + " --system --no-create-home --shell /usr/sbin/nologin 'kafka'\n"
                        + "    useradd: cannot lock /etc/passwd; try again later.")
                .containsPattern("pkafka2\\s+FAILED at create system user kafka")
                .containsPattern("pkafka1\\s+ok, \\d+ change")
                .contains("cluster checks skipped: pkafka2 did not finish");
        assertThat(cluster.commands("pkafka2")).noneMatch(c -> c.startsWith("systemctl"));
        assertThat(cluster.commands("pkafka1")).contains("systemctl start 'kafka-server'");
        assertThat(cluster.commands("pkafka3")).contains("systemctl start 'kafka-server'");
        assertThat(cluster.brokerChecks).isZero();
    }

    @Test
    void anUnreachableHostIsReportedAndTheOthersGoOn() {
        FakeCluster cluster = new FakeCluster(FRESH);
        cluster.unreachable.add("pkafka3");
        Run run = provision(cluster, false);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("[pkafka3] UNREACHABLE: cannot reach pkafka3 over SSH: connection refused")
                .containsPattern("pkafka3\\s+UNREACHABLE").containsPattern("pkafka1\\s+ok, \\d+ change");
        assertThat(cluster.commands("pkafka3")).isEmpty();
        assertThat(cluster.commands("pkafka1")).contains("systemctl start 'kafka-server'");
    }

    @Test
    void brokersAreNotTouchedWhenTheEnsembleIsNotHealthy() {
        FakeCluster cluster = new FakeCluster(FRESH);
        cluster.ensemble("follower", "down", "follower");
        Run run = provision(cluster, false);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("ZooKeeper ensemble NOT healthy after 5 s: pzk1=follower, pzk2=down, pzk3=follower"
                        + " (wanted exactly one leader and 2 followers)")
                .contains("brokers left untouched: the ZooKeeper ensemble is not healthy");
        assertThat(cluster.commands("pzk1")).contains("systemctl start 'zookeeper-server'");
        // on the brokers: the facts read, and the cluster's lease taken and given back
        for (String b : BROKERS) {
            assertThat(cluster.hosts.get(b).log()).as(b).hasSize(3);
            assertThat(cluster.hosts.get(b).log().subList(1, 3)).allMatch(l -> l.contains(ClusterLease.FILE));
        }
        assertThat(cluster.events).hasSizeGreaterThan(3); // asked again on every pause until the timeout
        assertThat(cluster.brokerChecks).isZero();
    }

    @Test
    void aZooKeeperHostThatFailsLeavesAQuorumAndTheBrokersGoAhead() {
        FakeCluster cluster = new FakeCluster(FRESH);
        cluster.hosts.get("pzk3").fails("systemctl start 'zookeeper-server'", 1, "Job failed");
        cluster.ensemble("leader", "follower", "down");
        Run run = provision(cluster, false);

        assertThat(run.out()).contains("ZooKeeper hosts pzk3 did not finish; 2 of 3 remain, a quorum: going on with the brokers")
                .contains("ZooKeeper ensemble healthy: pzk1=leader, pzk2=follower");
        assertThat(cluster.commands("pkafka1")).contains("systemctl start 'kafka-server'");
        assertThat(run.exit()).isEqualTo(1);
    }

    @Test
    void aSecondRunWithEverythingInPlacePrintsNoChangesAndTouchesNothing() {
        FakeCluster cluster = new FakeCluster(FRESH);
        for (HostPlan h : plan.hosts()) cluster.facts(h.host(), inPlace(h));
        Run run = provision(cluster, false);

        assertThat(run.exit()).as(run.out()).isZero();
        for (String h : ZK) assertThat(run.out()).contains("[" + h + "] no changes").containsPattern(h + "\\s+ok, no changes");
        for (String h : BROKERS) assertThat(run.out()).contains("[" + h + "] no changes").containsPattern(h + "\\s+ok, no changes");
        assertThat(run.out()).doesNotContain("... ok").doesNotContain(" will ");
        for (FakeHost h : cluster.hosts.values()) assertThat(h.log()).as(h.name()).hasSize(1);
        assertThat(cluster.brokerChecks).isEqualTo(1);
        // nothing changed, so nothing to prove end to end: the brokers are asked who is registered, no canary is written
        assertThat(cluster.canaries).isZero();
        assertThat(run.out()).contains("canary: skipped: no host changed");
    }

    @Test
    void aClusterWhoseLeaseAnotherRunHoldsIsNotTouched() {
        FakeCluster cluster = new FakeCluster(FRESH);
        String other = "run=20261202010000-other\nholder=ops@ctl2\nmachine=ctl2\npid=77\npid-start=0\nsince=2026-12-02T01:00:00Z\n"
                + "refreshed=2026-12-02T01:00:00Z\ncommand=orchestrator upgrade inv --to 2.6.3\n";
        cluster.hosts.get("pkafka2").answers("flock", "HELD\n" + other);

        assertThatThrownBy(() -> provision(cluster, false)).isInstanceOf(LeaseHeld.class)
                .hasMessageContaining("run 20261202010000-other by ops@ctl2").hasMessageContaining("(on pkafka2)");
        // every host: its facts read, the lease asked for and (where it was taken) given back; nothing else
        for (FakeHost h : cluster.hosts.values()) {
            assertThat(h.log().subList(1, h.log().size())).as(h.name()).isNotEmpty().allMatch(l -> l.contains(ClusterLease.FILE));
        }
    }

    @Test
    void aRefusedHostStopsTheRunBeforeAnythingIsTouched() {
        String logDir = host("pkafka1").node().logDirs().get(0);
        FakeCluster cluster = new FakeCluster(FRESH);
        cluster.facts("pkafka1", FRESH + fact("dir", logDir, "kafka 750") + fact("meta", logDir, "7"));
        Run run = provision(cluster, false);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("[pkafka1] REFUSED: " + logDir + "/meta.properties on pkafka1 belongs to broker.id 7")
                .contains("refusing to change any host").containsPattern("pkafka1\\s+refused");
        for (FakeHost h : cluster.hosts.values()) assertThat(h.log()).as(h.name()).hasSize(1);
    }
}
