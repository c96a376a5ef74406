package io.kafkaops.orchestrator.inventory;

import io.kafkaops.orchestrator.SourceRef;

import io.kafkaops.orchestrator.BadInput;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reads an Ansible inventory file or directory with the semantics of ansible-inventory 2.14. */
public final class InventoryLoader {
    /** Entries Ansible skips inside an inventory directory (IGNORED_ALWAYS + INVENTORY_IGNORE_EXTS). */
    private static final Pattern IGNORED = Pattern.compile(
            "^\\..*|^host_vars$|^group_vars$|^vars_plugins$"
                    + "|.*(?:\\.pyc|\\.pyo|\\.swp|\\.bak|~|\\.rpm|\\.md|\\.txt|\\.rst|\\.orig|\\.ini|\\.cfg|\\.retry)$");
    private static final List<String> YAML_EXTENSIONS = List.of("", ".yml", ".yaml", ".json");

    private InventoryLoader() {}

    public static AnsibleInventory load(Path path) {
        if (!Files.exists(path)) {
            throw new BadInput(path, null, "inventory path does not exist",
                    "give the path of an inventory file (hosts.ini, hosts.yml) or an inventory directory");
        }
        InventoryData data = new InventoryData();
        if (Files.isDirectory(path)) {
            List<Path> sources = directorySources(path);
            if (sources.isEmpty()) {
                throw new BadInput(path, null, "inventory directory holds no inventory file",
                        "add a hosts file (Ansible skips hidden files, group_vars/, host_vars/ and *.ini, *.cfg, *.txt, *.md, ... "
                        + "inside a directory: name it 'hosts' or 'hosts.yml')");
            }
            for (Path source : sources) parseSource(source, data);
        } else {
            parseSource(path, data);
        }
        data.reconcile();
        return snapshot(path, data, new HostGroupVars(Files.isDirectory(path) ? path : parentOf(path)));
    }

    private static Path parentOf(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of(".") : parent;
    }

    /** Ansible's directory walk: sorted names, ignored patterns skipped, subdirectories recursed. */
    private static List<Path> directorySources(Path dir) {
        List<Path> entries;
        try (Stream<Path> s = Files.list(dir)) {
            entries = s.sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new BadInput(dir, null, "cannot read inventory directory: " + e.getMessage(), "check its permissions");
        }
        List<Path> sources = new ArrayList<>();
        for (Path p : entries) {
            if (IGNORED.matcher(p.getFileName().toString()).matches()) continue;
            if (Files.isDirectory(p)) sources.addAll(directorySources(p));
            else sources.add(p);
        }
        return sources;
    }

    /** The yaml plugin first for yaml-looking names, then the ini plugin, as Ansible tries them. */
    private static void parseSource(Path file, InventoryData data) {
        String text = InventoryFiles.read(file);
        String ext = HostGroupVars.extension(file.getFileName().toString());
        BadInput yamlFailure = null;
        if (YAML_EXTENSIONS.contains(ext)) {
            YamlInventoryParser.Verdict verdict = YamlInventoryParser.accept(file);
            if (verdict instanceof YamlInventoryParser.Accepted a) {
                YamlInventoryParser.parse(file, a.doc(), data);
                return;
            }
            yamlFailure = ((YamlInventoryParser.Refused) verdict).why();
        }
        try {
            IniInventoryParser.parse(file, text, data);
        } catch (BadInput iniFailure) {
            // a .yml/.yaml/.json file is meant as YAML: its YAML error is the useful one
            throw !ext.isEmpty() && yamlFailure != null ? yamlFailure : iniFailure;
        }
    }

    private static AnsibleInventory snapshot(Path source, InventoryData data, HostGroupVars files) {
        VariablePrecedence precedence = new VariablePrecedence(data, files);
        Map<String, InventoryGroup> groups = new LinkedHashMap<>();
        Map<String, List<String>> hostsOf = new LinkedHashMap<>();
        List<VaultValue> vaults = new ArrayList<>();
        for (InventoryData.Group g : data.groups.values()) {
            Map<String, Object> vars = new LinkedHashMap<>(g.vars);
            vars.putAll(files.group(g.name).values());
            collectVaults(vars.values(), vaults);
            groups.put(g.name, new InventoryGroup(g.name, names(g.hosts.stream().map(h -> h.name).toList()),
                    names(g.children.stream().map(c -> c.name).toList()), Collections.unmodifiableMap(vars), g.declaredAt));
            hostsOf.put(g.name, names(hostsOf(g)));
        }
        Map<String, InventoryHost> hosts = new LinkedHashMap<>();
        Map<String, List<String>> groupNames = new LinkedHashMap<>();
        Map<String, Map<String, Object>> merged = new LinkedHashMap<>();
        Map<String, Map<String, SourceRef>> origins = new LinkedHashMap<>();
        for (InventoryData.Host h : data.hosts.values()) {
            Map<String, Object> own = new LinkedHashMap<>(h.vars);
            own.putAll(files.host(h.name).values());
            collectVaults(own.values(), vaults);
            hosts.put(h.name, new InventoryHost(h.name, Collections.unmodifiableMap(own), h.declaredAt));
            groupNames.put(h.name, h.allGroups().stream().map(g -> g.name)
                    .filter(n -> !n.equals("all") && !n.equals("ungrouped")).sorted().toList());
            VariablePrecedence.Merged m = precedence.forHost(h);
            merged.put(h.name, Collections.unmodifiableMap(m.values()));
            origins.put(h.name, Collections.unmodifiableMap(m.origins()));
        }
        return new LoadedInventory(source, hostsOf.get("all"), Collections.unmodifiableMap(groups),
                Collections.unmodifiableMap(hosts), Collections.unmodifiableMap(hostsOf),
                Collections.unmodifiableMap(groupNames), Collections.unmodifiableMap(merged),
                Collections.unmodifiableMap(origins), List.copyOf(vaults),
                Stream.concat(data.replaced.stream(), files.replaced.stream()).toList(), List.copyOf(files.warnings));
    }

    /** Ansible's Group.get_hosts: own hosts, then descendants breadth-first, each host once. */
    private static List<String> hostsOf(InventoryData.Group group) {
        List<InventoryData.Group> ordered = new ArrayList<>();
        Set<InventoryData.Group> seen = new LinkedHashSet<>();
        ordered.add(group);
        seen.add(group);
        for (int i = 0; i < ordered.size(); i++) {
            for (InventoryData.Group c : ordered.get(i).children) {
                if (seen.add(c)) ordered.add(c);
            }
        }
        Set<String> hosts = new LinkedHashSet<>();
        for (InventoryData.Group g : ordered) g.hosts.forEach(h -> hosts.add(h.name));
        return new ArrayList<>(hosts);
    }

    private static void collectVaults(Collection<?> values, List<VaultValue> into) {
        for (Object v : values) {
            if (v instanceof VaultValue vault) into.add(vault);
            else if (v instanceof Map<?, ?> m) collectVaults(m.values(), into);
            else if (v instanceof Collection<?> c) collectVaults(c, into);
        }
    }

    private static List<String> names(List<String> names) {
        return List.copyOf(names);
    }
}
