package io.kafkaops.orchestrator.cluster;

import io.kafkaops.orchestrator.install.InventoryClusterId;

import io.kafkaops.orchestrator.install.KafkaRelease;
import io.kafkaops.orchestrator.install.ZooKeeperRelease;
import io.kafkaops.orchestrator.inventory.AnsibleInventory;
import io.kafkaops.orchestrator.version.ClusterMode;

import java.util.List;
import java.util.Optional;

/** The cluster an inventory describes: who plays which role with which id, and on what hardware. */
public record Cluster(
        AnsibleInventory inventory,
        Optional<String> zookeeperGroup,
        String brokerGroup,
        Optional<String> controllerGroup,
        List<ClusterNode> nodes,
        KafkaRelease kafka,
        ZooKeeperRelease zookeeper,
        int defaultReplicationFactor,
        int minInsyncReplicas,
        Optional<String> zookeeperChroot,
        Optional<InventoryClusterId> clusterId,
        List<Finding> findings) {

    /**
     * Where this cluster keeps its metadata, as the inventory says: a controller group and no ZooKeeper group is KRaft;
     * with a ZooKeeper group it is ZooKeeper mode (controllers beside it wait for the migration). The running mode of a
     * cluster is read from its hosts.
     */
    public ClusterMode mode() {
        return controllerGroup.isPresent() && zookeeperGroup.isEmpty() ? ClusterMode.KRAFT : ClusterMode.ZOOKEEPER;
    }

    /** The same cluster on another Kafka release (a migration installs the controllers with the release the brokers run). */
    public Cluster withKafka(KafkaRelease release) {
        return new Cluster(inventory, zookeeperGroup, brokerGroup, controllerGroup, nodes, release, zookeeper, defaultReplicationFactor,
                minInsyncReplicas, zookeeperChroot, clusterId, findings);
    }

    /** Voters of the KRaft quorum: the controller group's hosts (dedicated: a host in both groups is refused). */
    public List<ClusterNode> controllers() {
        return nodes.stream().filter(n -> n.is(Role.CONTROLLER)).toList();
    }

    public List<ClusterNode> zookeeperNodes() {
        return nodes.stream().filter(n -> n.is(Role.ZOOKEEPER)).toList();
    }

    public List<ClusterNode> brokers() {
        return nodes.stream().filter(n -> n.is(Role.BROKER)).toList();
    }

    public ClusterNode node(String host) {
        return nodes.stream().filter(n -> n.host().equals(host)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no cluster host " + host));
    }

    public List<Finding.Problem> problems() {
        return findings.stream().filter(f -> f instanceof Finding.Problem).map(f -> (Finding.Problem) f).toList();
    }

    public List<Finding.Warning> warnings() {
        return findings.stream().filter(f -> f instanceof Finding.Warning).map(f -> (Finding.Warning) f).toList();
    }
}
