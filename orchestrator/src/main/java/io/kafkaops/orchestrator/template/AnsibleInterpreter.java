package io.kafkaops.orchestrator.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InterpreterFactory;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * jinjava's interpreter made to behave like Ansible's Jinja2 in two places: `{{ value }}` prints
 * as Python's str() (True, None, ['a'], {'k': [{'x': 1}]}), and every undefined name is noticed,
 * also inside operators (`{{ x * 24 }}`), where jinjava would quietly use null.
 */
final class AnsibleInterpreter extends JinjavaInterpreter {
    // Jinja literals jinjava resolves like variables
    private static final Set<String> LITERALS = Set.of("none", "None", "true", "True", "false", "False");

    /** A name that resolved to nothing, and the (jinjava) line it was used on. */
    record UnknownName(String name, int line) {}

    private final List<UnknownName> unknownNames = new ArrayList<>();
    private final List<String> missingAttributes = new ArrayList<>();

    AnsibleInterpreter(Jinjava jinjava, Context context, JinjavaConfig config) { super(jinjava, context, config); }

    AnsibleInterpreter(JinjavaInterpreter orig) { super(orig); }

    @Override
    public String getAsString(Object value) {
        if (value == null || value instanceof Boolean || value instanceof Number
                || value instanceof Map || value instanceof Collection || value instanceof Map.Entry) {
            return PythonValues.str(value);
        }
        return super.getAsString(value);
    }

    @Override
    public Object retraceVariable(String variable, int lineNumber, int startPosition) {
        Object value = super.retraceVariable(variable, lineNumber, startPosition);
        if (value == null && !LITERALS.contains(variable)) unknownNames.add(new UnknownName(variable, lineNumber));
        return value;
    }

    /** `x.name` or `x['name']` found no such key (reported by MissingAttributes, which knows no line). */
    void missingAttribute(String name) { missingAttributes.add(name); }

    /**
     * The first undefined name not guarded by `| default`, `| d(`, `is defined`, `is undefined`
     * or `is none` where it is used (Jinja2's StrictUndefined fails on every other use).
     */
    // compiled once per name: a plan renders thousands of files that guard the same knobs
    private static final ConcurrentHashMap<String, Pattern> PATTERNS = new ConcurrentHashMap<>();
    /** Each verdict depends only on the template text and the name (and line): a plan asks the same 4,000 times. */
    private static final ConcurrentHashMap<Use, Optional<UnknownName>> VERDICTS = new ConcurrentHashMap<>();

    /** An undefined name (or, with line -1, a missing attribute) in one template text. */
    private record Use(String source, String name, int line) {}

    Optional<UnknownName> firstUnguarded(String source) {
        for (UnknownName u : unknownNames) {
            Optional<UnknownName> v = VERDICTS.computeIfAbsent(new Use(source, u.name(), u.line()), k -> unguardedName(source, u));
            if (v.isPresent()) return v;
        }
        for (String name : missingAttributes) {
            Optional<UnknownName> v = VERDICTS.computeIfAbsent(new Use(source, name, -1), k -> unguardedAttribute(source, name));
            if (v.isPresent()) return v;
        }
        return Optional.empty();
    }

    private static Optional<UnknownName> unguardedName(String source, UnknownName u) {
        String[] lines = source.split("\n", -1);
        Pattern use = PATTERNS.computeIfAbsent("use:" + u.name(), k -> Pattern.compile("(?<![\\w.])" + Pattern.quote(u.name())
                + "(?!\\w)"));
        Pattern guarded = PATTERNS.computeIfAbsent("guarded:" + u.name(), k -> Pattern.compile("(?<![\\w.])" + Pattern.quote(u.name())
                + "(?:\\.\\w+|\\[[^\\]]*])*\\s*(?:\\|\\s*(?:default|d)\\b|is\\s+(?:not\\s+)?(?:defined|undefined|none)\\b)"));
        int line = Math.max(1, u.line());
        for (int i = line - 1; i < lines.length; i++) {
            if (use.matcher(lines[i]).find()) { line = i + 1; break; }
        }
        String text = line - 1 < lines.length ? lines[line - 1] : "";
        return guarded.matcher(text).find() ? Optional.empty() : Optional.of(new UnknownName(u.name(), line));
    }

    /** No line is known: flag only if the attribute is written somewhere and guarded nowhere. */
    private static Optional<UnknownName> unguardedAttribute(String source, String name) {
        String[] lines = source.split("\n", -1);
        // `.items()` is a method call: EL asks for the attribute first, that is no miss
        String attr = "(?:\\." + Pattern.quote(name) + "(?![\\w(])|\\[\\s*['\"]" + Pattern.quote(name) + "['\"]\\s*])";
        Pattern use = PATTERNS.computeIfAbsent("attr:" + name, k -> Pattern.compile(attr));
        Pattern guarded = PATTERNS.computeIfAbsent("attr-guarded:" + name, k -> Pattern.compile(attr
                + "(?:\\.\\w+|\\[[^\\]]*])*\\s*(?:\\|\\s*(?:default|d)\\b|is\\s+(?:not\\s+)?(?:defined|undefined|none)\\b)"));
        int first = 0;
        boolean anyGuarded = false;
        for (int i = 0; i < lines.length; i++) {
            if (use.matcher(lines[i]).find() && first == 0) first = i + 1;
            if (guarded.matcher(lines[i]).find()) anyGuarded = true;
        }
        return first > 0 && !anyGuarded ? Optional.of(new UnknownName(attributePath(lines[first - 1], name), first)) : Optional.empty();
    }

    /** `node.rack` out of the line that reads it, for the error message. */
    private static String attributePath(String line, String name) {
        Matcher m = Pattern.compile("[\\w.]*\\." + Pattern.quote(name) + "(?!\\w)").matcher(line);
        return m.find() ? m.group() : name;
    }

    /** Runs `body` with a fresh interpreter holding `bindings`, as jinjava's own render does. */
    static <T> T with(Jinjava jinjava, Map<String, Object> bindings, Function<AnsibleInterpreter, T> body) {
        // a child of the global context: jinjava's newInterpreter() re-registers every library per render
        AnsibleInterpreter interpreter = (AnsibleInterpreter) jinjava.getGlobalConfig().getInterpreterFactory()
                .newInstance(jinjava, new Context(jinjava.getGlobalContext()), jinjava.getGlobalConfig());
        interpreter.getContext().putAll(bindings);
        JinjavaInterpreter.pushCurrent(interpreter);
        try {
            return body.apply(interpreter);
        } finally {
            JinjavaInterpreter.popCurrent();
        }
    }

    /** Makes jinjava create this interpreter for every render, nested ones included. */
    record Factory() implements InterpreterFactory {
        @Override
        public JinjavaInterpreter newInstance(JinjavaInterpreter orig) { return new AnsibleInterpreter(orig); }

        @Override
        public JinjavaInterpreter newInstance(Jinjava jinjava, Context context, JinjavaConfig config) {
            return new AnsibleInterpreter(jinjava, context, config);
        }
    }
}
