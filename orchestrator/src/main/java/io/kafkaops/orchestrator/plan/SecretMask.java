package io.kafkaops.orchestrator.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one rule that keeps secrets out of plans, diffs and logs. A key is secret when its last segment (split on
 * {@code . _ -} and camelCase) is one of {@link #SECRET_WORDS}, its last two are {@code jaas.config}, or it is a
 * quoted {@code user_NAME="..."} option (PlainLoginModule's passwords). A secret key's whole value is masked: to the
 * end of the line (and its {@code \} continuation lines) when the key starts the line, the quoted string or the
 * word when it is a {@code key="value"} pair inside a line. Files marked secret in templates/index.yml are only
 * summarised.
 */
public final class SecretMask {
    /** Last key segments that name a secret; "key" covers ssl.keystore.key and delegation.token.secret.key (PEM, HMAC). */
    static final Set<String> SECRET_WORDS = Set.of("password", "passwd", "pwd", "pass", "secret", "token", "credential", "credentials",
            "key");
    public static final String MASK = "********";
    /** What a masked value that differs from the other side of a diff shows, so a changed secret is a changed line. */
    static final String CHANGED = MASK + " (changed)";
    static final String SUMMARY = "(secret file, not shown)\n";

    // a key at the start of a line (comment markers kept), then '=', ':' or blanks, then the value to the end of the line
    private static final Pattern LINE = Pattern.compile("^(\\s*(?:[#!]\\s*)*)([A-Za-z0-9_.\\-]+)(\\s*[=:]\\s*|\\s+)(.*)$");
    // key=value inside a line: a quoted value (backslash escapes, may be unterminated) or a word
    private static final Pattern PAIR = Pattern.compile("(?<![A-Za-z0-9_.\\-])([A-Za-z0-9_.\\-]+)\\s*=\\s*(\"(?:[^\"\\\\]|\\\\.)*(?:\"|\\\\?$)|[^\\s\"]+)");
    private static final Pattern SEGMENT = Pattern.compile("[._\\-]|(?<=[a-z0-9])(?=[A-Z])");

    private SecretMask() {}

    /** Whether a key (server.properties, zoo.cfg, a client setting, a JAAS option) holds a secret. */
    public static boolean isSecretKey(String key) {
        return secret(key, false);
    }

    private static boolean secret(String key, boolean quoted) {
        List<String> s = SEGMENT.splitAsStream(key).filter(p -> !p.isEmpty()).map(p -> p.toLowerCase(Locale.ROOT)).toList();
        if (s.isEmpty()) return false;
        if (SECRET_WORDS.contains(s.get(s.size() - 1))) return true;
        if (s.size() >= 2 && s.get(s.size() - 2).equals("jaas") && s.get(s.size() - 1).equals("config")) return true;
        return quoted && key.startsWith("user_") && key.length() > 5;
    }

    /** A text with every secret value masked. */
    public static String text(String text) {
        return mask(text, Set.of(), new HashMap<>());
    }

    /** What a plan shows of a file: a secret file is summarised (no size), any other has its secret values masked. */
    public static String content(PlannedFile f) {
        return f.secret() ? SUMMARY : text(f.content());
    }

    /**
     * A unified diff of two texts, each masked before diffing: an unchanged secret gives no line, a changed one shows
     * as {@code -key=********} / {@code +key=******** (changed)}, and no clear value reaches the diff.
     */
    public static String diff(String fromName, String from, String toName, String to) {
        Map<String, String> before = new HashMap<>();
        String maskedFrom = mask(from, Set.of(), before);
        Map<String, String> after = new HashMap<>();
        mask(to, Set.of(), after);
        Set<String> changed = after.entrySet().stream().filter(e -> before.containsKey(e.getKey()) && !before.get(e.getKey())
                .equals(e.getValue())).map(Map.Entry::getKey).collect(Collectors.toSet());
        return UnifiedDiff.of(fromName, maskedFrom, toName, mask(to, changed, new HashMap<>()));
    }

    /** Masks {@code text}; every masked value goes into {@code slots} as key#occurrence -> clear value. */
    private static String mask(String text, Set<String> changed, Map<String, String> slots) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        List<String> out = new ArrayList<>(lines.length);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = LINE.matcher(lines[i]);
            if (m.matches() && secret(m.group(2), m.group(4).startsWith("\""))) {
                StringBuilder value = new StringBuilder(m.group(4));
                // a value ending in an odd number of backslashes goes on: its continuation lines are part of the secret
                while (continues(value) && i + 1 < lines.length) value.append('\n').append(lines[++i]);
                String slot = slot(m.group(2), seen);
                slots.put(slot, value.toString());
                out.add(m.group(1) + m.group(2) + m.group(3) + (changed.contains(slot) ? CHANGED : MASK));
            } else {
                out.add(pairs(lines[i], m.matches() ? m.start(4) : 0, changed, slots, seen));
            }
        }
        return String.join("\n", out);
    }

    /** The line with the values of its secret key="value" pairs masked, scanning from {@code from}. */
    private static String pairs(String line, int from, Set<String> changed, Map<String, String> slots, Map<String, Integer> seen) {
        StringBuilder out = new StringBuilder();
        Matcher m = PAIR.matcher(line);
        int copied = 0;
        int at = from;
        while (at < line.length() && m.find(at)) {
            String value = m.group(2);
            boolean quoted = value.startsWith("\"");
            if (!secret(m.group(1), quoted)) {
                // a non-secret value may itself hold pairs (Environment="KAFKA_OPTS=-Dx.password=..."): look inside it
                at = m.start(2) + (quoted ? 1 : 0);
                continue;
            }
            String slot = slot(m.group(1), seen);
            slots.put(slot, value);
            String shown = changed.contains(slot) ? CHANGED : MASK;
            out.append(line, copied, m.start(2)).append(quoted ? "\"" + shown + "\"" : shown);
            copied = m.end(2);
            at = m.end(2);
        }
        return out.append(line.substring(copied)).toString();
    }

    private static String slot(String key, Map<String, Integer> seen) {
        return key + "#" + seen.merge(key, 1, Integer::sum);
    }

    private static boolean continues(CharSequence value) {
        int n = 0;
        for (int i = value.length() - 1; i >= 0 && value.charAt(i) == '\\'; i--) n++;
        return n % 2 == 1;
    }
}
