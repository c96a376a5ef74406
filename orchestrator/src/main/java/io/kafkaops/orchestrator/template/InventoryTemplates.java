package io.kafkaops.orchestrator.template;

import io.kafkaops.orchestrator.cluster.NodeSettings;
import io.kafkaops.orchestrator.cluster.VariableResolver;
import io.kafkaops.orchestrator.inventory.AnsibleInventory;
import io.kafkaops.orchestrator.inventory.Vault;
import io.kafkaops.orchestrator.plan.TemplateRenderer;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The domain's two template ports over one inventory and one engine: inventory variables as templates see them
 * ({@link VariableResolver}) and the rendering of the templates/ folder ({@link TemplateRenderer}). Vault values are
 * decrypted only if a password file was given, and only when a value is needed.
 */
public final class InventoryTemplates implements VariableResolver, TemplateRenderer {
    private static final Pattern SIMPLE_NODE_REFERENCE = Pattern.compile("\\{\\{\\s*node\\.(\\w+)\\s*}}");

    private final AnsibleInventory inventory;
    private final AnsibleTemplating templating;
    private final Path templates;
    private final Optional<Path> vaultPasswordFile;

    public InventoryTemplates(AnsibleInventory inventory, AnsibleTemplating templating, Path templates, Optional<Path> vaultPasswordFile) {
        this.inventory = inventory;
        this.templating = templating;
        this.templates = templates;
        this.vaultPasswordFile = vaultPasswordFile;
    }

    @Override
    public Optional<Object> resolve(String host, String variable) {
        Map<String, Object> vars = inventory.hostVars(host);
        if (!vars.containsKey(variable)) return Optional.empty();
        Object raw = vars.get(variable);
        // plain data needs no template engine (Ansible returns it as is); Jinja and vault values do
        if (raw instanceof Number || raw instanceof Boolean || (raw instanceof String s && !s.contains("{{") && !s.contains("{%"))) {
            return Optional.of(raw);
        }
        return Optional.ofNullable(templating.variable(context(host), variable));
    }

    @Override
    public String renderTemplate(String host, String templateName, NodeSettings node) {
        return templating.render(templates.resolve(templateName), context(host).withVar("node", node.toTemplateVars()));
    }

    @Override
    public String renderString(String host, String expression, NodeSettings node) {
        // a destination like "{{ node.kafka_home }}/config/x" is plain substitution; anything else goes to the engine
        Map<String, Object> vars = node.toTemplateVars();
        Matcher m = SIMPLE_NODE_REFERENCE.matcher(expression);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            if (!(vars.get(m.group(1)) instanceof String value)) {
                return templating.render(expression, expression, context(host).withVar("node", vars));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        String result = out.toString();
        return result.contains("{{") || result.contains("{%")
                ? templating.render(expression, expression, context(host).withVar("node", vars)) : result;
    }

    private TemplateContext context(String host) {
        TemplateContext ctx = TemplateContext.forHost(inventory, host);
        return vaultPasswordFile.map(f -> ctx.withVault(v -> Vault.decrypt(v, f).reveal())).orElse(ctx);
    }
}
