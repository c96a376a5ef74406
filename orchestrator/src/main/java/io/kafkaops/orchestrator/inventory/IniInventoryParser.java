package io.kafkaops.orchestrator.inventory;

import io.kafkaops.orchestrator.SourceRef;

import io.kafkaops.orchestrator.BadInput;

import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Ansible's ini inventory plugin: [group], [group:children], [group:vars], host lines with key=value. */
final class IniInventoryParser {
    private static final Pattern SECTION = Pattern.compile("^\\[([^:\\]\\s]+)(?::(\\w+))?]\\s*(?:#.*)?$");
    private static final Pattern GROUP_NAME = Pattern.compile("^([^:\\]\\s]+)\\s*(?:#.*)?$");

    private record Pending(String state, int line, List<String> parents) {}

    private final Path file;
    private final InventoryData inventory;

    private IniInventoryParser(Path file, InventoryData inventory) {
        this.file = file;
        this.inventory = inventory;
    }

    static void parse(Path file, String text, InventoryData inventory) {
        new IniInventoryParser(file, inventory).parse(text);
    }

    private void parse(String text) {
        Map<String, Pending> pending = new LinkedHashMap<>();
        String group = "ungrouped";
        String state = "hosts";
        String[] lines = text.split("\\r?\\n|\\r", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            SourceRef at = new SourceRef(file, lineNo);
            String line = lines[i].strip();
            if (line.isEmpty() || line.charAt(0) == '#' || line.charAt(0) == ';') continue;
            Matcher m = SECTION.matcher(line);
            if (m.matches()) {
                group = m.group(1);
                state = m.group(2) == null ? "hosts" : m.group(2);
                if (!List.of("hosts", "children", "vars").contains(state)) {
                    throw new BadInput(file, lineNo, "section [" + group + ":" + state + "] has unknown type: " + state,
                            "use [" + group + "], [" + group + ":children] or [" + group + ":vars]");
                }
                if (!inventory.groups.containsKey(group)) {
                    // [g:vars] alone does not declare g; Ansible checks that at the end of the file
                    if (state.equals("vars") && !pending.containsKey(group)) pending.put(group,
                            new Pending("vars", lineNo, new ArrayList<>()));
                    inventory.addGroup(group, at);
                }
                if (pending.containsKey(group) && !state.equals("vars")) {
                    if (pending.get(group).state().equals("children")) addPendingChildren(group, pending);
                    else pending.remove(group);
                }
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                throw new BadInput(file, lineNo, "invalid section entry: '" + line + "'",
                        "write sections as [group], [group:children] or [group:vars] with no spaces inside the brackets");
            }
            switch (state) {
                case "hosts" -> hostLine(line, group, at);
                case "vars" -> {
                    int eq = line.indexOf('=');
                    if (eq < 0) {
                        throw new BadInput(file, lineNo, "expected key=value in [" + group + ":vars], got: " + line,
                                "write each group variable as name=value");
                    }
                    String key = line.substring(0, eq).strip();
                    inventory.setGroupVar(group, key, PythonLiteral.parseOrKeep(line.substring(eq + 1).strip()), at);
                }
                default -> {
                    Matcher g = GROUP_NAME.matcher(line);
                    if (!g.matches()) {
                        throw new BadInput(file, lineNo, "expected a group name in [" + group + ":children], got: " + line,
                                "list one child group name per line");
                    }
                    String child = g.group(1);
                    if (!inventory.groups.containsKey(child)) {
                        Pending p = pending.computeIfAbsent(child, c -> new Pending("children", lineNo, new ArrayList<>()));
                        p.parents().add(group);
                    } else {
                        inventory.addChild(group, child, at);
                    }
                }
            }
        }
        for (Map.Entry<String, Pending> e : pending.entrySet()) {
            Pending p = e.getValue();
            if (p.state().equals("vars")) {
                throw new BadInput(file, p.line(), "section [" + e.getKey() + ":vars] not valid for undefined group: " + e.getKey(),
                        "declare the group with [" + e.getKey() + "] (or list it under some [parent:children]) or remove the section");
            }
            throw new BadInput(file, p.line(), "section [" + p.parents().get(p.parents().size() - 1)
                    + ":children] includes undefined group: " + e.getKey(),
                    "declare [" + e.getKey() + "] with its hosts, or remove it from the children list");
        }
    }

    private void addPendingChildren(String group, Map<String, Pending> pending) {
        Pending p = pending.remove(group);
        for (String parent : p.parents()) {
            inventory.addChild(parent, group, new SourceRef(file, p.line()));
            Pending up = pending.get(parent);
            if (up != null && up.state().equals("children")) addPendingChildren(parent, pending);
        }
    }

    private void hostLine(String line, String group, SourceRef at) {
        List<String> tokens;
        try {
            tokens = Shlex.split(line);
        } catch (Shlex.Unbalanced e) {
            throw new BadInput(file, at.line(), "error parsing host definition '" + line + "': " + e.getMessage(),
                    "close the quote (or escape it with a backslash)");
        }
        if (tokens.isEmpty()) return;
        HostPattern pattern = HostPattern.parse(tokens.get(0), at);
        // a list, not a map: a key given twice on one line is seen as given twice
        List<Map.Entry<String, Object>> vars = new ArrayList<>();
        for (String t : tokens.subList(1, tokens.size())) {
            int eq = t.indexOf('=');
            if (eq < 0) {
                throw new BadInput(file, at.line(), "expected key=value host variable assignment, got: " + t,
                        "write host variables as name=value (quote values that contain spaces)");
            }
            vars.add(new AbstractMap.SimpleEntry<>(t.substring(0, eq), PythonLiteral.parseOrKeep(t.substring(eq + 1))));
        }
        for (String host : pattern.hosts()) {
            inventory.addHost(host, group, pattern.port(), at);
            vars.forEach(e -> inventory.setHostVar(host, e.getKey(), e.getValue(), at));
        }
    }
}
