package io.kafkaops.orchestrator.template;

import io.kafkaops.orchestrator.inventory.PythonFloat;

import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** How Python sees Java values: truthiness, str(), repr(), float repr - what Ansible prints. */
final class PythonValues {
    private PythonValues() {}

    static boolean truthy(Object v) {
        if (v == null) return false;
        if (v instanceof Boolean b) return b;
        if (v instanceof Number n) return n.doubleValue() != 0;
        if (v instanceof CharSequence s) return !s.isEmpty();
        if (v instanceof Collection<?> c) return !c.isEmpty();
        if (v instanceof Map<?, ?> m) return !m.isEmpty();
        return true;
    }

    static String str(Object v) {
        if (v instanceof CharSequence s) return s.toString();
        return repr(v);
    }

    static String repr(Object v) {
        if (v == null) return "None";
        if (v instanceof Boolean b) return b ? "True" : "False";
        if (v instanceof Double || v instanceof Float) return PythonFloat.repr(((Number) v).doubleValue());
        if (v instanceof Number n) return n.toString();
        if (v instanceof CharSequence s) return stringRepr(s.toString());
        // dictsort and items() give pairs, which Python prints as tuples
        if (v instanceof Map.Entry<?, ?> e) return "(" + repr(e.getKey()) + ", " + repr(e.getValue()) + ")";
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<?, ?> e = it.next();
                sb.append(repr(e.getKey())).append(": ").append(repr(e.getValue()));
                if (it.hasNext()) sb.append(", ");
            }
            return sb.append('}').toString();
        }
        if (v instanceof Collection<?> c) {
            StringBuilder sb = new StringBuilder("[");
            Iterator<?> it = c.iterator();
            while (it.hasNext()) {
                sb.append(repr(it.next()));
                if (it.hasNext()) sb.append(", ");
            }
            return sb.append(']').toString();
        }
        return v.toString();
    }

    /** Python's repr of a str: single quotes unless the text has ' and no ". */
    static String stringRepr(String s) {
        char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder sb = new StringBuilder().append(q);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c == q) sb.append('\\').append(c);
                    else if (c < 0x20 || c == 0x7f) sb.append(String.format("\\x%02x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append(q).toString();
    }

    static List<?> asList(Object v, String filter) {
        if (v instanceof List<?> l) return l;
        if (v instanceof Collection<?> c) return List.copyOf(c);
        throw new IllegalArgumentException(filter + " expects a list, got " + typeName(v));
    }

    static Map<?, ?> asMap(Object v, String filter) {
        if (v instanceof Map<?, ?> m) return m;
        throw new IllegalArgumentException(filter + " expects a dictionary, got " + typeName(v));
    }

    static String typeName(Object v) {
        if (v == null) return "None";
        if (v instanceof CharSequence) return "str";
        if (v instanceof Boolean) return "bool";
        if (v instanceof Double || v instanceof Float) return "float";
        if (v instanceof Number) return "int";
        if (v instanceof Map) return "dict";
        if (v instanceof Collection) return "list";
        return v.getClass().getSimpleName();
    }
}
