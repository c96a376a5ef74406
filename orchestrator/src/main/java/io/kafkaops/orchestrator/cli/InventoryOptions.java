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

    @Option(names = "--broker-id-variable", paramLabel = "VAR",
            description = "variable holding broker.id (default: broker_id, kafka_broker_id, brokerid, ...)")
    String brokerIdVariable;

    @Option(names = "--zookeeper-id-variable", paramLabel = "VAR",
            description = "variable holding the ZooKeeper myid (default: myid, zookeeper_id, ...)")
    String zookeeperIdVariable;

    @Option(names = "--vault-password-file", paramLabel = "FILE", description = "decrypt !vault values (only when a value is needed)")
    Path vaultPasswordFile;

    /** The inventory and every mapping option given, as typed: for commands printed to the operator. */
    String asArguments() {
        StringBuilder sb = new StringBuilder(" ").append(inventory);
        if (zookeeperGroup != null) sb.append(" --zookeeper-group ").append(zookeeperGroup);
        if (brokerGroup != null) sb.append(" --broker-group ").append(brokerGroup);
        if (brokerIdVariable != null) sb.append(" --broker-id-variable ").append(brokerIdVariable);
        if (zookeeperIdVariable != null) sb.append(" --zookeeper-id-variable ").append(zookeeperIdVariable);
        if (vaultPasswordFile != null) sb.append(" --vault-password-file ").append(vaultPasswordFile);
        return sb.toString();
    }

    public Workspace workspace() {
        GroupMapping options = new GroupMapping(Optional.ofNullable(zookeeperGroup), Optional.ofNullable(brokerGroup),
                Optional.ofNullable(brokerIdVariable), Optional.ofNullable(zookeeperIdVariable), Optional.empty());
        return Workspace.load(inventory, options, Optional.ofNullable(vaultPasswordFile));
    }
}
