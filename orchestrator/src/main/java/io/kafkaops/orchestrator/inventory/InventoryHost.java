package io.kafkaops.orchestrator.inventory;

import io.kafkaops.orchestrator.SourceRef;

import java.util.Map;

/**
 * A host as the inventory declares it: its own variables (host line / hosts: entry merged with
 * host_vars/), raw, Jinja unrendered. Vault-encrypted values are {@link VaultValue}s.
 */
public record InventoryHost(String name, Map<String, Object> vars, SourceRef declaredAt) {}
