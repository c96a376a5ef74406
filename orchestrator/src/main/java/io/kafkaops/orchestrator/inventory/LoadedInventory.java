package io.kafkaops.orchestrator.inventory;

import io.kafkaops.orchestrator.SourceRef;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The inventory after parsing, reconciling and merging: an immutable snapshot, built by InventoryLoader. */
record LoadedInventory(Path source, List<String> hosts, Map<String, InventoryGroup> groups,
                       Map<String, InventoryHost> hostsByName, Map<String, List<String>> hostsOfGroup,
                       Map<String, List<String>> groupNamesOfHost, Map<String, Map<String, Object>> mergedVars,
                       Map<String, Map<String, SourceRef>> origins, List<VaultValue> vaultValues, List<Replaced> replaced,
                       List<String> warnings)
        implements AnsibleInventory {

    @Override
    public List<String> groupNames() {
        return List.copyOf(groups.keySet());
    }

    @Override
    public Optional<InventoryGroup> group(String name) {
        return Optional.ofNullable(groups.get(name));
    }

    @Override
    public InventoryHost host(String name) {
        InventoryHost h = hostsByName.get(name);
        if (h == null) throw new IllegalArgumentException("no host '" + name + "' in " + source);
        return h;
    }

    @Override
    public List<String> hostsOf(String group) {
        return hostsOfGroup.getOrDefault(group, List.of());
    }

    @Override
    public List<String> groupNamesOf(String host) {
        return groupNamesOfHost.getOrDefault(host, List.of());
    }

    @Override
    public Map<String, Object> hostVars(String host) {
        Map<String, Object> vars = mergedVars.get(host);
        if (vars == null) throw new IllegalArgumentException("no host '" + host + "' in " + source);
        return vars;
    }

    @Override
    public Optional<SourceRef> origin(String host, String variable) {
        return Optional.ofNullable(origins.getOrDefault(host, Map.of()).get(variable));
    }

    @Override
    public String toString() {
        return "AnsibleInventory[" + source + ": " + hosts.size() + " hosts, " + groups.size() + " groups]";
    }
}
