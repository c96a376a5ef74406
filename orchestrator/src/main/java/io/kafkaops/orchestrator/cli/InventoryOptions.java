package io.kafkaops.orchestrator.cli;

import io.kafkaops.orchestrator.Workspace;

import io.kafkaops.orchestrator.cluster.GroupMapping;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Optional;

/** The inventory argument and the options that map its groups and ids, shared by every command. */
public final class InventoryOptions {
    @Parameters(index = "0", paramLabel = "INVENTORY", description = "Ansible inventory: YAML or INI file, or a directory")
    Path inventory;

    @Option(names = "--zookeeper-group", paramLabel = "GROUP",
            description = "group holding the ZooKeeper ensemble (default: recognised names)")
    String zookeeperGroup;

    @Option(names = "--broker-group", paramLabel = "GROUP", description = "group holding the brokers (default: recognised names)")
    String brokerGroup;

    @Option(names = "--controller-group", paramLabel = "GROUP",
            description = "group holding the KRaft controllers (default: recognised names, e.g. kafka_controller)")
    String controllerGroup;

    @Option(names = "--broker-id-variable", paramLabel = "VAR",
            description = "variable holding broker.id (default: broker_id, kafka_broker_id, brokerid, ...)")
    String brokerIdVariable;

    @Option(names = "--zookeeper-id-variable", paramLabel = "VAR",
            description = "variable holding the ZooKeeper myid (default: myid, zookeeper_id, ...)")
    String zookeeperIdVariable;

    @Option(names = "--controller-id-variable", paramLabel = "VAR",
            description = "variable holding a controller's node.id (default: kafka_controller_node_id, controller_id, node_id, ...)")
    String controllerIdVariable;

    @Option(names = "--vault-password-file", paramLabel = "FILE", description = "decrypt !vault values (only when a value is needed)")
    Path vaultPasswordFile;

    /** The inventory and every mapping option given, as typed: for commands printed to the operator. */
    String asArguments() {
        StringBuilder sb = new StringBuilder(" ").append(inventory);
        if (zookeeperGroup != null) sb.append(" --zookeeper-group ").append(zookeeperGroup);
        if (brokerGroup != null) sb.append(" --broker-group ").append(brokerGroup);
        if (controllerGroup != null) sb.append(" --controller-group ").append(controllerGroup);
        if (brokerIdVariable != null) sb.append(" --broker-id-variable ").append(brokerIdVariable);
        if (zookeeperIdVariable != null) sb.append(" --zookeeper-id-variable ").append(zookeeperIdVariable);
        if (controllerIdVariable != null) sb.append(" --controller-id-variable ").append(controllerIdVariable);
        if (vaultPasswordFile != null) sb.append(" --vault-password-file ").append(vaultPasswordFile);
        return sb.toString();
    }

    public Workspace workspace() {
        GroupMapping options = new GroupMapping(Optional.ofNullable(zookeeperGroup), Optional.ofNullable(brokerGroup),
                Optional.ofNullable(controllerGroup), Optional.ofNullable(brokerIdVariable), Optional.ofNullable(zookeeperIdVariable),
                Optional.ofNullable(controllerIdVariable), Optional.empty());
        return Workspace.load(inventory, options, Optional.ofNullable(vaultPasswordFile));
    }
}
