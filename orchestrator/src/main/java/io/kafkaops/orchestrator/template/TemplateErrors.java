package io.kafkaops.orchestrator.template;

import com.hubspot.jinjava.interpret.TemplateError;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns jinjava's errors into the words an operator needs: what is wrong and how to fix it. */
final class TemplateErrors {
    private TemplateErrors() {}

    private static final Pattern UNKNOWN = Pattern.compile("Unknown token found: (.*)");

    static String problem(TemplateError e) {
        String variable = undefinedVariable(e);
        if (variable != null) return "undefined variable '" + variable + "' (Ansible fails here too)";
        return e.getMessage();
    }

    static String fix(TemplateError e) {
        return fixFor(undefinedVariable(e));
    }

    static String fixFor(String variable) {
        if (variable == null) return "correct the template expression; it must also render under Ansible";
        if (variable.startsWith("node.") || variable.startsWith("node[")) {
            return "the orchestrator did not set " + variable + " for this host; guard it with "
                    + "{% if " + variable + " is defined %} or use " + variable + " | default(...)";
        }
        String root = variable.split("[.\\[]", 2)[0];
        return "define " + root + " in the inventory (group_vars/all or host_vars/<host>), "
                + "or write {{ " + variable + " | default(...) }} in the template";
    }

    /**
     * The source line of the error. jinjava does not count newlines eaten by trim_blocks, so its
     * line can be early: take the first line from there on that names the undefined variable.
     */
    static Integer line(TemplateError e, String source) {
        return line(e.getLineno(), undefinedVariable(e), source);
    }

    static Integer line(int reported, String variable, String source) {
        if (reported <= 0) return null;
        if (variable == null) return reported;
        String[] lines = source.split("\n", -1);
        for (int i = reported - 1; i < lines.length; i++) {
            if (lines[i].contains(variable)) return i + 1;
        }
        return reported;
    }

    static String undefinedVariable(TemplateError e) {
        if (e.getMessage() == null) return null;
        Matcher m = UNKNOWN.matcher(e.getMessage());
        return m.find() ? m.group(1).strip() : null;
    }
}
