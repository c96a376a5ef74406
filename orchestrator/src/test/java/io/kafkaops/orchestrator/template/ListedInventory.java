package io.kafkaops.orchestrator.template;

import com.fasterxml.jackson.databind.ObjectMapper;
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

/** Test stand-in for the real loader: an inventory as `ansible-inventory --list` reports it (raw, merged vars). */
record ListedInventory(Path source, Map<String, List<String>> groupHosts, Map<String, List<String>> groupChildren,
                       Map<String, Map<String, Object>> vars) implements AnsibleInventory {

    @SuppressWarnings("unchecked")
    static ListedInventory of(Path source) throws Exception {
        Process p = new ProcessBuilder("ansible-inventory", "-i", source.toString(), "--list")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Map<String, Object> json = new ObjectMapper().readValue(p.getInputStream(), LinkedHashMap.class);
        if (p.waitFor() != 0) throw new IllegalStateException("ansible-inventory failed for " + source);
        Map<String, List<String>> hosts = new LinkedHashMap<>();
        Map<String, List<String>> children = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : json.entrySet()) {
            if (e.getKey().equals("_meta")) continue;
            Map<String, Object> g = (Map<String, Object>) e.getValue();
            hosts.put(e.getKey(), (List<String>) g.getOrDefault("hosts", List.of()));
            children.put(e.getKey(), (List<String>) g.getOrDefault("children", List.of()));
        }
        hosts.putIfAbsent("ungrouped", List.of());
        Map<String, Map<String, Object>> hostvars = (Map<String, Map<String, Object>>) ((Map<String, Object>) json.get("_meta")).get("hostvars");
        ListedInventory inv = new ListedInventory(source, hosts, children, hostvars);
        for (String h : inv.hosts()) hostvars.putIfAbsent(h, new LinkedHashMap<>());
        return inv;
    }

    @Override
    public List<String> hosts() { return hostsOf("all"); }

    @Override
    public List<String> groupNames() { return List.copyOf(groupHosts.keySet()); }

    @Override
    public Optional<InventoryGroup> group(String name) {
        return groupHosts.containsKey(name)
                ? Optional.of(new InventoryGroup(name, groupHosts.get(name), groupChildren.getOrDefault(name, List.of()), Map.of(), null))
                : Optional.empty();
    }

    @Override
    public InventoryHost host(String name) { return new InventoryHost(name, vars.get(name), null); }

    /** Ansible's Group.get_hosts(): own hosts, then descendants breadth first, each once. */
    @Override
    public List<String> hostsOf(String group) {
        Set<String> out = new LinkedHashSet<>();
        List<String> queue = new ArrayList<>(List.of(group));
        Set<String> seen = new LinkedHashSet<>();
        while (!queue.isEmpty()) {
            String g = queue.remove(0);
            if (!seen.add(g)) continue;
            out.addAll(groupHosts.getOrDefault(g, List.of()));
            queue.addAll(groupChildren.getOrDefault(g, List.of()));
        }
        return List.copyOf(out);
    }

    @Override
    public List<String> groupNamesOf(String host) {
        return groupHosts.keySet().stream()
                .filter(g -> !g.equals("all") && !g.equals("ungrouped") && hostsOf(g).contains(host))
                .sorted().toList();
    }

    @Override
    public Map<String, Object> hostVars(String host) { return vars.getOrDefault(host, Map.of()); }

    @Override
    public Optional<SourceRef> origin(String host, String variable) { return Optional.empty(); }

    @Override
    public java.util.List<io.kafkaops.orchestrator.inventory.VaultValue> vaultValues() {
        return java.util.List.of();
    }
}
