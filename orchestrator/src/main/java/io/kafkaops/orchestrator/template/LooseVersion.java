package io.kafkaops.orchestrator.template;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** distutils' LooseVersion, which Ansible's `version` test uses by default: numbers and words compared in turn. */
record LooseVersion(String text, List<Object> components) implements Comparable<LooseVersion> {

    private static final Pattern COMPONENT = Pattern.compile("\\d+|[a-z]+|\\.");

    static LooseVersion parse(Object value) {
        String text = String.valueOf(value);
        List<Object> parts = new ArrayList<>();
        Matcher m = COMPONENT.matcher(text);
        int last = 0;
        while (m.find()) {
            add(parts, text.substring(last, m.start()));
            add(parts, m.group());
            last = m.end();
        }
        add(parts, text.substring(last));
        return new LooseVersion(text, parts);
    }

    private static void add(List<Object> parts, String piece) {
        if (piece.isEmpty() || piece.equals(".")) return;
        parts.add(piece.chars().allMatch(Character::isDigit) ? (Object) Long.parseLong(piece) : piece);
    }

    @Override
    public int compareTo(LooseVersion o) {
        for (int i = 0; i < Math.min(components.size(), o.components.size()); i++) {
            Object a = components.get(i);
            Object b = o.components.get(i);
            if (a.getClass() != b.getClass()) {
                throw new IllegalArgumentException("Version comparison failed: cannot compare " + text + " with " + o.text);
            }
            int c = a instanceof Long la ? la.compareTo((Long) b) : ((String) a).compareTo((String) b);
            if (c != 0) return c;
        }
        return Integer.compare(components.size(), o.components.size());
    }

    /** Ansible's version_compare(value, version, operator). */
    static boolean compare(Object value, Object version, String operator) {
        int c = parse(value).compareTo(parse(version));
        return switch (operator) {
            case "==", "=", "eq" -> c == 0;
            case "!=", "<>", "ne" -> c != 0;
            case "<", "lt" -> c < 0;
            case "<=", "le" -> c <= 0;
            case ">", "gt" -> c > 0;
            case ">=", "ge" -> c >= 0;
            default -> throw new IllegalArgumentException("Invalid operator type (" + operator + ")");
        };
    }
}
