package io.kafkaops.orchestrator.cluster;

import io.kafkaops.orchestrator.BadInput;
import io.kafkaops.orchestrator.DataFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the user tells us which of their groups/variables play which role, without editing the
 * inventory: command-line options, or `orchestrator.yml` next to the inventory:
 * <pre>
 * zookeeper_group: my_zk        # group holding the ZooKeeper ensemble
 * broker_group: my_kafka        # group holding the brokers
 * controller_group: my_kraft    # group holding the KRaft controllers
 * broker_id_variable: bid       # variable holding each broker's broker.id
 * zookeeper_id_variable: zkid   # variable holding each ZooKeeper node's myid
 * controller_id_variable: cid   # variable holding each controller's node.id
 * </pre>
 * Command-line options win over the file.
 */
public record GroupMapping(Optional<String> zookeeperGroup, Optional<String> brokerGroup, Optional<String> controllerGroup,
                           Optional<String> brokerIdVariable, Optional<String> zookeeperIdVariable,
                           Optional<String> controllerIdVariable, Optional<Path> file) {

    public static final String FILE_NAME = "orchestrator.yml";
    private static final List<String> KEYS = List.of("zookeeper_group", "broker_group", "controller_group", "broker_id_variable",
            "zookeeper_id_variable", "controller_id_variable");

    public static GroupMapping none() {
        return new GroupMapping(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /** The mapping file beside the inventory (inside it, for a directory inventory), overlaid by the options. */
    public static GroupMapping forInventory(Path inventory, GroupMapping options) {
        Path dir = Files.isDirectory(inventory) ? inventory : inventory.toAbsolutePath().getParent();
        Path file = dir == null ? null : dir.resolve(FILE_NAME);
        if (file == null || !Files.isRegularFile(file)) return options;
        GroupMapping fromFile = read(file);
        return new GroupMapping(
                options.zookeeperGroup.or(() -> fromFile.zookeeperGroup),
                options.brokerGroup.or(() -> fromFile.brokerGroup),
                options.controllerGroup.or(() -> fromFile.controllerGroup),
                options.brokerIdVariable.or(() -> fromFile.brokerIdVariable),
                options.zookeeperIdVariable.or(() -> fromFile.zookeeperIdVariable),
                options.controllerIdVariable.or(() -> fromFile.controllerIdVariable),
                Optional.of(file));
    }

    static GroupMapping read(Path file) {
        Object doc = DataFile.readYaml(file);
        if (doc == null) return none();
        if (!(doc instanceof Map<?, ?> m)) {
            throw new BadInput(file, 1, "the mapping file must be a YAML mapping",
                    "write e.g. 'broker_group: my_kafka' and 'zookeeper_group: my_zk'");
        }
        for (Object key : m.keySet()) {
            if (!KEYS.contains(key)) {
                throw new BadInput(file, null, "unknown key '" + key + "'", "use " + String.join(", ", KEYS));
            }
        }
        return new GroupMapping(str(m, "zookeeper_group"), str(m, "broker_group"), str(m, "controller_group"),
                str(m, "broker_id_variable"), str(m, "zookeeper_id_variable"), str(m, "controller_id_variable"), Optional.of(file));
    }

    private static Optional<String> str(Map<?, ?> m, String key) {
        return Optional.ofNullable(m.get(key)).map(String::valueOf);
    }

    public Optional<String> groupFor(Role role) {
        switch (role) {
            case ZOOKEEPER: return zookeeperGroup;
            case BROKER: return brokerGroup;
            default: return controllerGroup;
        }
    }

    public Optional<String> idVariableFor(Role role) {
        switch (role) {
            case ZOOKEEPER: return zookeeperIdVariable;
            case BROKER: return brokerIdVariable;
            default: return controllerIdVariable;
        }
    }
}
