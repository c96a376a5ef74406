package io.kafkaops.orchestrator.template;

import com.hubspot.jinjava.interpret.Context;
import io.kafkaops.orchestrator.inventory.PythonJson;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.kafkaops.orchestrator.template.AnsibleFilter.arg;

/** The filters and tests Ansible adds to Jinja2 that jinjava lacks or implements differently. */
final class AnsibleFilters {
    private AnsibleFilters() {}

    private static final Pattern SHELL_SAFE = Pattern.compile("[\\w@%+=:,./-]+", Pattern.CASE_INSENSITIVE);

    static void registerAll(Context global) {
        filters().forEach(global::registerFilter);
        tests().forEach(global::registerExpTest);
    }

    static List<AnsibleFilter> filters() {
        return List.of(
                new AnsibleFilter("to_json", (v, a, k) -> PythonJson.toJson().dumps(v)),
                new AnsibleFilter("to_nice_json", (v, a, k) -> PythonJson.toNiceJson(
                        toInt(arg(a, k, 0, "indent", 4)), PythonValues.truthy(arg(a, k, 1, "sort_keys", true))).dumps(v)),
                new AnsibleFilter("to_yaml", (v, a, k) -> PyYaml.toYaml().dump(v)),
                new AnsibleFilter("to_nice_yaml", (v, a, k) -> PyYaml.toNiceYaml(toInt(arg(a, k, 0, "indent", 4))).dump(v)),
                new AnsibleFilter("ternary", AnsibleFilters::ternary),
                new AnsibleFilter("combine", AnsibleFilters::combine),
                new AnsibleFilter("dict2items", AnsibleFilters::dict2items),
                new AnsibleFilter("items2dict", AnsibleFilters::items2dict),
                new AnsibleFilter("extract", AnsibleFilters::extract),
                new AnsibleFilter("mandatory", (v, a, k) -> {
                    if (v == null) {
                        Object msg = arg(a, k, 0, "msg", null);
                        throw new IllegalArgumentException(msg != null ? msg.toString() : "Mandatory variable not defined.");
                    }
                    return v;
                }),
                new AnsibleFilter("regex_search", (v, a, k) -> PythonRegex.search(PythonValues.str(v), String.valueOf(a.get(0)),
                        a.subList(1, a.size()), PythonValues.truthy(k.get("ignorecase")), PythonValues.truthy(k.get("multiline")))),
                new AnsibleFilter("regex_replace", (v, a, k) -> PythonRegex.sub(
                        PythonRegex.compile(String.valueOf(arg(a, k, 0, "pattern", "")),
                                PythonValues.truthy(arg(a, k, 2, "ignorecase", false)),
                                        PythonValues.truthy(arg(a, k, 3, "multiline", false))),
                        String.valueOf(arg(a, k, 1, "replacement", "")), v == null ? "" : PythonValues.str(v))),
                new AnsibleFilter("basename", (v, a, k) -> basename(PythonValues.str(v))),
                new AnsibleFilter("dirname", (v, a, k) -> dirname(PythonValues.str(v))),
                new AnsibleFilter("quote", (v, a, k) -> quote(v == null ? "" : PythonValues.str(v))),
                new AnsibleFilter("bool", (v, a, k) -> toBool(v)),
                // Jinja lowers str(value): True | lower is 'true'
                new AnsibleFilter("lower", (v, a, k) -> PythonValues.str(v).toLowerCase()),
                new AnsibleFilter("upper", (v, a, k) -> PythonValues.str(v).toUpperCase()));
    }

    static List<AnsibleTest> tests() {
        AnsibleTest.Body version = (v, a) -> LooseVersion.compare(v, a.get(0), a.size() > 1 ? String.valueOf(a.get(1)) : "eq");
        return List.of(
                new AnsibleTest("version", version),
                new AnsibleTest("version_compare", version),
                new AnsibleTest("match", (v, a) -> regexTest(v, a).lookingAt()),
                new AnsibleTest("search", (v, a) -> regexTest(v, a).find()));
    }

    private static Matcher regexTest(Object v, List<Object> a) {
        boolean ignorecase = a.size() > 1 && PythonValues.truthy(a.get(1));
        boolean multiline = a.size() > 2 && PythonValues.truthy(a.get(2));
        return PythonRegex.compile(String.valueOf(a.get(0)), ignorecase, multiline).matcher(PythonValues.str(v));
    }

    private static Object ternary(Object v, List<Object> a, Map<String, Object> k) {
        Object whenNone = arg(a, k, 2, "none_val", null);
        if (v == null && whenNone != null) return whenNone;
        return PythonValues.truthy(v) ? arg(a, k, 0, "true_val", null) : arg(a, k, 1, "false_val", null);
    }

    /** combine(*dicts, recursive=False, list_merge='replace'); lists of dicts are flattened one level. */
    private static Object combine(Object v, List<Object> a, Map<String, Object> k) {
        List<Map<?, ?>> dicts = new ArrayList<>();
        for (Object term : prepend(v, a)) {
            if (term instanceof Collection<?> c) c.forEach(t -> dicts.add(PythonValues.asMap(t, "combine")));
            else dicts.add(PythonValues.asMap(term, "combine"));
        }
        boolean recursive = PythonValues.truthy(k.get("recursive"));
        String listMerge = String.valueOf(k.getOrDefault("list_merge", "replace"));
        Map<Object, Object> out = new LinkedHashMap<>();
        for (Map<?, ?> d : dicts) merge(out, d, recursive, listMerge);
        return out;
    }

    private static List<Object> prepend(Object first, List<Object> rest) {
        List<Object> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    @SuppressWarnings("unchecked")
    private static void merge(Map<Object, Object> into, Map<?, ?> from, boolean recursive, String listMerge) {
        for (Map.Entry<?, ?> e : from.entrySet()) {
            Object old = into.get(e.getKey());
            Object add = e.getValue();
            if (recursive && old instanceof Map<?, ?> om && add instanceof Map<?, ?> am) {
                Map<Object, Object> merged = new LinkedHashMap<>((Map<Object, Object>) om);
                merge(merged, am, true, listMerge);
                into.put(e.getKey(), merged);
            } else if (old instanceof List<?> ol && add instanceof List<?> al && !listMerge.equals("replace")) {
                List<Object> merged = new ArrayList<>();
                switch (listMerge) {
                    case "keep" -> merged.addAll(ol);
                    case "append" -> { merged.addAll(ol); merged.addAll(al); }
                    case "prepend" -> { merged.addAll(al); merged.addAll(ol); }
                    case "append_rp" -> { ol.stream().filter(x -> !al.contains(x)).forEach(merged::add); merged.addAll(al); }
                    case "prepend_rp" -> { merged.addAll(al); ol.stream().filter(x -> !al.contains(x)).forEach(merged::add); }
                    default -> throw new IllegalArgumentException("'" + listMerge + "' is not a valid list_merge value");
                }
                into.put(e.getKey(), merged);
            } else {
                into.put(e.getKey(), add);
            }
        }
    }

    private static Object dict2items(Object v, List<Object> a, Map<String, Object> k) {
        String keyName = String.valueOf(arg(a, k, 0, "key_name", "key"));
        String valueName = String.valueOf(arg(a, k, 1, "value_name", "value"));
        List<Object> out = new ArrayList<>();
        for (Map.Entry<?, ?> e : PythonValues.asMap(v, "dict2items").entrySet()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put(keyName, e.getKey());
            item.put(valueName, e.getValue());
            out.add(item);
        }
        return out;
    }

    private static Object items2dict(Object v, List<Object> a, Map<String, Object> k) {
        String keyName = String.valueOf(arg(a, k, 0, "key_name", "key"));
        String valueName = String.valueOf(arg(a, k, 1, "value_name", "value"));
        Map<Object, Object> out = new LinkedHashMap<>();
        for (Object item : PythonValues.asList(v, "items2dict")) {
            Map<?, ?> m = PythonValues.asMap(item, "items2dict");
            out.put(m.get(keyName), m.get(valueName));
        }
        return out;
    }

    /** extract(item, container, morekeys): container[item][k1][k2]... */
    private static Object extract(Object item, List<Object> a, Map<String, Object> k) {
        Object value = lookup(arg(a, k, 0, "container", null), item);
        Object more = arg(a, k, 1, "morekeys", null);
        if (more != null) {
            for (Object key : more instanceof List<?> l ? l : List.of(more)) value = lookup(value, key);
        }
        return value;
    }

    private static Object lookup(Object container, Object key) {
        if (container instanceof Map<?, ?> m) {
            if (!m.containsKey(key)) throw new IllegalArgumentException("extract: no key " + PythonValues.repr(key));
            return m.get(key);
        }
        if (container instanceof List<?> l && key instanceof Number n) return l.get(n.intValue());
        throw new IllegalArgumentException("extract: cannot index " + PythonValues.typeName(container) + " with " + PythonValues.repr(key));
    }

    static String basename(String p) { return p.substring(p.lastIndexOf('/') + 1); }

    /** os.path.dirname: everything before the last '/', trailing slashes dropped unless it is all slashes. */
    static String dirname(String p) {
        String head = p.substring(0, p.lastIndexOf('/') + 1);
        if (!head.isEmpty() && !head.chars().allMatch(c -> c == '/')) head = head.replaceAll("/+$", "");
        return head;
    }

    /** shlex.quote. */
    static String quote(String s) {
        if (s.isEmpty()) return "''";
        if (SHELL_SAFE.matcher(s).matches() && s.chars().allMatch(c -> c < 128)) return s;
        return "'" + s.replace("'", "'\"'\"'") + "'";
    }

    /** Ansible's bool filter: yes/on/1/true (any case) are true, everything else false. */
    static boolean toBool(Object v) {
        if (v instanceof Boolean b) return b;
        if (v == null) return false;
        if (v instanceof Number n) return n.doubleValue() == 1;
        String s = v.toString().toLowerCase();
        return s.equals("yes") || s.equals("on") || s.equals("1") || s.equals("true");
    }

    private static int toInt(Object v) { return v instanceof Number n ? n.intValue() : Integer.parseInt(v.toString()); }
}
