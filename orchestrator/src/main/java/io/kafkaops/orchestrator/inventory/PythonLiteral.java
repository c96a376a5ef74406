package io.kafkaops.orchestrator.inventory;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python's ast.literal_eval as Ansible applies it to INI values and to rendered template text: `False` is a
 * bool, `42` an int (always a Long or BigInteger here), `2.10` the float 2.1, `'x'` the string x; anything
 * literal_eval refuses stays the raw string.
 */
public final class PythonLiteral {
    private static final String DIGITS = "[0-9](?:_?[0-9])*";
    private static final Pattern NUMBER = Pattern.compile(
            "0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+"
                    + "|(?:" + DIGITS + ")?\\.(?:" + DIGITS + ")?(?:[eE][+-]?" + DIGITS + ")?"
                    + "|" + DIGITS + "[eE][+-]?" + DIGITS
                    + "|" + DIGITS);

    /** Which Python containers may come back; lists and dicts always do. */
    public enum Containers {
        /** Ansible's INI values: sets and tuples too (a tuple comes back as a list). */
        ALL,
        /** Rendered template text: a set or tuple stays text, which prints as Python would; our lists would not. */
        LISTS_AND_DICTS
    }

    private final String src;
    private final Containers containers;
    private int pos;

    private PythonLiteral(String src, Containers containers) {
        this.src = src;
        this.containers = containers;
    }

    /** The value Ansible stores for an INI value: a Python literal when it is one, else the text itself. */
    public static Object parseOrKeep(String text) {
        return parseOrKeep(text, Containers.ALL);
    }

    /** As {@link #parseOrKeep(String)}, and None comes back as null; leading spaces and tabs are skipped as literal_eval does. */
    public static Object parseOrKeep(String text, Containers containers) {
        PythonLiteral p = new PythonLiteral(text.replaceFirst("^[ \\t]+", ""), containers);
        try {
            Object v = p.topLevel();
            p.skipSpace(true);
            return p.pos == p.src.length() ? v : text;
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    /** `1, 2` and `True,` are tuples at the top level in Python. */
    private Object topLevel() {
        Object first = expression();
        skipSpace(false);
        if (peek() != ',') return first;
        tuplesAllowed();
        List<Object> tuple = new ArrayList<>();
        tuple.add(first);
        while (peek() == ',') {
            pos++;
            skipSpace(true);
            if (pos >= src.length()) break;
            tuple.add(expression());
            skipSpace(false);
        }
        return tuple;
    }

    private Object expression() {
        skipSpace(false);
        if (peek() == '-' || peek() == '+') {
            char sign = src.charAt(pos++);
            skipSpace(false);
            Object n = number();
            if (sign == '+') return n;
            if (n instanceof Long l) return l == Long.MIN_VALUE ? BigInteger.valueOf(l).negate() : -l;
            if (n instanceof BigInteger b) return normalise(b.negate());
            return -((Double) n);
        }
        return atom();
    }

    private Object atom() {
        skipSpace(false);
        char c = peek();
        if (c == '[') return sequence('[', ']');
        if (c == '(') {
            try {
                return sequence('(', ')');
            } catch (Parenthesised p) {
                return p.value;
            }
        }
        if (c == '{') return braces();
        if (Character.isDigit(c) || (c == '.' && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1)))) {
            return number();
        }
        if (Character.isLetter(c) || c == '_') {
            int start = pos;
            while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) pos++;
            String word = src.substring(start, pos);
            if (peek() == '\'' || peek() == '"') {
                pos = start;
                return strings();
            }
            return switch (word) {
                case "True" -> Boolean.TRUE;
                case "False" -> Boolean.FALSE;
                case "None" -> null;
                default -> throw new IllegalArgumentException("name " + word);
            };
        }
        if (c == '\'' || c == '"') return strings();
        throw new IllegalArgumentException("unexpected " + c);
    }

    private List<Object> sequence(char open, char close) {
        pos++;
        List<Object> items = new ArrayList<>();
        boolean comma = false;
        while (true) {
            skipSpace(true);
            if (peek() == close) {
                pos++;
                // (x) is x itself in Python, (x,) a tuple
                if (open == '(' && items.size() == 1 && !comma) throw new Parenthesised(items.get(0));
                if (open == '(') tuplesAllowed();
                return items;
            }
            if (!items.isEmpty() && !comma) throw new IllegalArgumentException("missing comma");
            items.add(expressionIn());
            skipSpace(true);
            comma = peek() == ',';
            if (comma) pos++;
        }
    }

    private void tuplesAllowed() {
        if (containers != Containers.ALL) throw new IllegalArgumentException("tuple");
    }

    private Object expressionIn() {
        skipSpace(true);
        return expression();
    }

    /** A parenthesised single value: not a tuple. */
    private static final class Parenthesised extends RuntimeException {
        final transient Object value;

        Parenthesised(Object value) {
            super(null, null, false, false);
            this.value = value;
        }
    }

    private Object braces() {
        pos++;
        Map<Object, Object> dict = new LinkedHashMap<>();
        Set<Object> set = new LinkedHashSet<>();
        Boolean isDict = null;
        boolean comma = true;
        while (true) {
            skipSpace(true);
            if (peek() == '}') {
                pos++;
                return Boolean.FALSE.equals(isDict) ? set : dict;
            }
            if (!comma) throw new IllegalArgumentException("missing comma");
            Object key = expressionIn();
            hashable(key);
            skipSpace(true);
            if (peek() == ':') {
                if (Boolean.FALSE.equals(isDict)) throw new IllegalArgumentException("mixed");
                isDict = true;
                pos++;
                dict.put(key, expressionIn());
            } else {
                if (Boolean.TRUE.equals(isDict)) throw new IllegalArgumentException("mixed");
                if (containers != Containers.ALL) throw new IllegalArgumentException("set");
                isDict = false;
                set.add(key);
            }
            skipSpace(true);
            comma = peek() == ',';
            if (comma) pos++;
        }
    }

    private static void hashable(Object key) {
        if (key instanceof List || key instanceof Map || key instanceof Set) throw new IllegalArgumentException("unhashable");
    }

    private Object number() {
        Matcher m = NUMBER.matcher(src).region(pos, src.length());
        if (!m.lookingAt() || m.group().equals(".")) throw new IllegalArgumentException("number");
        String t = m.group();
        pos = m.end();
        char after = peek();
        if (Character.isLetterOrDigit(after) || after == '_' || after == '.') throw new IllegalArgumentException("number suffix");
        String clean = t.replace("_", "");
        String lower = clean.toLowerCase();
        if (lower.startsWith("0x")) return normalise(new BigInteger(clean.substring(2), 16));
        if (lower.startsWith("0o")) return normalise(new BigInteger(clean.substring(2), 8));
        if (lower.startsWith("0b")) return normalise(new BigInteger(clean.substring(2), 2));
        if (clean.contains(".") || lower.contains("e")) return Double.parseDouble(clean);
        // Python 3 refuses 010 (leading zeros in a non-zero decimal)
        if (clean.length() > 1 && clean.startsWith("0") && !clean.matches("0+")) throw new IllegalArgumentException("leading zero");
        return normalise(new BigInteger(clean));
    }

    private static Object normalise(BigInteger b) {
        return b.bitLength() < 64 ? (Object) b.longValue() : b;
    }

    /** One or more adjacent string literals, concatenated as Python does. */
    private Object strings() {
        StringBuilder out = new StringBuilder();
        Boolean bytes = null;
        do {
            int start = pos;
            while (Character.isLetter(peek())) pos++;
            String prefix = src.substring(start, pos).toLowerCase();
            if (!prefix.matches("|r|u|b|br|rb")) throw new IllegalArgumentException("prefix " + prefix);
            boolean isBytes = prefix.contains("b");
            if (bytes != null && bytes != isBytes) throw new IllegalArgumentException("bytes and str");
            bytes = isBytes;
            out.append(string(prefix.contains("r")));
            skipSpace(false);
        } while (peek() == '\'' || peek() == '"' || startsPrefixedString());
        return out.toString();
    }

    private boolean startsPrefixedString() {
        int p = pos;
        while (p < src.length() && Character.isLetter(src.charAt(p)) && p - pos < 2) p++;
        return p > pos && p < src.length() && (src.charAt(p) == '\'' || src.charAt(p) == '"');
    }

    private String string(boolean raw) {
        char q = src.charAt(pos);
        boolean triple = src.startsWith(String.valueOf(q).repeat(3), pos);
        pos += triple ? 3 : 1;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= src.length()) throw new IllegalArgumentException("unterminated string");
            char c = src.charAt(pos);
            if (triple ? src.startsWith(String.valueOf(q).repeat(3), pos) : c == q) {
                pos += triple ? 3 : 1;
                return sb.toString();
            }
            if (!triple && c == '\n') throw new IllegalArgumentException("newline in string");
            if (c == '\\') {
                if (pos + 1 >= src.length()) throw new IllegalArgumentException("trailing backslash");
                char e = src.charAt(pos + 1);
                if (raw) {
                    sb.append(c).append(e);
                    pos += 2;
                    continue;
                }
                pos += 2;
                switch (e) {
                    case '\n' -> { }
                    case '\\' -> sb.append('\\');
                    case '\'' -> sb.append('\'');
                    case '"' -> sb.append('"');
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case 'a' -> sb.append('\u0007');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'v' -> sb.append('\u000b');
                    case 'x' -> sb.append((char) hex(2));
                    case 'u' -> sb.append((char) hex(4));
                    case 'U' -> sb.appendCodePoint(hex(8));
                    default -> {
                        if (e >= '0' && e <= '7') {
                            int v = e - '0';
                            for (int k = 0; k < 2 && pos < src.length() && src.charAt(pos) >= '0' && src.charAt(pos) <= '7'; k++) {
                                v = v * 8 + (src.charAt(pos++) - '0');
                            }
                            sb.append((char) v);
                        } else if (e == 'N') {
                            throw new IllegalArgumentException("named escape");
                        } else {
                            sb.append('\\').append(e);
                        }
                    }
                }
                continue;
            }
            sb.append(c);
            pos++;
        }
    }

    private int hex(int len) {
        if (pos + len > src.length()) throw new IllegalArgumentException("short escape");
        String h = src.substring(pos, pos + len);
        if (!h.matches("[0-9a-fA-F]+")) throw new IllegalArgumentException("bad escape");
        pos += len;
        return Integer.parseInt(h, 16);
    }

    private char peek() {
        return pos < src.length() ? src.charAt(pos) : '\0';
    }

    /** Spaces and comments; newlines only where Python allows them (inside brackets, or trailing). */
    private void skipSpace(boolean newlines) {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\f' || (newlines && (c == '\n' || c == '\r'))) {
                pos++;
            } else if (c == '#') {
                while (pos < src.length() && src.charAt(pos) != '\n') pos++;
            } else if (c == '\\' && pos + 1 < src.length() && src.charAt(pos + 1) == '\n') {
                pos += 2;
            } else {
                return;
            }
        }
    }
}
