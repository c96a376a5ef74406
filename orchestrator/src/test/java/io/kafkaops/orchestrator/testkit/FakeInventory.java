package io.kafkaops.orchestrator.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkaops.orchestrator.SourceRef;
import io.kafkaops.orchestrator.cluster.VariableResolver;
import io.kafkaops.orchestrator.inventory.AnsibleInventory;
import io.kafkaops.orchestrator.inventory.InventoryGroup;
import io.kafkaops.orchestrator.inventory.InventoryHost;
import io.kafkaops.orchestrator.inventory.VaultValue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * An inventory a test supplies without our loader: built by hand (groups of hosts, flat host vars, no precedence), or
 * as {@code ansible-inventory --list} reports a real one (the parity tests' stand-in). Groups {@code all} and
 * {@code ungrouped} are implicit unless given; group membership reads as Ansible's (own hosts, then descendants
 * breadth first, each once).
 */
public final class FakeInventory implements AnsibleInventory {
    private static final String ALL = "all";
    private static final String UNGROUPED = "ungrouped";

    private final Path source;
    private final Map<String, InventoryGroup> groups = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> vars = new LinkedHashMap<>();
    /** Where a host's variables were set, for the messages that name it. */
    private final Function<String, Optional<SourceRef>> setAt;
    private final SourceRef declaredAt;

    private FakeInventory(Path source, Function<String, Optional<SourceRef>> setAt, SourceRef declaredAt) {
        this.source = source;
        this.setAt = setAt;
        this.declaredAt = declaredAt;
    }

    /** Built up by the test; each host's variables "set" in host_vars/HOST.yml, line 1. */
    public FakeInventory() {
        this(Path.of("test-inventory.yml"), h -> Optional.of(new SourceRef(Path.of("host_vars/" + h + ".yml"), 1)), null);
    }

    /** Flat groups and each host's merged vars, every variable "set" at one file:line. */
    public static FakeInventory flat(Map<String, List<String>> groups, Map<String, Map<String, Object>> vars, SourceRef setAt) {
        FakeInventory inv = new FakeInventory(setAt.file(), h -> Optional.of(setAt), setAt);
        groups.forEach((name, hosts) -> inv.groups.put(name, new InventoryGroup(name, List.copyOf(hosts), List.of(), Map.of(), null)));
        vars.forEach((h, v) -> inv.vars.put(h, new LinkedHashMap<>(v)));
        return inv;
    }

    /** A real inventory as Ansible reads it (raw, merged vars; no origins): {@code ansible-inventory -i SOURCE --list}. */
    @SuppressWarnings("unchecked")
    public static FakeInventory listed(Path source) throws Exception {
        Process p = new ProcessBuilder("ansible-inventory", "-i", source.toString(), "--list")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Map<String, Object> json = new ObjectMapper().readValue(p.getInputStream(), LinkedHashMap.class);
        if (p.waitFor() != 0) throw new IllegalStateException("ansible-inventory failed for " + source);
        FakeInventory inv = new FakeInventory(source, h -> Optional.empty(), null);
        for (Map.Entry<String, Object> e : json.entrySet()) {
            if (e.getKey().equals("_meta")) continue;
            Map<String, Object> g = (Map<String, Object>) e.getValue();
            inv.groups.put(e.getKey(), new InventoryGroup(e.getKey(), (List<String>) g.getOrDefault("hosts", List.of()),
                    (List<String>) g.getOrDefault("children", List.of()), Map.of(), null));
        }
        inv.groups.putIfAbsent(UNGROUPED, new InventoryGroup(UNGROUPED, List.of(), List.of(), Map.of(), null));
        Map<String, Map<String, Object>> hostvars = (Map<String, Map<String, Object>>) ((Map<String, Object>) json.get("_meta")).get("hostvars");
        // hosts in groups['all'] order, as Ansible lists them
        for (String h : inv.hostsOf(ALL)) inv.vars.put(h, hostvars.getOrDefault(h, new LinkedHashMap<>()));
        return inv;
    }

    public FakeInventory group(String name, String... hosts) {
        groups.put(name, new InventoryGroup(name, List.of(hosts), List.of(), Map.of(), null));
        for (String h : hosts) vars.computeIfAbsent(h, k -> new LinkedHashMap<>());
        return this;
    }

    public FakeInventory parent(String name, String... children) {
        groups.put(name, new InventoryGroup(name, List.of(), List.of(children), Map.of(), null));
        return this;
    }

    public FakeInventory var(String host, String name, Object value) {
        vars.computeIfAbsent(host, k -> new LinkedHashMap<>()).put(name, value);
        return this;
    }

    /** The variable on every host known so far. */
    public FakeInventory varAll(String name, Object value) {
        vars.values().forEach(v -> v.put(name, value));
        return this;
    }

    /** Variables as they are, nothing rendered: for the cluster model without a template engine. */
    public VariableResolver resolver() {
        return (host, variable) -> Optional.ofNullable(vars.get(host).get(variable));
    }

    @Override public Path source() { return source; }

    @Override public List<String> hosts() { return List.copyOf(vars.keySet()); }

    @Override public List<String> groupNames() {
        List<String> names = new ArrayList<>();
        if (!groups.containsKey(ALL)) names.add(ALL);
        if (!groups.containsKey(UNGROUPED)) names.add(UNGROUPED);
        names.addAll(groups.keySet());
        return names;
    }

    @Override public Optional<InventoryGroup> group(String name) { return Optional.ofNullable(groups.get(name)); }

    @Override public InventoryHost host(String name) { return new InventoryHost(name, vars.get(name), declaredAt); }

    @Override public List<String> hostsOf(String group) {
        if (!groups.containsKey(group)) {
            if (group.equals(ALL)) return hosts();
            if (group.equals(UNGROUPED)) return hosts().stream().filter(h -> groupNamesOf(h).isEmpty()).toList();
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        List<String> queue = new ArrayList<>(List.of(group));
        Set<String> seen = new LinkedHashSet<>();
        while (!queue.isEmpty()) {
            String g = queue.remove(0);
            if (!seen.add(g) || !groups.containsKey(g)) continue;
            out.addAll(groups.get(g).hosts());
            queue.addAll(groups.get(g).children());
        }
        return List.copyOf(out);
    }

    @Override public List<String> groupNamesOf(String host) {
        return groups.keySet().stream().filter(g -> !g.equals(ALL) && !g.equals(UNGROUPED) && hostsOf(g).contains(host)).sorted().toList();
    }

    @Override public Map<String, Object> hostVars(String host) { return vars.getOrDefault(host, Map.of()); }

    @Override public Optional<SourceRef> origin(String host, String variable) {
        return hostVars(host).containsKey(variable) ? setAt.apply(host) : Optional.empty();
    }

    @Override public List<VaultValue> vaultValues() { return List.of(); }
}
