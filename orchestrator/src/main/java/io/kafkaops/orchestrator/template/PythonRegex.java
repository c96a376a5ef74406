package io.kafkaops.orchestrator.template;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Python `re` patterns and replacement strings (\1, \g<name>) on java.util.regex. */
final class PythonRegex {
    private PythonRegex() {}

    static Pattern compile(String pattern, boolean ignorecase, boolean multiline) {
        String java = pattern
                .replace("(?P<", "(?<")
                .replaceAll("\\(\\?P=(\\w+)\\)", "\\\\k<$1>")
                .replace("\\Z", "\\z");
        int flags = (ignorecase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0) | (multiline ? Pattern.MULTILINE : 0);
        return Pattern.compile(java, flags);
    }

    /** re.sub(pattern, replacement, value): Python's backreference syntax, unmatched groups as ''. */
    static String sub(Pattern p, String replacement, String value) {
        Matcher m = p.matcher(value);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            out.append(value, last, m.start()).append(expand(replacement, m));
            last = m.end();
        }
        return out.append(value.substring(last)).toString();
    }

    /** The text Python's match.expand(template) gives: \1..\99, \g<n>, \g<name>, \n \t \\ escapes. */
    static String expand(String template, Matcher m) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c != '\\' || i + 1 == template.length()) { sb.append(c); continue; }
            char n = template.charAt(++i);
            if (Character.isDigit(n)) {
                int end = i + 1;
                if (end < template.length() && Character.isDigit(template.charAt(end))) end++;
                sb.append(group(m, template.substring(i, end)));
                i = end - 1;
            } else if (n == 'g' && i + 1 < template.length() && template.charAt(i + 1) == '<') {
                int close = template.indexOf('>', i);
                if (close < 0) throw new IllegalArgumentException("missing > in group reference of " + template);
                sb.append(group(m, template.substring(i + 2, close)));
                i = close;
            } else {
                switch (n) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case '\\' -> sb.append('\\');
                    default -> sb.append('\\').append(n);
                }
            }
        }
        return sb.toString();
    }

    static String group(Matcher m, String ref) {
        String g = ref.chars().allMatch(Character::isDigit) ? m.group(Integer.parseInt(ref)) : m.group(ref);
        return g == null ? "" : g;
    }

    /** Ansible's regex_search: the match, or with '\\1' / '\\g<name>' arguments the list of those groups. */
    static Object search(String value, String regex, List<Object> groupRefs, boolean ignorecase, boolean multiline) {
        Matcher m = compile(regex, ignorecase, multiline).matcher(value);
        if (!m.find()) return null;
        if (groupRefs.isEmpty()) return m.group();
        List<String> items = new ArrayList<>();
        for (Object ref : groupRefs) {
            String r = String.valueOf(ref);
            if (r.startsWith("\\g<") && r.endsWith(">")) items.add(m.group(r.substring(3, r.length() - 1)));
            else if (r.startsWith("\\")) items.add(m.group(Integer.parseInt(r.substring(1))));
            else throw new IllegalArgumentException("unknown argument " + r + " to regex_search");
        }
        return items;
    }
}
