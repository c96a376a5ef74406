package io.kafkaops.orchestrator.inventory;

import io.kafkaops.orchestrator.SourceRef;

import io.kafkaops.orchestrator.BadInput;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Ansible's InventoryData while parsers fill it: groups and hosts in creation order, as Ansible keeps them. */
final class InventoryData {

    static final class Group {
        final String name;
        final SourceRef declaredAt;
        final List<Host> hosts = new ArrayList<>();
        final List<Group> children = new ArrayList<>();
        final List<Group> parents = new ArrayList<>();
        final Map<String, Object> vars = new LinkedHashMap<>();
        final Map<String, SourceRef> origins = new HashMap<>();
        int priority = 1;

        Group(String name, SourceRef declaredAt) {
            this.name = name;
            this.declaredAt = declaredAt;
        }

        Set<Group> ancestors() {
            Set<Group> seen = new LinkedHashSet<>();
            List<Group> todo = new ArrayList<>(parents);
            while (!todo.isEmpty()) {
                Group g = todo.remove(0);
                if (seen.add(g)) todo.addAll(g.parents);
            }
            return seen;
        }
    }

    static final class Host {
        final String name;
        final SourceRef declaredAt;
        final List<Group> groups = new ArrayList<>();
        final Map<String, Object> vars = new LinkedHashMap<>();
        final Map<String, SourceRef> origins = new HashMap<>();

        Host(String name, SourceRef declaredAt) {
            this.name = name;
            this.declaredAt = declaredAt;
        }

        /** Ansible's host.get_groups(): direct groups plus all their ancestors. */
        Set<Group> allGroups() {
            Set<Group> result = new LinkedHashSet<>();
            for (Group g : groups) {
                result.addAll(g.ancestors());
                result.add(g);
            }
            return result;
        }
    }

    final Map<String, Group> groups = new LinkedHashMap<>();
    final Map<String, Host> hosts = new LinkedHashMap<>();
    /** Values a later one replaced, in the order met (duplicate YAML keys and variables set again). */
    final List<Replaced> replaced = new ArrayList<>();

    InventoryData() {
        addGroup("all", null);
        addGroup("ungrouped", null);
        addChild("all", "ungrouped", null);
    }

    Group addGroup(String name, SourceRef at) {
        if (name == null || name.isEmpty()) {
            throw new BadInput(file(at), line(at), "empty group name", "give the group a name");
        }
        return groups.computeIfAbsent(name, n -> new Group(n, at));
    }

    Host addHost(String name, String group, Integer port, SourceRef at) {
        if (name == null || name.isEmpty()) {
            throw new BadInput(file(at), line(at), "empty host name", "give the host a name");
        }
        Host h = hosts.get(name);
        if (h == null) {
            h = new Host(name, at);
            hosts.put(name, h);
            // Ansible sets ansible_port from host:port only when it first meets the host
            if (port != null) setHostVar(name, "ansible_port", port, at);
        }
        Group g = groups.get(group);
        if (!g.hosts.contains(h)) {
            g.hosts.add(h);
            h.groups.add(g);
        }
        return h;
    }

    void addChild(String parent, String child, SourceRef at) {
        Group p = groups.get(parent);
        Group c = groups.get(child);
        if (p == c) {
            throw new BadInput(file(at), line(at), "group '" + child + "' is listed as a child of itself",
                    "remove '" + child + "' from its own children");
        }
        if (p.children.contains(c)) return;
        if (p.ancestors().contains(c)) {
            throw new BadInput(file(at), line(at), "adding group '" + child + "' as child to '" + parent
                    + "' creates a recursive dependency loop (children cycle)",
                    "remove '" + child + "' from the children of '" + parent + "' or break the cycle elsewhere");
        }
        p.children.add(c);
        if (!c.parents.contains(p)) c.parents.add(p);
    }

    void setGroupVar(String group, String key, Object value, SourceRef at) {
        Group g = groups.get(group);
        if (key.equals("ansible_group_priority")) {
            // Ansible turns it into the group's priority instead of a variable
            g.priority = AnsibleVars.priority(value, at);
            return;
        }
        AnsibleVars.check(key, value, at);
        if (g.vars.containsKey(key)) {
            replaced.add(new Replaced(Replaced.Scope.GROUP_VARIABLE, group, key, g.origins.get(key), at,
                    Objects.equals(g.vars.get(key), value), Optional.empty()));
        }
        g.vars.put(key, value);
        g.origins.put(key, at);
    }

    void setHostVar(String host, String key, Object value, SourceRef at) {
        Host h = hosts.get(host);
        AnsibleVars.check(key, value, at);
        if (h.vars.containsKey(key)) {
            // Ansible's host.set_variable: the last one wins, silently (a host listed in two groups, or in two files)
            replaced.add(new Replaced(Replaced.Scope.HOST_VARIABLE, host, key, h.origins.get(key), at,
                    Objects.equals(h.vars.get(key), value), Optional.empty()));
        }
        h.vars.put(key, value);
        h.origins.put(key, at);
    }

    /** Ansible's reconcile_inventory: orphan groups under all, lone hosts into ungrouped. */
    void reconcile() {
        Group all = groups.get("all");
        Group ungrouped = groups.get("ungrouped");
        for (Group g : groups.values()) {
            if (g != all && g.parents.isEmpty()) addChild("all", g.name, null);
        }
        for (Host h : hosts.values()) {
            Set<Group> mine = h.allGroups();
            if (mine.contains(ungrouped)) {
                Set<Group> others = new LinkedHashSet<>(mine);
                others.remove(all);
                others.remove(ungrouped);
                if (!others.isEmpty()) {
                    ungrouped.hosts.remove(h);
                    h.groups.remove(ungrouped);
                }
            } else if (mine.isEmpty() || (mine.size() == 1 && mine.contains(all))) {
                ungrouped.hosts.add(h);
                h.groups.add(ungrouped);
            }
        }
    }

    /** Group.depth in Ansible: the longest chain of parents up to all. */
    int depth(Group g) {
        int d = 0;
        for (Group p : g.parents) d = Math.max(d, depth(p) + 1);
        return d;
    }

    static String file(SourceRef at) {
        return at == null ? null : String.valueOf(at.file());
    }

    static Integer line(SourceRef at) {
        return at == null ? null : at.line();
    }
}
