package io.kafkaops.orchestrator.cluster;

import io.kafkaops.orchestrator.inventory.AnsibleInventory;
import io.kafkaops.orchestrator.inventory.InventoryGroup;
import io.kafkaops.orchestrator.inventory.InventoryHost;
import io.kafkaops.orchestrator.SourceRef;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A hand-built inventory for pure domain tests: groups of hosts, flat host vars (no precedence). */
final class InMemoryInventory implements AnsibleInventory {
    private final Map<String, InventoryGroup> groups = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> vars = new LinkedHashMap<>();

    InMemoryInventory group(String name, String... hosts) {
        groups.put(name, new InventoryGroup(name, List.of(hosts), List.of(), Map.of(), null));
        for (String h : hosts) vars.computeIfAbsent(h, k -> new LinkedHashMap<>());
        return this;
    }

    InMemoryInventory parent(String name, String... children) {
        groups.put(name, new InventoryGroup(name, List.of(), List.of(children), Map.of(), null));
        return this;
    }

    InMemoryInventory var(String host, String name, Object value) {
        vars.computeIfAbsent(host, k -> new LinkedHashMap<>()).put(name, value);
        return this;
    }

    InMemoryInventory varAll(String name, Object value) {
        vars.values().forEach(v -> v.put(name, value));
        return this;
    }

    VariableResolver resolver() {
        return (host, variable) -> Optional.ofNullable(vars.get(host).get(variable));
    }

    @Override public Path source() { return Path.of("test-inventory.yml"); }
    @Override public List<String> hosts() { return List.copyOf(vars.keySet()); }

    @Override public List<String> groupNames() {
        List<String> names = new ArrayList<>(List.of("all", "ungrouped"));
        names.addAll(groups.keySet());
        return names;
    }

    @Override public Optional<InventoryGroup> group(String name) { return Optional.ofNullable(groups.get(name)); }
    @Override public InventoryHost host(String name) { return new InventoryHost(name, vars.get(name), null); }

    @Override public List<String> hostsOf(String group) {
        Set<String> out = new LinkedHashSet<>();
        InventoryGroup g = groups.get(group);
        if (g == null) return List.of();
        out.addAll(g.hosts());
        for (String c : g.children()) out.addAll(hostsOf(c));
        return List.copyOf(out);
    }

    @Override public List<String> groupNamesOf(String host) {
        return groups.keySet().stream().filter(g -> hostsOf(g).contains(host)).sorted().toList();
    }

    @Override public Map<String, Object> hostVars(String host) { return vars.get(host); }

    @Override public Optional<SourceRef> origin(String host, String variable) {
        return vars.get(host).containsKey(variable) ? Optional.of(new SourceRef(Path.of("host_vars/" + host + ".yml"), 1)) : Optional.empty();
    }

    @Override
    public java.util.List<io.kafkaops.orchestrator.inventory.VaultValue> vaultValues() {
        return java.util.List.of();
    }
}
