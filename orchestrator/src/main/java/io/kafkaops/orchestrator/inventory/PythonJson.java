package io.kafkaops.orchestrator.inventory;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Python's json.dumps with the arguments Ansible passes: to_json / to_nice_json in templates, and
 * ansible-inventory's output (indent=4, sort_keys=True, ensure_ascii=False).
 */
public record PythonJson(Integer indent, boolean sortKeys, String itemSeparator, String keySeparator, boolean ensureAscii) {

    public static PythonJson toJson() { return new PythonJson(null, false, ", ", ": ", true); }

    public static PythonJson toNiceJson(int indent, boolean sortKeys) { return new PythonJson(indent, sortKeys, ",", ": ", true); }

    /** ansible-inventory --list/--host: the only caller that passes ensure_ascii=False, so é stays é. */
    public static PythonJson ansibleInventory() { return new PythonJson(4, true, ",", ": ", false); }

    public String dumps(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, 0);
        return sb.toString();
    }

    private void write(StringBuilder sb, Object v, int level) {
        if (v == null) sb.append("null");
        else if (v instanceof Boolean b) sb.append(b ? "true" : "false");
        else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            // json.dumps prints inf/nan bare, not as Python's repr (inf, nan) nor as strings
            sb.append(Double.isNaN(d) ? "NaN" : Double.isInfinite(d) ? (d > 0 ? "Infinity" : "-Infinity") : PythonFloat.repr(d));
        } else if (v instanceof Number n) sb.append(n);
        else if (v instanceof CharSequence s) string(sb, s.toString());
        else if (v instanceof Map<?, ?> m) {
            if (m.isEmpty()) { sb.append("{}"); return; }
            // SimpleImmutableEntry: a value may be None, which Map.entry refuses
            List<Map.Entry<String, Object>> entries = new ArrayList<>();
            m.forEach((k, val) -> entries.add(new AbstractMap.SimpleImmutableEntry<>(key(k), val)));
            if (sortKeys) entries.sort(Map.Entry.comparingByKey());
            sb.append('{');
            for (int i = 0; i < entries.size(); i++) {
                if (i > 0) sb.append(itemSeparator);
                newline(sb, level + 1);
                string(sb, entries.get(i).getKey());
                sb.append(keySeparator);
                write(sb, entries.get(i).getValue(), level + 1);
            }
            newline(sb, level);
            sb.append('}');
        } else if (v instanceof Collection<?> c) {
            if (c.isEmpty()) { sb.append("[]"); return; }
            sb.append('[');
            int i = 0;
            for (Object item : c) {
                if (i++ > 0) sb.append(itemSeparator);
                newline(sb, level + 1);
                write(sb, item, level + 1);
            }
            newline(sb, level);
            sb.append(']');
        } else string(sb, v.toString());
    }

    /** json.dumps turns str, int, float, bool and None keys into text and refuses any other key, as here. */
    private static String key(Object k) {
        if (k instanceof Collection || k instanceof Map || k instanceof Map.Entry) {
            throw new IllegalArgumentException("keys must be str, int, float, bool or None, not " + k.getClass().getSimpleName());
        }
        if (k == null) return "null";
        if (k instanceof Boolean b) return b ? "true" : "false";
        if (k instanceof Double || k instanceof Float) return PythonFloat.repr(((Number) k).doubleValue());
        return String.valueOf(k);
    }

    private void newline(StringBuilder sb, int level) {
        if (indent != null) sb.append('\n').append(" ".repeat(indent * level));
    }

    private void string(StringBuilder sb, String s) {
        sb.append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || (ensureAscii && c > 0x7e)) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        sb.append('"');
    }
}
