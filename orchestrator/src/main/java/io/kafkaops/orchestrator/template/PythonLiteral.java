package io.kafkaops.orchestrator.template;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Python's ast.literal_eval for the text a variable renders to (Ansible turns "[...]", "{...}", "True" back into data). */
final class PythonLiteral {
    private final String s;
    private int i;

    private PythonLiteral(String s) { this.s = s; }

    static Optional<Object> parse(String text) {
        PythonLiteral p = new PythonLiteral(text);
        try {
            Object v = p.value();
            p.ws();
            return p.i == text.length() ? Optional.ofNullable(v).or(() -> Optional.of(NONE)) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Stands for a literal None, which Optional cannot hold. */
    static final Object NONE = new Object();

    private void ws() { while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++; }

    private Object value() {
        ws();
        char c = s.charAt(i);
        if (c == '[' || c == '(') return list(c == '[' ? ']' : ')');
        if (c == '{') return dict();
        if (c == '\'' || c == '"') return string();
        if (s.startsWith("True", i)) { i += 4; return Boolean.TRUE; }
        if (s.startsWith("False", i)) { i += 5; return Boolean.FALSE; }
        if (s.startsWith("None", i)) { i += 4; return null; }
        return number();
    }

    private List<Object> list(char close) {
        i++;
        List<Object> out = new ArrayList<>();
        while (true) {
            ws();
            if (s.charAt(i) == close) { i++; return out; }
            out.add(value());
            ws();
            if (s.charAt(i) == ',') i++;
            else if (s.charAt(i) != close) throw new IllegalArgumentException("expected , at " + i);
        }
    }

    private Map<Object, Object> dict() {
        i++;
        Map<Object, Object> out = new LinkedHashMap<>();
        while (true) {
            ws();
            if (s.charAt(i) == '}') { i++; return out; }
            Object k = value();
            ws();
            if (s.charAt(i++) != ':') throw new IllegalArgumentException("expected : at " + i);
            out.put(k, value());
            ws();
            if (s.charAt(i) == ',') i++;
            else if (s.charAt(i) != '}') throw new IllegalArgumentException("expected , at " + i);
        }
    }

    private String string() {
        char q = s.charAt(i++);
        StringBuilder sb = new StringBuilder();
        while (s.charAt(i) != q) {
            char c = s.charAt(i++);
            if (c != '\\') { sb.append(c); continue; }
            char n = s.charAt(i++);
            switch (n) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'x' -> { sb.append((char) Integer.parseInt(s.substring(i, i + 2), 16)); i += 2; }
                case 'u' -> { sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; }
                case '\\', '\'', '"' -> sb.append(n);
                default -> sb.append('\\').append(n);
            }
        }
        i++;
        return sb.toString();
    }

    private Object number() {
        int start = i;
        if (s.charAt(i) == '-' || s.charAt(i) == '+') i++;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || ".eE_".indexOf(s.charAt(i)) >= 0
                || (s.charAt(i) == '-' || s.charAt(i) == '+') && "eE".indexOf(s.charAt(i - 1)) >= 0)) i++;
        String text = s.substring(start, i).replace("_", "");
        if (text.isEmpty() || text.equals("-") || text.equals("+")) throw new IllegalArgumentException("not a literal at " + start);
        if (text.contains(".") || text.contains("e") || text.contains("E")) return Double.parseDouble(text);
        BigInteger big = new BigInteger(text);
        return big.bitLength() < 32 ? (Object) big.intValue() : big.bitLength() < 64 ? (Object) big.longValue() : big;
    }
}
