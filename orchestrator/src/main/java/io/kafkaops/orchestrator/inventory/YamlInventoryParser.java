package io.kafkaops.orchestrator.inventory;

import io.kafkaops.orchestrator.SourceRef;

import io.kafkaops.orchestrator.BadInput;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Ansible's yaml inventory plugin: top-level groups with hosts, vars and children, recursively. */
final class YamlInventoryParser {
    private final Path file;
    private final AnsibleYaml.Document doc;
    private final InventoryData inventory;

    private YamlInventoryParser(Path file, AnsibleYaml.Document doc, InventoryData inventory) {
        this.file = file;
        this.doc = doc;
        this.inventory = inventory;
    }

    /** Whether Ansible's yaml plugin takes a file, or hands it on to the ini plugin (and why). */
    sealed interface Verdict permits Accepted, Refused {}

    record Accepted(AnsibleYaml.Document doc) implements Verdict {}

    /** Kept to report when the ini plugin refuses the file too. */
    record Refused(BadInput why) implements Verdict {}

    static Verdict accept(Path file) {
        AnsibleYaml.Document doc;
        try {
            doc = AnsibleYaml.load(file);
        } catch (BadInput e) {
            return new Refused(e);
        }
        if (doc.root() == null) {
            return new Refused(new BadInput(file, null, "empty YAML inventory", "add groups and hosts"));
        }
        if (!(doc.root() instanceof Map<?, ?> map)) {
            return new Refused(new BadInput(file, 1, "YAML inventory has invalid structure, it should be a mapping of groups",
                    "start the file with a group name such as 'all:'"));
        }
        Object plugin = map.get("plugin");
        if (plugin != null && !Boolean.FALSE.equals(plugin) && !"".equals(plugin)) {
            return new Refused(new BadInput(file, doc.line(map, "plugin"),
                    "this is an inventory plugin configuration, not a YAML inventory",
                    "give a static inventory (hosts.yml / hosts.ini); dynamic inventory plugins are not supported"));
        }
        return new Accepted(doc);
    }

    static void parse(Path file, AnsibleYaml.Document doc, InventoryData inventory) {
        YamlInventoryParser p = new YamlInventoryParser(file, doc, inventory);
        Map<?, ?> root = (Map<?, ?>) doc.root();
        p.role(root, Replaced.Scope.STRUCTURE, "the top level");
        for (Map.Entry<?, ?> e : root.entrySet()) p.group(e.getKey(), e.getValue(), root);
        List<Replaced> replaced = new ArrayList<>();
        doc.duplicates().forEach((map, duplicates) -> {
            Role r = p.roles.getOrDefault(map, new Role(Replaced.Scope.VALUE, "a variable's value"));
            for (AnsibleYaml.Duplicate d : duplicates) {
                replaced.add(new Replaced(r.scope(), r.owner(), String.valueOf(d.key()), new SourceRef(file, d.firstLine()),
                        new SourceRef(file, d.lastLine()), d.sameValue(), Optional.of(d.ansibleWarning())));
            }
        });
        // in the file's order, so the first refused is the first in the file
        replaced.sort(Comparator.comparing(r -> r.last().line()));
        inventory.replaced.addAll(replaced);
    }

    /** What a mapping of the file is to the inventory, for its duplicate keys. */
    private record Role(Replaced.Scope scope, String owner) {}

    private final Map<Object, Role> roles = new IdentityHashMap<>();

    private void role(Object map, Replaced.Scope scope, String owner) {
        if (map instanceof Map<?, ?>) roles.putIfAbsent(map, new Role(scope, owner));
    }

    private String group(Object name, Object data, Map<?, ?> owner) {
        SourceRef at = new SourceRef(file, doc.line(owner, name));
        if (!(name instanceof String groupName)) {
            throw new BadInput(file, at.line(), "group name must be text, got " + name, "quote the group name");
        }
        if (data != null && !(data instanceof Map)) {
            // Ansible skips it with a warning: "Skipping '...' as this is not a valid group definition"
            return groupName;
        }
        inventory.addGroup(groupName, at);
        if (data == null) return groupName;
        Map<?, ?> section = (Map<?, ?>) data;
        role(section, Replaced.Scope.STRUCTURE, "group " + groupName);
        for (String key : List.of("vars", "children", "hosts")) {
            Object v = section.get(key);
            if (v != null && !(v instanceof Map) && !(v instanceof String)) {
                throw new BadInput(file, doc.line(section, key), "invalid \"" + key + "\" entry for \"" + groupName
                        + "\" group, requires a mapping, found " + kind(v), "write " + key + ": as a mapping (name: value lines)");
            }
        }
        for (Map.Entry<?, ?> e : section.entrySet()) {
            Object key = e.getKey();
            Object value = e.getValue() instanceof String s && List.of("vars", "children", "hosts").contains(key)
                    ? singleton(s, section, key) : e.getValue();
            if (!(value instanceof Map<?, ?> entries)) continue; // Ansible skips non-mapping and empty keys
            role(entries, "vars".equals(key) ? Replaced.Scope.GROUP_VARIABLE : Replaced.Scope.STRUCTURE,
                    "vars".equals(key) ? groupName : key + " of group " + groupName);
            if ("vars".equals(key)) {
                entries.forEach((k, v) -> inventory.setGroupVar(groupName, String.valueOf(k), v,
                        new SourceRef(file, doc.line(entries, k))));
            } else if ("children".equals(key)) {
                entries.forEach((k, v) -> {
                    String child = group(k, v, entries);
                    if (inventory.groups.containsKey(child)) {
                        inventory.addChild(groupName, child, new SourceRef(file, doc.line(entries, k)));
                    }
                });
            } else if ("hosts".equals(key)) {
                entries.forEach((k, v) -> hosts(groupName, k, v, entries));
            }
            // any other key: Ansible warns "Skipping unexpected key" and ignores it
        }
        return groupName;
    }

    private Map<Object, Object> singleton(String name, Map<?, ?> section, Object key) {
        Map<Object, Object> m = new LinkedHashMap<>();
        m.put(name, null);
        doc.keyLines().put(m, Map.of(name, Optional.ofNullable(doc.line(section, key)).orElse(0)));
        return m;
    }

    private void hosts(String group, Object pattern, Object vars, Map<?, ?> owner) {
        SourceRef at = new SourceRef(file, doc.line(owner, pattern));
        if (!(pattern instanceof String p)) {
            throw new BadInput(file, at.line(), "host name must be text, got " + pattern, "quote the host name");
        }
        if (vars != null && !(vars instanceof Map)) {
            throw new BadInput(file, at.line(), "variables of host '" + p + "' must be a mapping, found " + kind(vars),
                    "write the host's variables as 'name: value' lines under it, or leave it empty");
        }
        HostPattern hp = HostPattern.parse(p, at);
        role(vars, Replaced.Scope.HOST_VARIABLE, p);
        for (String host : hp.hosts()) {
            inventory.addHost(host, group, hp.port(), at);
            if (vars instanceof Map<?, ?> m) {
                m.forEach((k, v) -> inventory.setHostVar(host, String.valueOf(k), v, new SourceRef(file, doc.line(m, k))));
            }
        }
    }

    private static String kind(Object v) {
        return v instanceof List ? "a list" : "'" + v + "'";
    }
}
