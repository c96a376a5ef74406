package io.kafkaops.orchestrator.template;

import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Ansible's `hostvars`: every host's variables, each rendered lazily for its own host. */
final class HostVars extends AbstractMap<String, Object> {
    private final Templar templar;

    HostVars(Templar templar) { this.templar = templar; }

    @Override
    public boolean containsKey(Object host) { return templar.inventory().hosts().contains(host); }

    @Override
    public Object get(Object host) {
        return containsKey(host) ? new HostVariables(templar, (String) host) : null;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        Set<Entry<String, Object>> entries = new LinkedHashSet<>();
        for (String h : templar.inventory().hosts()) entries.add(new SimpleImmutableEntry<>(h, get(h)));
        return entries;
    }

    /** hostvars[host]: inventory variables (rendered on access) plus that host's magic variables. */
    static final class HostVariables extends AbstractMap<String, Object> {
        private final Templar templar;
        private final String host;

        HostVariables(Templar templar, String host) {
            this.templar = templar;
            this.host = host;
        }

        @Override
        public boolean containsKey(Object var) {
            return templar.inventory().hostVars(host).containsKey(var) || templar.magicVariables(host).containsKey(var);
        }

        @Override
        public Object get(Object var) {
            if (templar.inventory().hostVars(host).containsKey(var)) return templar.variable(host, (String) var);
            return templar.magicVariables(host).get(var);
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            Map<String, Object> all = new LinkedHashMap<>();
            for (String var : templar.inventory().hostVars(host).keySet()) all.put(var, get(var));
            return all.entrySet();
        }
    }
}
