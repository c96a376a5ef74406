package io.kafkaops.orchestrator.inventory;

import io.kafkaops.orchestrator.BadInput;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What `ansible-inventory` prints for --list, --host and --graph, built from an AnsibleInventory. */
public final class InventoryReport {
    private final AnsibleInventory inventory;

    public InventoryReport(AnsibleInventory inventory) {
        this.inventory = inventory;
    }

    /** --list: every non-empty group with hosts/children, and _meta.hostvars for hosts that have vars. */
    public Map<String, Object> list() {
        Map<String, Object> result = new LinkedHashMap<>();
        formatGroup("all", result, new HashSet<>());
        Map<String, Object> hostvars = new LinkedHashMap<>();
        for (String host : inventory.hosts()) {
            Map<String, Object> vars = inventory.hostVars(host);
            if (!vars.isEmpty()) hostvars.put(host, printable(vars));
        }
        result.put("_meta", Map.of("hostvars", hostvars));
        return result;
    }

    /** --host H: the host's merged variables. */
    public Map<String, Object> host(String name) {
        if (!inventory.hosts().contains(name)) {
            throw new BadInput(inventory.source(), null, "no host '" + name + "' in the inventory",
                    "pass a single host name from the inventory to --host (see --list)");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> vars = (Map<String, Object>) printable(inventory.hostVars(name));
        return vars;
    }

    /** --graph [GROUP]: the tree of groups and hosts, in declaration order, as ansible-inventory draws it. */
    public String graph(String group) {
        if (inventory.group(group).isEmpty()) {
            throw new BadInput(inventory.source(), null, "no group '" + group + "' in the inventory",
                    "pass a group name to --graph (or none for all)");
        }
        List<String> lines = new ArrayList<>();
        graphGroup(group, 0, lines);
        return String.join("\n", lines);
    }

    /** What ansible-inventory prints for --list and --host. */
    public static String json(Object data) {
        return PythonJson.ansibleInventory().dumps(data);
    }

    private void graphGroup(String name, int depth, List<String> lines) {
        InventoryGroup g = inventory.group(name).orElseThrow();
        lines.add(indent("@" + name + ":", depth));
        for (String child : g.children()) graphGroup(child, depth + 1, lines);
        if (!name.equals("all")) {
            for (String host : g.hosts()) lines.add(indent(host, depth + 1));
        }
    }

    private static String indent(String text, int depth) {
        return depth == 0 ? text : "  |".repeat(depth) + "--" + text;
    }

    private void formatGroup(String name, Map<String, Object> results, Set<String> seen) {
        InventoryGroup g = inventory.group(name).orElseThrow();
        Map<String, Object> entry = new LinkedHashMap<>();
        results.put(name, entry);
        if (!name.equals("all") && !g.hosts().isEmpty()) entry.put("hosts", g.hosts());
        for (String child : g.children()) {
            if (seen.add(child)) formatGroup(child, results, seen);
        }
        if (!g.children().isEmpty()) entry.put("children", g.children());
        if (entry.isEmpty()) results.remove(name);
    }

    /** Vault and !unsafe values print as ansible-inventory prints them: {"__ansible_vault": envelope}. */
    private static Object printable(Object value) {
        if (value instanceof VaultValue v) return Map.of("__ansible_vault", v.envelope());
        if (value instanceof UnsafeText u) return Map.of("__ansible_unsafe", u.text());
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), printable(v)));
            return out;
        }
        if (value instanceof Collection<?> c) return c.stream().map(InventoryReport::printable).toList();
        return value;
    }
}
