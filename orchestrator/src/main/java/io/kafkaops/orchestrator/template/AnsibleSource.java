package io.kafkaops.orchestrator.template;

import java.util.regex.Pattern;

/** Template text before and after jinjava, so the output matches Ansible's template module byte for byte. */
final class AnsibleSource {
    private AnsibleSource() {}

    // ansible.builtin.to_json -> to_json: jinjava cannot parse dotted filter or test names
    private static final Pattern COLLECTION_PREFIX =
            Pattern.compile("(\\|\\s*|\\bis\\s+(?:not\\s+)?)ansible\\.(?:builtin|utils|netcommon)\\.(?=\\w)");

    /** Jinja2 drops one trailing newline of the source (keep_trailing_newline=False). */
    static String prepare(String source) {
        String s = COLLECTION_PREFIX.matcher(PythonStringLiterals.normalise(source)).replaceAll("$1");
        if (s.endsWith("\n")) s = s.substring(0, s.length() - 1);
        return s;
    }

    /** Ansible then restores as many trailing newlines as the source had, if the output has fewer. */
    static String finish(String source, String output) {
        int wanted = trailingNewlines(source);
        int have = trailingNewlines(output);
        return wanted > have ? output + "\n".repeat(wanted - have) : output;
    }

    private static int trailingNewlines(String s) {
        int n = 0;
        for (int i = s.length() - 1; i >= 0 && s.charAt(i) == '\n'; i--) n++;
        return n;
    }
}
