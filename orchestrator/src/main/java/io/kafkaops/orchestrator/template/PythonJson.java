package io.kafkaops.orchestrator.template;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Python's json.dumps as Ansible's to_json / to_nice_json call it (ensure_ascii, separators, sort_keys). */
record PythonJson(Integer indent, boolean sortKeys, String itemSeparator, String keySeparator) {

    static PythonJson toJson() { return new PythonJson(null, false, ", ", ": "); }

    static PythonJson toNiceJson(int indent, boolean sortKeys) { return new PythonJson(indent, sortKeys, ",", ": "); }

    String dumps(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, 0);
        return sb.toString();
    }

    private void write(StringBuilder sb, Object v, int level) {
        if (v == null) sb.append("null");
        else if (v instanceof Boolean b) sb.append(b ? "true" : "false");
        else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            sb.append(Double.isNaN(d) ? "NaN" : Double.isInfinite(d) ? (d > 0 ? "Infinity" : "-Infinity") : PythonValues.floatRepr(d));
        } else if (v instanceof Number n) sb.append(n);
        else if (v instanceof CharSequence s) string(sb, s.toString());
        else if (v instanceof Map<?, ?> m) {
            if (m.isEmpty()) { sb.append("{}"); return; }
            List<Map.Entry<?, ?>> entries = new ArrayList<>(m.entrySet());
            if (sortKeys) entries.sort((a, b) -> PythonValues.str(a.getKey()).compareTo(PythonValues.str(b.getKey())));
            sb.append('{');
            for (int i = 0; i < entries.size(); i++) {
                if (i > 0) sb.append(itemSeparator);
                newline(sb, level + 1);
                Object k = entries.get(i).getKey();
                string(sb, k instanceof Boolean b ? (b ? "true" : "false") : k == null ? "null" : PythonValues.str(k));
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

    private void newline(StringBuilder sb, int level) {
        if (indent != null) sb.append('\n').append(" ".repeat(indent * level));
    }

    private static void string(StringBuilder sb, String s) {
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
                    if (c < 0x20 || c > 0x7e) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        sb.append('"');
    }
}
