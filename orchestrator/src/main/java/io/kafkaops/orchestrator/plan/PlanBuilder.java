package io.kafkaops.orchestrator.plan;

import io.kafkaops.orchestrator.cluster.Cluster;
import io.kafkaops.orchestrator.version.ClusterMode;
import io.kafkaops.orchestrator.cluster.ClusterNode;
import io.kafkaops.orchestrator.cluster.ClusterRules;
import io.kafkaops.orchestrator.cluster.Finding;
import io.kafkaops.orchestrator.cluster.NodeSettings;
import io.kafkaops.orchestrator.cluster.NodeSettingsReader;
import io.kafkaops.orchestrator.cluster.Role;
import io.kafkaops.orchestrator.gate.GateSettings;
import io.kafkaops.orchestrator.install.InstallLayout;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Validates the cluster, renders every file for every host and orders the steps: the ZooKeeper
 * ensemble first and healthy, then the brokers. Pure apart from the renderer it is given.
 */
public final class PlanBuilder {
    private final List<FileSpec> files;
    private final TemplateRenderer renderer;

    public PlanBuilder(List<FileSpec> files, TemplateRenderer renderer) {
        this.files = files;
        this.renderer = renderer;
    }

    public ProvisionPlan build(Cluster cluster, NodeSettingsReader settings) {
        List<Finding.Warning> required = ClusterRules.require(cluster);
        List<HostPlan> hosts = new ArrayList<>();
        for (ClusterNode n : cluster.nodes()) {
            NodeSettings node = settings.forHost(n.host());
            List<String> roles = n.roles().stream().map(Role::word).toList();
            hosts.add(new HostPlan(n.host(), n.address(), roles, node, RenderedFiles.forHost(files, renderer, n.host(), node)));
        }
        List<Finding.Warning> warnings = new ArrayList<>(required);
        warnings.addAll(exposure(cluster, hosts, settings.zookeeperSaslAsked()));
        return new ProvisionPlan(cluster, List.copyOf(hosts), steps(cluster, hosts), List.copyOf(warnings));
    }

    /** What the installed services let in or let happen that the operator should decide on: said once per cluster. */
    static List<Finding.Warning> exposure(Cluster cluster, List<HostPlan> hosts, boolean zookeeperSasl) {
        List<Finding.Warning> out = new ArrayList<>();
        List<HostPlan> ensemble = hosts.stream().filter(h -> h.node().zookeeper()).toList();
        if (!ensemble.isEmpty() && !zookeeperSasl) {
            String where = ensemble.stream().map(h -> h.host() + ":" + h.node().zookeeperClientPort()).collect(Collectors.joining(", "));
            out.add(new Finding.Warning("ZooKeeper's client port (" + where + ") is open to anyone who can reach it: no login, no ACLs,"
                    + " so they can rewrite the cluster's metadata and add SCRAM credentials",
                    "set zookeeper_client_authentication_type: digest and zookeeper_digest_users (docs/inventory.md), or firewall the"
                            + " port to the brokers"));
        } else if (!ensemble.isEmpty() && !ensemble.get(0).node().services().zookeeperEnforceAuth()) {
            out.add(new Finding.Warning("ZooKeeper " + cluster.zookeeper().version() + " takes sessions that did not log in: the"
                    + " brokers' znodes carry ACLs, but anyone who can reach the client port can read them and create others",
                    NodeSettingsReader.refusesAnonymousSessions(cluster.zookeeper().version())
                            ? "leave zookeeper_enforce_auth unset (true) to refuse them"
                            : "run ZooKeeper 3.7 or later (zookeeper_version), which can refuse them"));
        }
        long rollWaits = GateSettings.defaults().stopTimeout().toSeconds();
        List<String> killed = hosts.stream().filter(h -> h.node().broker())
                .filter(h -> !h.node().services().stopTimeout().equals(NodeSettings.Services.NO_TIMEOUT)
                        && Long.parseLong(h.node().services().stopTimeout()) <= rollWaits)
                .map(HostPlan::host).toList();
        if (!killed.isEmpty()) {
            out.add(new Finding.Warning("systemd will SIGKILL a broker still in controlled shutdown on " + String.join(", ", killed)
                    + " (kafka_stop_timeout_sec is not above the " + rollWaits + " s a roll waits by default)",
                    "leave kafka_stop_timeout_sec unset (infinity: systemd waits, the roll halts and the broker goes on)"));
        }
        return out;
    }

    /** The order a provision follows; each host's steps within a phase run in parallel across hosts. */
    static List<PlannedStep> steps(Cluster cluster, List<HostPlan> hosts) {
        List<PlannedStep> steps = new ArrayList<>();
        String zkHosts = cluster.zookeeperNodes().stream().map(ClusterNode::host).collect(Collectors.joining(", "));
        String brokerHosts = cluster.brokers().stream().map(ClusterNode::host).collect(Collectors.joining(", "));
        var kafka = cluster.kafka();
        String zkUsers = users(hosts, h -> h.node().zookeeper(), s -> s.zookeeperUser());
        String kafkaUsers = users(hosts, h -> h.node().broker(), s -> s.kafkaUser());
        boolean kraft = cluster.mode() == ClusterMode.KRAFT;
        if (kraft) {
            // KRaft: the controllers and their quorum take the ensemble's place; every Kafka host's storage is formatted once
            String controllerHosts = cluster.controllers().stream().map(ClusterNode::host).collect(Collectors.joining(", "));
            String controllerUsers = users(hosts, h -> h.node().controller() && !h.node().broker(), s -> s.kafkaUser());
            steps.add(new PlannedStep(1, controllerHosts, "create system user " + controllerUsers + " and the metadata log dir"));
            steps.add(new PlannedStep(1, controllerHosts, "upload " + kafka.tarballName() + ", verify its SHA-512, unpack to "
                    + kafka.installDir()));
            steps.add(new PlannedStep(1, controllerHosts, "point " + InstallLayout.KAFKA_HOME + " at " + kafka.installDir()));
            steps.add(new PlannedStep(1, controllerHosts, "write controller.properties, jmx and the " + InstallLayout.KAFKA_UNIT + " unit"));
            steps.add(new PlannedStep(1, controllerHosts, "format the metadata log dir with the cluster id (only where unformatted)"));
            steps.add(new PlannedStep(1, controllerHosts, "enable and start " + InstallLayout.KAFKA_UNIT));
            steps.add(new PlannedStep(2, "quorum", "wait for a leader and every one of the " + cluster.controllers().size()
                    + " voters caught up (describeMetadataQuorum)"));
        } else {
            zookeeperSteps(cluster, zkHosts, zkUsers, steps);
        }
        steps.add(new PlannedStep(3, brokerHosts, "create system user " + kafkaUsers + " and log dirs on every data disk"));
        steps.add(new PlannedStep(3, brokerHosts, "upload " + kafka.tarballName() + ", verify its SHA-512, unpack to "
                + kafka.installDir()));
        steps.add(new PlannedStep(3, brokerHosts, "point " + InstallLayout.KAFKA_HOME + " at " + kafka.installDir()));
        // Kafka 4.x has no log4j.properties (log4j2 only, the release's own file)
        boolean log4j1 = hosts.stream().anyMatch(h -> h.node().broker() && h.node().log4j1());
        steps.add(new PlannedStep(3, brokerHosts, "write server.properties" + (log4j1 ? ", log4j.properties" : "") + ", jmx and the "
                + InstallLayout.KAFKA_UNIT + " unit"));
        if (kraft) steps.add(new PlannedStep(3, brokerHosts, "format the log dirs with the cluster id (only where unformatted)"));
        steps.add(new PlannedStep(3, brokerHosts, "enable and start " + InstallLayout.KAFKA_UNIT));
        steps.add(new PlannedStep(4, "cluster", "wait until all " + cluster.brokers().size()
                + " brokers are registered and a controller exists"));
        steps.add(new PlannedStep(4, "cluster", "canary topic (RF " + Math.min(3, cluster.brokers().size()) + ", min ISR "
                + cluster.minInsyncReplicas() + "): produce and consume end to end"));
        return List.copyOf(steps);
    }

    private static void zookeeperSteps(Cluster cluster, String zkHosts, String zkUsers, List<PlannedStep> steps) {
        var zk = cluster.zookeeper();
        steps.add(new PlannedStep(1, zkHosts, "create system user " + zkUsers + " and the data dir"));
        steps.add(new PlannedStep(1, zkHosts, "upload " + zk.tarballName() + ", verify its SHA-512, unpack to " + zk.installDir()));
        steps.add(new PlannedStep(1, zkHosts, "point " + InstallLayout.ZOOKEEPER_HOME + " at " + zk.installDir()));
        steps.add(new PlannedStep(1, zkHosts, "write zoo.cfg, myid and the " + InstallLayout.ZOOKEEPER_UNIT + " unit"));
        steps.add(new PlannedStep(1, zkHosts, "enable and start " + InstallLayout.ZOOKEEPER_UNIT));
        steps.add(new PlannedStep(2, "ensemble", "wait for exactly one leader and " + (cluster.zookeeperNodes().size() - 1)
                + " followers (srvr)"));
    }

    /** The service users the hosts of a role run as (kafka_user / zookeeper_user may differ per host). */
    private static String users(List<HostPlan> hosts, Predicate<HostPlan> role,
                                Function<NodeSettings.Services, String> user) {
        return String.join(", ", hosts.stream().filter(role).map(h -> user.apply(h.node().services()))
                .collect(Collectors.toCollection(TreeSet::new)));
    }
}
