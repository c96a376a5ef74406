package io.kafkaops.orchestrator.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.interpret.LazyExpression;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.interpret.UnknownTokenException;
import io.kafkaops.orchestrator.BadInput;
import io.kafkaops.orchestrator.inventory.AnsibleInventory;
import io.kafkaops.orchestrator.inventory.PythonLiteral;
import io.kafkaops.orchestrator.SourceRef;
import io.kafkaops.orchestrator.inventory.VaultValue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One render's variable resolution, as Ansible's Templar does it: inventory values holding Jinja
 * are rendered when first used, in the context of the host they belong to, recursively, once.
 * Lives for one render only (its caches and the cycle stack are that render's state).
 */
final class Templar {
    private static final Pattern SINGLE_EXPRESSION = Pattern.compile("\\{\\{((?:(?!\\{\\{|}}|\\{%).)*)}}", Pattern.DOTALL);

    private final Jinjava jinjava;
    private final TemplateContext context;
    private final Map<String, Map<String, Object>> bindingsByHost = new HashMap<>();
    private final Map<String, Map<String, Object>> magicByHost = new HashMap<>();
    private final Map<String, Object> resolved = new HashMap<>();
    private final Deque<String> resolving = new ArrayDeque<>();
    private BadInput failure;
    // why a variable rendered as undefined; used only if the template then really needs it
    private final Map<String, BadInput> undefinedBecause = new HashMap<>();

    /** A variable whose Jinja names something undefined: undefined itself, as in Ansible (default() still works). */
    static final class Undefined extends RuntimeException {
        final BadInput detail;

        Undefined(BadInput detail) {
            super(detail.getMessage(), null, false, false);
            this.detail = detail;
        }
    }

    Templar(Jinjava jinjava, TemplateContext context) {
        this.jinjava = jinjava;
        this.context = context;
    }

    AnsibleInventory inventory() { return context.inventory(); }

    /** Everything a template rendered for `host` can name at top level. */
    Map<String, Object> bindings(String host) {
        return bindingsByHost.computeIfAbsent(host, h -> {
            Map<String, Object> b = new LinkedHashMap<>();
            for (String var : inventory().hostVars(h).keySet()) {
                b.put(var, LazyExpression.of(() -> variable(h, var), var));
            }
            b.putAll(magicVariables(h));
            if (h.equals(context.host())) b.putAll(context.extraVars());
            return b;
        });
    }

    Map<String, Object> magicVariables(String host) {
        return magicByHost.computeIfAbsent(host, this::computeMagicVariables);
    }

    private Map<String, Object> computeMagicVariables(String host) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("inventory_hostname", host);
        m.put("inventory_hostname_short", host.split("\\.", 2)[0]);
        m.put("group_names", inventory().groupNamesOf(host));
        Map<String, Object> groups = new LinkedHashMap<>();
        for (String g : inventory().groupNames()) groups.put(g, inventory().hostsOf(g));
        m.put("groups", groups);
        m.put("hostvars", new HostVars(this));
        return m;
    }

    /** hostvars[host][var]: the inventory value rendered for that host, or a magic variable. */
    Object variable(String host, String var) {
        String key = host + "\u0000" + var;
        if (resolved.containsKey(key)) return resolved.get(key);
        if (resolving.contains(key)) {
            List<String> chain = new ArrayList<>();
            for (String k : resolving) chain.add(0, k.substring(k.indexOf('\u0000') + 1));
            chain.add(var);
            throw fail(new BadInput(origin(host, var), line(host, var),
                    "variable " + var + " of host " + host + " refers to itself: " + String.join(" -> ", chain),
                    "break the loop: give one of " + String.join(", ", chain) + " a plain value"));
        }
        resolving.push(key);
        try {
            Object value = template(host, inventory().hostVars(host).get(var), var);
            resolved.put(key, value);
            return value;
        } catch (Undefined u) {
            undefinedBecause.putIfAbsent(var, u.detail);
            resolved.put(key, null);
            return null;
        } finally {
            resolving.pop();
        }
    }

    /** Renders a raw value (strings with Jinja, recursively through lists and dicts) as `host`. */
    Object template(String host, Object raw, String var) {
        if (raw instanceof VaultValue v) {
            if (context.vault().isEmpty()) {
                String name = var != null ? var : v.variable();
                throw fail(new BadInput(fileOf(v.declaredAt()), v.declaredAt() == null ? null : v.declaredAt().line(),
                        "variable " + name + " is vault-encrypted and no vault password was given, so it cannot be rendered",
                        "pass --vault-password-file FILE (the file holding the vault password), or stop using " + name + " in templates"));
            }
            try {
                return context.vault().get().apply(v);
            } catch (BadInput b) {
                // inside an expression jinjava would wrap it into its own error, with a second, wrong fix
                throw fail(b);
            }
        }
        if (raw instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, val) -> out.put(template(host, k, var), template(host, val, var)));
            return out;
        }
        if (raw instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>();
            for (Object item : c) out.add(template(host, item, var));
            return out;
        }
        if (raw instanceof String s && isPossiblyTemplate(s)) return convertData(render(host, s, var));
        return raw;
    }

    static boolean isPossiblyTemplate(String s) { return s.contains("{{") || s.contains("{%") || s.contains("{#"); }

    /** A template that is one `{{ expr }}` keeps the expression's data (Ansible's single-node concat). */
    private Object render(String host, String rawSource, String var) {
        String source = PythonStringLiterals.normalise(rawSource);
        Matcher single = SINGLE_EXPRESSION.matcher(source);
        boolean expression = single.matches();
        return AnsibleInterpreter.with(jinjava, bindings(host), in -> {
            Object value;
            try {
                value = expression ? in.resolveELExpression(single.group(1).replaceAll("^[-+]|[-+]$", "").strip(), 1) : in.render(source);
            } catch (UnknownTokenException e) {
                // a bare `{{ name }}` whose name is undefined: jinjava throws instead of recording an error
                throw undefined(host, var, source, e.getToken());
            }
            check(in.getErrors(), host, var, source);
            in.firstUnguarded(source).ifPresent(u -> { throw undefined(host, var, source, u.name()); });
            return value instanceof LazyExpression lazy ? lazy.get() : value;
        });
    }

    private Undefined undefined(String host, String var, String source, String name) {
        String where = var == null ? "value " + source : "variable " + var + " (" + source + ") of host " + host;
        return new Undefined(undefinedDetail(name).orElseGet(() -> new BadInput(origin(host, var), line(host, var),
                "cannot render " + where + ": undefined variable '" + name + "'",
                "define " + name + " in the inventory, or give " + (var == null ? "the value" : var) + " a default")));
    }

    /**
     * Ansible (jinja2_native off) turns the result into text, then back into data only when the
     * text looks like a list, dict or bool; numbers stay strings.
     */
    static Object convertData(Object value) {
        if (value == null) return "None";
        if (value instanceof Boolean || value instanceof Map || value instanceof Collection) return value;
        String text = PythonValues.str(value);
        if (text.startsWith("{") || text.startsWith("[") || text.equals("True") || text.equals("False")) {
            return PythonLiteral.parseOrKeep(text, PythonLiteral.Containers.LISTS_AND_DICTS);
        }
        return text;
    }

    private void check(List<TemplateError> errors, String host, String var, String source) {
        if (failure != null) throw failure;
        for (TemplateError e : errors) {
            if (e.getSeverity() != TemplateError.ErrorType.FATAL) continue;
            String where = var == null ? "value " + source : "variable " + var + " (" + source + ") of host " + host;
            String undefined = TemplateErrors.undefinedVariable(e);
            if (undefined != null) {
                BadInput detail = undefinedDetail(undefined).orElseGet(() -> new BadInput(origin(host, var), line(host, var),
                        "cannot render " + where + ": " + TemplateErrors.problem(e), TemplateErrors.fix(e)));
                throw new Undefined(detail);
            }
            throw fail(new BadInput(origin(host, var), line(host, var),
                    "cannot render " + where + ": " + TemplateErrors.problem(e), TemplateErrors.fix(e)));
        }
    }

    /** Remembers the first failure: jinjava turns exceptions inside expressions into plain errors. */
    BadInput fail(BadInput b) {
        if (failure == null) failure = b;
        return failure;
    }

    Optional<BadInput> failure() { return Optional.ofNullable(failure); }

    /** The reason behind an undefined expression like `broker_dirs[0]`, if its root variable was undefined by its Jinja. */
    Optional<BadInput> undefinedDetail(String expression) {
        return Optional.ofNullable(undefinedBecause.get(expression.split("[.\\[ |]", 2)[0]));
    }

    private String origin(String host, String var) {
        if (var == null) return null;
        return inventory().origin(host, var).map(r -> fileOf(r)).orElse(String.valueOf(inventory().source()));
    }

    private Integer line(String host, String var) {
        if (var == null) return null;
        return inventory().origin(host, var).map(SourceRef::line).orElse(null);
    }

    private static String fileOf(SourceRef ref) { return ref == null || ref.file() == null ? null : ref.file().toString(); }
}
