package io.kafkaops.orchestrator.plan;

import io.kafkaops.orchestrator.cluster.Cluster;
import io.kafkaops.orchestrator.cluster.ClusterNode;
import io.kafkaops.orchestrator.cluster.ClusterRules;
import io.kafkaops.orchestrator.cluster.Finding;
import io.kafkaops.orchestrator.cluster.NodeSettings;
import io.kafkaops.orchestrator.cluster.NodeSettingsReader;
import io.kafkaops.orchestrator.cluster.Role;
import io.kafkaops.orchestrator.install.InstallLayout;

import java.util.ArrayList;
import java.util.List;
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
        List<Finding.Warning> warnings = ClusterRules.require(cluster);
        List<HostPlan> hosts = new ArrayList<>();
        for (ClusterNode n : cluster.nodes()) {
            NodeSettings node = settings.forHost(n.host());
            List<String> roles = n.roles().stream().map(Role::word).toList();
            hosts.add(new HostPlan(n.host(), n.address(), roles, node, RenderedFiles.forHost(files, renderer, n.host(), node)));
        }
        return new ProvisionPlan(cluster, List.copyOf(hosts), steps(cluster), warnings);
    }

    /** The order a provision follows; each host's steps within a phase run in parallel across hosts. */
    static List<PlannedStep> steps(Cluster cluster) {
        List<PlannedStep> steps = new ArrayList<>();
        String zkHosts = cluster.zookeeperNodes().stream().map(ClusterNode::host).collect(Collectors.joining(", "));
        String brokerHosts = cluster.brokers().stream().map(ClusterNode::host).collect(Collectors.joining(", "));
        var zk = cluster.zookeeper();
        var kafka = cluster.kafka();
        steps.add(new PlannedStep(1, zkHosts, "create system user " + InstallLayout.ZOOKEEPER_USER + " and the data dir"));
        steps.add(new PlannedStep(1, zkHosts, "upload " + zk.tarballName() + ", verify its SHA-512, unpack to " + zk.installDir()));
        steps.add(new PlannedStep(1, zkHosts, "point " + InstallLayout.ZOOKEEPER_HOME + " at " + zk.installDir()));
        steps.add(new PlannedStep(1, zkHosts, "write zoo.cfg, myid and the " + InstallLayout.ZOOKEEPER_UNIT + " unit"));
        steps.add(new PlannedStep(1, zkHosts, "enable and start " + InstallLayout.ZOOKEEPER_UNIT));
        steps.add(new PlannedStep(2, "ensemble", "wait for exactly one leader and " + (cluster.zookeeperNodes().size() - 1)
                + " followers (srvr)"));
        steps.add(new PlannedStep(3, brokerHosts, "create system user " + InstallLayout.KAFKA_USER + " and log dirs on every data disk"));
        steps.add(new PlannedStep(3, brokerHosts, "upload " + kafka.tarballName() + ", verify its SHA-512, unpack to "
                + kafka.installDir()));
        steps.add(new PlannedStep(3, brokerHosts, "point " + InstallLayout.KAFKA_HOME + " at " + kafka.installDir()));
        steps.add(new PlannedStep(3, brokerHosts, "write server.properties, log4j.properties, jmx and the " + InstallLayout.KAFKA_UNIT
                + " unit"));
        steps.add(new PlannedStep(3, brokerHosts, "enable and start " + InstallLayout.KAFKA_UNIT));
        steps.add(new PlannedStep(4, "cluster", "wait until all " + cluster.brokers().size()
                + " brokers are registered and a controller exists"));
        steps.add(new PlannedStep(4, "cluster", "canary topic (RF " + Math.min(3, cluster.brokers().size()) + ", min ISR "
                + cluster.minInsyncReplicas() + "): produce and consume end to end"));
        return List.copyOf(steps);
    }
}
