package io.kafkaops.orchestrator.inventory;

import io.kafkaops.orchestrator.SourceRef;

import java.util.List;
import java.util.Map;

/** A group: direct hosts and child groups in declaration order, its own vars (incl. group_vars/). */
public record InventoryGroup(String name, List<String> hosts, List<String> children,
                             Map<String, Object> vars, SourceRef declaredAt) {}
