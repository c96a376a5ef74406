package io.kafkaops.orchestrator.inventory;

import java.util.ArrayList;
import java.util.List;

/** Python's shlex.split(line, comments=True, posix=True), which Ansible's INI parser uses on host lines. */
final class Shlex {
    private Shlex() {}

    /** Thrown with Python's wording when quotes or escapes are left open. */
    static final class Unbalanced extends Exception {
        Unbalanced(String message) { super(message); }
    }

    static List<String> split(String line) throws Unbalanced {
        List<String> tokens = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        boolean inToken = false;
        boolean quoted = false;
        char quote = 0;
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (quote == '"' && c == '\\') {
                    if (i + 1 >= n) throw new Unbalanced("No escaped character");
                    char next = line.charAt(i + 1);
                    // inside double quotes a backslash only escapes " and \
                    if (next != '"' && next != '\\') token.append('\\');
                    token.append(next);
                    i++;
                } else {
                    token.append(c);
                }
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                if (inToken || quoted) tokens.add(token.toString());
                token.setLength(0);
                inToken = false;
                quoted = false;
            } else if (c == '#') {
                break;
            } else if (c == '\'' || c == '"') {
                quote = c;
                quoted = true;
                inToken = true;
            } else if (c == '\\') {
                if (i + 1 >= n) throw new Unbalanced("No escaped character");
                token.append(line.charAt(i + 1));
                inToken = true;
                i++;
            } else {
                token.append(c);
                inToken = true;
            }
            i++;
        }
        if (quote != 0) throw new Unbalanced("No closing quotation");
        if (inToken || quoted) tokens.add(token.toString());
        return tokens;
    }
}
