package io.kafkaops.orchestrator.template;

/**
 * Jinja2 reads string literals with Python's escape rules: an unknown escape such as `\.` keeps
 * its backslash (the book's `regex_replace('\.foo\.bar', '')`). jinjava rejects it, so inside
 * `{{ }}` / `{% %}` we spell such a backslash as `\\`, which both read as one backslash.
 */
final class PythonStringLiterals {
    private static final String KNOWN_ESCAPES = "\\'\"abfnrtv01234567xuUN\n";

    private PythonStringLiterals() {}

    static String normalise(String source) {
        if (source.indexOf('\\') < 0) return source;
        StringBuilder out = new StringBuilder(source.length() + 8);
        int i = 0;
        while (i < source.length()) {
            int open = nextBlock(source, i);
            if (open < 0) {
                out.append(source, i, source.length());
                break;
            }
            out.append(source, i, open + 2);
            String close = source.charAt(open + 1) == '{' ? "}}" : "%}";
            i = open + 2;
            char quote = 0;
            while (i < source.length()) {
                char c = source.charAt(i);
                if (quote == 0 && source.startsWith(close, i)) break;
                if (quote == 0 && (c == '\'' || c == '"')) {
                    quote = c;
                } else if (quote != 0 && c == '\\' && i + 1 < source.length()) {
                    char next = source.charAt(i + 1);
                    out.append(KNOWN_ESCAPES.indexOf(next) >= 0 ? "\\" : "\\\\").append(next);
                    i += 2;
                    continue;
                } else if (quote != 0 && c == quote) {
                    quote = 0;
                }
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static int nextBlock(String s, int from) {
        int a = s.indexOf("{{", from);
        int b = s.indexOf("{%", from);
        if (a < 0) return b;
        if (b < 0) return a;
        return Math.min(a, b);
    }
}
