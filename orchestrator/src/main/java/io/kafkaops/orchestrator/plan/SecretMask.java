package io.kafkaops.orchestrator.plan;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Keeps secrets out of plans and logs: secret files are summarised, password-like values starred. */
public final class SecretMask {
    private static final Pattern PASSWORD_VALUE =
            Pattern.compile("(?i)((?:password|secret|passwd|credential)[\\w.-]*\\s*[=:]\\s*\"?)([^\"\\s;]+)");
    public static final String MASK = "********";

    private SecretMask() {}

    /** One line (of a diff, say) with password-like values starred. */
    public static String line(String text) {
        return PASSWORD_VALUE.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
    }

    public static String content(PlannedFile f) {
        if (f.secret()) return "(secret: " + f.content().length() + " bytes, not shown)\n";
        return PASSWORD_VALUE.matcher(f.content()).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
    }
}
