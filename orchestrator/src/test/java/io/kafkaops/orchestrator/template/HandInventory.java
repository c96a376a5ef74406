package io.kafkaops.orchestrator.template;

import io.kafkaops.orchestrator.inventory.AnsibleInventory;
import io.kafkaops.orchestrator.inventory.InventoryGroup;
import io.kafkaops.orchestrator.inventory.InventoryHost;
import io.kafkaops.orchestrator.SourceRef;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An inventory built by hand in a test: flat groups, each host's merged vars, every var "set" at a fixed file:line. */
record HandInventory(Map<String, List<String>> groups, Map<String, Map<String, Object>> vars, SourceRef setAt)
        implements AnsibleInventory {

    @Override public Path source() { return setAt.file(); }

    @Override public List<String> hosts() { return List.copyOf(vars.keySet()); }

    @Override public List<String> groupNames() {
        List<String> names = new ArrayList<>(List.of("all", "ungrouped"));
        names.addAll(groups.keySet());
        return names;
    }

    @Override public Optional<InventoryGroup> group(String name) { return Optional.empty(); }

    @Override public InventoryHost host(String name) { return new InventoryHost(name, vars.get(name), setAt); }

    @Override public List<String> hostsOf(String group) {
        if (group.equals("all")) return hosts();
        if (group.equals("ungrouped")) return hosts().stream().filter(h -> groups.values().stream().noneMatch(g -> g.contains(h))).toList();
        return groups.getOrDefault(group, List.of());
    }

    @Override public List<String> groupNamesOf(String host) {
        return groups.keySet().stream().filter(g -> groups.get(g).contains(host)).sorted().toList();
    }

    @Override public Map<String, Object> hostVars(String host) { return vars.getOrDefault(host, Map.of()); }

    @Override public Optional<SourceRef> origin(String host, String variable) {
        return hostVars(host).containsKey(variable) ? Optional.of(setAt) : Optional.empty();
    }

    @Override
    public java.util.List<io.kafkaops.orchestrator.inventory.VaultValue> vaultValues() {
        return java.util.List.of();
    }
}
