package io.kafkaops.orchestrator.template;

import io.kafkaops.orchestrator.inventory.PythonFloat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * PyYAML's yaml.dump as Ansible's to_yaml (flow style for leaf collections) and to_nice_yaml
 * (block style, indent 4) call it: keys sorted, PyYAML's quoting and indentless sequences.
 * Covers scalars, lists and dicts; long-line folding and multi-line strings are not emulated.
 */
record PyYaml(Boolean defaultFlowStyle, int indent) {

    static PyYaml toYaml() { return new PyYaml(null, 2); }

    static PyYaml toNiceYaml(int indent) { return new PyYaml(false, indent); }

    // YAML 1.1 implicit types PyYAML resolves plain scalars to; a str looking like one gets quoted
    private static final Pattern IMPLICIT = Pattern.compile(String.join("|",
            "yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF",
            "[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
                    + "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)",
            "[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+",
            "<<|~|null|Null|NULL|=",
            "[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \\t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}"
                    + "(?:\\.[0-9]*)?(?:[ \\t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?"));

    String dump(Object value) {
        StringBuilder sb = new StringBuilder();
        if (!isCollection(value)) return scalar(value, false) + "\n...\n";
        if (isFlow(value)) return flow(value) + "\n";
        block(sb, value, 0);
        return sb.append('\n').toString();
    }

    private static boolean isCollection(Object v) { return v instanceof Map || v instanceof Collection; }

    private boolean isFlow(Object v) {
        if (v instanceof Map<?, ?> m && m.isEmpty() || v instanceof Collection<?> c && c.isEmpty()) return true;
        if (defaultFlowStyle != null) return defaultFlowStyle;
        // default_flow_style=None: only collections of scalars are written in flow style
        Collection<?> children = v instanceof Map<?, ?> m ? m.values() : (Collection<?>) v;
        return children.stream().noneMatch(PyYaml::isCollection);
    }

    /** Writes a block collection whose first line starts at the current position (column `col`). */
    private void block(StringBuilder sb, Object v, int col) {
        if (v instanceof Map<?, ?> m) {
            boolean first = true;
            for (Map.Entry<?, ?> e : sorted(m)) {
                if (!first) sb.append('\n').append(" ".repeat(col));
                first = false;
                sb.append(scalar(e.getKey(), false)).append(':');
                Object child = e.getValue();
                if (!isCollection(child) || isFlow(child)) {
                    sb.append(' ').append(isCollection(child) ? flow(child) : scalar(child, false));
                } else if (child instanceof Map) {
                    sb.append('\n').append(" ".repeat(col + indent));
                    block(sb, child, col + indent);
                } else {
                    // PyYAML writes a sequence inside a mapping without indenting it
                    sb.append('\n').append(" ".repeat(col));
                    block(sb, child, col);
                }
            }
        } else {
            boolean first = true;
            for (Object child : (Collection<?>) v) {
                if (!first) sb.append('\n').append(" ".repeat(col));
                first = false;
                sb.append('-');
                if (!isCollection(child) || isFlow(child)) {
                    sb.append(' ').append(isCollection(child) ? flow(child) : scalar(child, false));
                } else {
                    sb.append(" ".repeat(Math.max(1, indent - 1)));
                    block(sb, child, col + Math.max(2, indent));
                }
            }
        }
    }

    private String flow(Object v) {
        List<String> parts = new ArrayList<>();
        if (v instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : sorted(m)) parts.add(scalar(e.getKey(), true) + ": " + flowChild(e.getValue()));
            return "{" + String.join(", ", parts) + "}";
        }
        for (Object child : (Collection<?>) v) parts.add(flowChild(child));
        return "[" + String.join(", ", parts) + "]";
    }

    private String flowChild(Object v) { return isCollection(v) ? flow(v) : scalar(v, true); }

    private static List<Map.Entry<?, ?>> sorted(Map<?, ?> m) {
        List<Map.Entry<?, ?>> entries = new ArrayList<>(m.entrySet());
        entries.sort((a, b) -> PythonValues.str(a.getKey()).compareTo(PythonValues.str(b.getKey())));
        return entries;
    }

    static String scalar(Object v, boolean inFlow) {
        if (v == null) return "null";
        if (v instanceof Boolean b) return b ? "true" : "false";
        if (v instanceof Double || v instanceof Float) {
            String r = PythonFloat.repr(((Number) v).doubleValue());
            return switch (r) {
                case "inf" -> ".inf";
                case "-inf" -> "-.inf";
                case "nan" -> ".nan";
                default -> r;
            };
        }
        if (v instanceof Number n) return n.toString();
        String s = v.toString();
        if (needsDoubleQuotes(s)) return doubleQuoted(s);
        return plainAllowed(s, inFlow) ? s : "'" + s.replace("'", "''") + "'";
    }

    private static boolean plainAllowed(String s, boolean inFlow) {
        if (s.isEmpty() || IMPLICIT.matcher(s).matches()) return false;
        if (s.startsWith(" ") || s.endsWith(" ")) return false;
        if (s.startsWith("---") || s.startsWith("...")) return false;
        char first = s.charAt(0);
        if ("#,[]{}&*!|>'\"%@`".indexOf(first) >= 0) return false;
        boolean followedBySpace = s.length() == 1 || s.charAt(1) == ' ';
        if ("?:-".indexOf(first) >= 0 && (followedBySpace || inFlow && first != '-')) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean spaceNext = i + 1 == s.length() || s.charAt(i + 1) == ' ';
            if (c == ':' && (spaceNext || inFlow)) return false;
            if (c == '#' && i > 0 && s.charAt(i - 1) == ' ') return false;
            if (inFlow && ",?[]{}".indexOf(c) >= 0) return false;
        }
        return true;
    }

    private static boolean needsDoubleQuotes(String s) {
        for (char c : s.toCharArray()) {
            if (c == '\n' || c == '\t' || c < 0x20 || c == 0x7f) return true;
        }
        return false;
    }

    private static String doubleQuoted(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c < 0x20 || c == 0x7f ? String.format("\\x%02X", (int) c) : String.valueOf(c));
            }
        }
        return sb.append('"').toString();
    }
}
