package io.kafkaops.orchestrator.template;

import io.kafkaops.orchestrator.cluster.NodeSettings;
import io.kafkaops.orchestrator.inventory.AnsibleInventory;
import io.kafkaops.orchestrator.inventory.VaultValue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What one host's templates see, as in an Ansible play: the host's inventory variables, the magic
 * variables (inventory_hostname, group_names, groups, hostvars) and `node`, the orchestrator's
 * decisions for the host. Immutable; each render resolves variables afresh.
 */
public record TemplateContext(AnsibleInventory inventory, String host, Map<String, Object> extraVars,
                              Optional<Function<VaultValue, String>> vault) {

    public TemplateContext {
        if (!inventory.hosts().contains(host)) {
            throw new IllegalArgumentException("host " + host + " is not in inventory " + inventory.source());
        }
        extraVars = Map.copyOf(extraVars);
    }

    /** The context Ansible's template module gives `host`, plus `node`. */
    public static TemplateContext forHost(AnsibleInventory inventory, String host, NodeSettings node) {
        return forHost(inventory, host).withVar("node", node.toTemplateVars());
    }

    /** Inventory and magic variables only (for resolving inventory values such as broker_id). */
    public static TemplateContext forHost(AnsibleInventory inventory, String host) {
        return new TemplateContext(inventory, host, Map.of(), Optional.empty());
    }

    /** A play-level variable for this host, above inventory variables in precedence. */
    public TemplateContext withVar(String name, Object value) {
        Map<String, Object> vars = new LinkedHashMap<>(extraVars);
        vars.put(name, value);
        return new TemplateContext(inventory, host, vars, vault);
    }

    /** Lets `!vault` values be rendered; without it, using one is an error (never printed by accident). */
    public TemplateContext withVault(Function<VaultValue, String> decrypt) {
        return new TemplateContext(inventory, host, extraVars, Optional.of(decrypt));
    }
}
