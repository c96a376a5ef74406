package io.kafkaops.orchestrator.inventory;

import io.kafkaops.orchestrator.SourceRef;

import io.kafkaops.orchestrator.BadInput;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Ansible's host_group_vars plugin: group_vars/ and host_vars/ beside the inventory, each entry a
 * file NAME, NAME.yml, NAME.yaml, NAME.json (first found wins) or a directory of such files.
 */
final class HostGroupVars {
    private static final List<String> EXTENSIONS = List.of("", ".yml", ".yaml", ".json");

    /** Variables from vars files and where each one was written. */
    record Vars(Map<String, Object> values, Map<String, SourceRef> origins) {
        static final Vars NONE = new Vars(Map.of(), Map.of());
    }

    private final Path basedir;
    private final Map<String, Vars> cache = new HashMap<>();
    /** Duplicate keys met in the vars files read so far. */
    final List<Replaced> replaced = new ArrayList<>();
    /** What Ansible warns about the folders themselves. */
    final List<String> warnings = new ArrayList<>();

    HostGroupVars(Path basedir) {
        this.basedir = basedir;
        for (String subdir : List.of("group_vars", "host_vars")) {
            Path p = basedir.resolve(subdir);
            // Ansible skips it with this warning: the variables in it apply to no host, for Ansible's runs either
            if (Files.exists(p) && !Files.isDirectory(p)) warnings.add("Found " + subdir + " that is not a directory, skipping: " + p);
        }
    }

    Vars group(String name) {
        return cache.computeIfAbsent("group_vars/" + name, k -> load("group_vars", name));
    }

    Vars host(String name) {
        return cache.computeIfAbsent("host_vars/" + name, k -> load("host_vars", name));
    }

    private Vars load(String subdir, String name) {
        Path dir = basedir.resolve(subdir);
        if (!Files.isDirectory(dir) || name.contains("/")) return Vars.NONE;
        List<Path> files = new ArrayList<>();
        for (String ext : EXTENSIONS) {
            Path candidate = dir.resolve(name + ext);
            if (Files.exists(candidate)) {
                if (Files.isDirectory(candidate)) files.addAll(dirFiles(candidate));
                else files.add(candidate);
                break;
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, SourceRef> origins = new HashMap<>();
        for (Path file : files) {
            AnsibleYaml.Document doc = AnsibleYaml.load(file);
            if (doc.root() == null) continue;
            if (!(doc.root() instanceof Map<?, ?> map)) {
                throw new BadInput(file, 1, "vars file must be a mapping of variable names to values",
                        "write 'name: value' lines at the top level of the file");
            }
            List<Replaced> found = new ArrayList<>();
            Replaced.Scope top = subdir.equals("host_vars") ? Replaced.Scope.HOST_VARIABLE : Replaced.Scope.GROUP_VARIABLE;
            doc.duplicates().forEach((m, duplicates) -> duplicates.forEach(d -> found.add(new Replaced(
                    m == map ? top : Replaced.Scope.VALUE, m == map ? name : "a variable's value", String.valueOf(d.key()),
                    new SourceRef(file, d.firstLine()), new SourceRef(file, d.lastLine()), d.sameValue(),
                    Optional.of(d.ansibleWarning())))));
            found.sort(Comparator.comparing(r -> r.last().line()));
            replaced.addAll(found);
            map.forEach((k, v) -> {
                String key = String.valueOf(k);
                SourceRef at = new SourceRef(file, doc.line(map, k));
                AnsibleVars.check(key, v, at);
                values.remove(key);
                values.put(key, v);
                origins.put(key, at);
            });
        }
        return values.isEmpty() ? Vars.NONE : new Vars(values, origins);
    }

    /** Ansible's _get_dir_vars_files: sorted, hidden and backup files skipped, subdirectories walked. */
    private static List<Path> dirFiles(Path dir) {
        List<Path> entries;
        try (Stream<Path> s = Files.list(dir)) {
            entries = s.sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new BadInput(dir, null, "cannot read vars directory: " + e.getMessage(), "check its permissions");
        }
        List<Path> found = new ArrayList<>();
        for (Path p : entries) {
            String n = p.getFileName().toString();
            if (n.startsWith(".") || n.endsWith("~")) continue;
            String ext = extension(n);
            if (Files.isDirectory(p) && ext.isEmpty()) found.addAll(dirFiles(p));
            else if (Files.isRegularFile(p) && EXTENSIONS.contains(ext)) found.add(p);
        }
        return found;
    }

    /** Python's os.path.splitext: a leading dot is not an extension. */
    static String extension(String name) {
        int dot = name.lastIndexOf('.');
        int firstNonDot = 0;
        while (firstNonDot < name.length() && name.charAt(firstNonDot) == '.') firstNonDot++;
        return dot > firstNonDot ? name.substring(dot) : "";
    }
}
