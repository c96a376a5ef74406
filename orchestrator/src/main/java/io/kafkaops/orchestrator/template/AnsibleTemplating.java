package io.kafkaops.orchestrator.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.UnknownTokenException;
import com.hubspot.jinjava.interpret.TemplateError;
import io.kafkaops.orchestrator.BadInput;
import io.kafkaops.orchestrator.inventory.AnsibleInventory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one template engine: jinjava set up to render like Ansible 2.14's template module
 * (trim_blocks, trailing newlines, strict undefined, Python printing, Ansible's filters and
 * tests, magic variables, lazily rendered inventory variables). Thread-safe; share one instance.
 */
public final class AnsibleTemplating {
    private final Jinjava jinjava;
    /** Template text as jinjava gets it, per source text: a plan renders the same few templates for every host. */
    private final Map<String, String> prepared = new ConcurrentHashMap<>();

    public AnsibleTemplating() {
        JinjavaConfig config = JinjavaConfig.newBuilder()
                .withTrimBlocks(true)
                .withLstripBlocks(false)
                .withFailOnUnknownTokens(true)
                .withNestedInterpretationEnabled(false)
                .withInterperterFactory(new AnsibleInterpreter.Factory())
                .withElResolver(new MissingAttributes(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY))
                .withLegacyOverrides(LegacyOverrides.newBuilder()
                        .withUsePyishObjectMapper(true)
                        .withEvaluateMapKeys(true)
                        .withIterateOverMapKeys(true)
                        .withUseNaturalOperatorPrecedence(true)
                        .withParseWhitespaceControlStrictly(true)
                        .withUseTrimmingForNotesAndExpressions(true)
                        .withKeepNullableLoopValues(true)
                        .withHandleBackslashInQuotesOnly(true)
                        .build())
                .build();
        this.jinjava = new Jinjava(config);
        AnsibleFilters.registerAll(jinjava.getGlobalContext());
    }

    /** Renders a template file for the context's host, as `ansible.builtin.template` would write it. */
    public String render(Path template, TemplateContext context) {
        try {
            return render(template.toString(), Files.readString(template), context);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + template, e);
        }
    }

    /** Renders template text; `name` is the file named in errors. */
    public String render(String name, String source, TemplateContext context) {
        Templar templar = new Templar(jinjava, context);
        String prepared = this.prepared.computeIfAbsent(source, AnsibleSource::prepare);
        Run run = AnsibleInterpreter.with(jinjava, templar.bindings(context.host()), in -> {
            try {
                String output = in.render(prepared);
                return new Run(output, in.getErrorsCopy(), in.firstUnguarded(prepared));
            } catch (UnknownTokenException e) {
                templar.undefinedDetail(e.getToken()).ifPresent(d -> { throw d; });
                throw new BadInput(name, TemplateErrors.line(e.getLineNumber(), e.getToken(), source),
                        "undefined variable '" + e.getToken() + "' (Ansible fails here too)", TemplateErrors.fixFor(e.getToken()));
            } catch (InterpretException e) {
                throw new BadInput(name, e.getLineNumber() > 0 ? e.getLineNumber() : null, e.getMessage(),
                        "correct the template; it must also render under Ansible");
            }
        });
        templar.failure().ifPresent(f -> { throw f; });
        for (TemplateError e : run.errors()) {
            if (e.getSeverity() == TemplateError.ErrorType.FATAL) {
                String undefined = TemplateErrors.undefinedVariable(e);
                if (undefined != null) templar.undefinedDetail(undefined).ifPresent(d -> { throw d; });
                throw new BadInput(name, TemplateErrors.line(e, source), TemplateErrors.problem(e), TemplateErrors.fix(e));
            }
        }
        run.unguarded().ifPresent(u -> {
            templar.undefinedDetail(u.name()).ifPresent(d -> { throw d; });
            throw new BadInput(name, u.line(), "undefined variable '" + u.name() + "' (Ansible fails here too)",
                    TemplateErrors.fixFor(u.name()));
        });
        return AnsibleSource.finish(source, run.output());
    }

    private record Run(String output, List<TemplateError> errors, Optional<AnsibleInterpreter.UnknownName> unguarded) {}

    /**
     * An inventory value as Ansible would see it when used for `host`: Jinja inside it rendered
     * (recursively, through lists and dicts), "[..]"/"{..}"/"True" turned back into data, numbers left as text.
     */
    public Object renderValue(AnsibleInventory inventory, String host, Object rawValue) {
        return renderValue(TemplateContext.forHost(inventory, host), rawValue);
    }

    public Object renderValue(TemplateContext context, Object rawValue) {
        Templar templar = new Templar(jinjava, context);
        try {
            Object value = templar.template(context.host(), rawValue, null);
            templar.failure().ifPresent(f -> { throw f; });
            return value;
        } catch (Templar.Undefined u) {
            throw u.detail;
        }
    }

    /** A host's inventory variable, rendered (errors name the file and line where it was set). */
    public Object variable(TemplateContext context, String variable) {
        Templar templar = new Templar(jinjava, context);
        Object value = templar.variable(context.host(), variable);
        templar.failure().ifPresent(f -> { throw f; });
        if (value == null) templar.undefinedDetail(variable).ifPresent(d -> { throw d; });
        return value;
    }
}
