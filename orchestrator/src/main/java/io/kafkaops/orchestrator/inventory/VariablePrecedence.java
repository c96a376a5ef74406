package io.kafkaops.orchestrator.inventory;

import io.kafkaops.orchestrator.SourceRef;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's order for a host's inventory variables (VARIABLE_PRECEDENCE defaults), later wins,
 * dicts replaced whole: all (inventory) < groups (inventory) < group_vars/all < group_vars/GROUP
 * < host (inventory) < host_vars/HOST. Groups go by depth, then ansible_group_priority, then name.
 */
final class VariablePrecedence {
    private final InventoryData inventory;
    private final HostGroupVars files;

    VariablePrecedence(InventoryData inventory, HostGroupVars files) {
        this.inventory = inventory;
        this.files = files;
    }

    /** Vars and their origins, merged in Ansible's order. */
    record Merged(Map<String, Object> values, Map<String, SourceRef> origins) {}

    Merged forHost(InventoryData.Host host) {
        InventoryData.Group all = inventory.groups.get("all");
        List<InventoryData.Group> groups = sortedGroups(host);
        Merged m = new Merged(new LinkedHashMap<>(), new HashMap<>());
        put(m, all.vars, all.origins);
        for (InventoryData.Group g : groups) put(m, g.vars, g.origins);
        put(m, files.group("all"));
        for (InventoryData.Group g : groups) put(m, files.group(g.name));
        put(m, host.vars, host.origins);
        put(m, files.host(host.name));
        return m;
    }

    /** Ansible's sort_groups over the host's groups except all. */
    List<InventoryData.Group> sortedGroups(InventoryData.Host host) {
        return host.allGroups().stream()
                .filter(g -> !g.name.equals("all"))
                .sorted(Comparator.<InventoryData.Group>comparingInt(inventory::depth)
                        .thenComparingInt(g -> g.priority)
                        .thenComparing(g -> g.name))
                .toList();
    }

    private static void put(Merged m, HostGroupVars.Vars vars) {
        put(m, vars.values(), vars.origins());
    }

    private static void put(Merged m, Map<String, Object> values, Map<String, SourceRef> origins) {
        values.forEach((k, v) -> {
            m.values().put(k, v);
            SourceRef at = origins.get(k);
            if (at != null) m.origins().put(k, at);
            else m.origins().remove(k);
        });
    }
}
