package io.kafkaops.orchestrator.security;

import java.util.List;
import java.util.Set;

/**
 * One entry of the inventory's kafka_acls: a principal, a resource pattern, the operations, allow or deny, a host.
 * Kafka stores one ACL per operation, so {@link #entries()} expands it.
 */
public record AclRule(String principal, ResourceType resourceType, String resourceName, PatternType patternType,
                      Set<Operation> operations, Permission permission, String host) {
    public AclRule {
        operations = Set.copyOf(operations);
    }

    /** Kafka's resource types an operator writes ACLs for (the cluster resource is always named kafka-cluster). */
    public enum ResourceType { TOPIC, GROUP, CLUSTER, TRANSACTIONAL_ID, DELEGATION_TOKEN }

    /** LITERAL names one resource (or every one with '*'); PREFIXED every resource whose name starts with it. */
    public enum PatternType { LITERAL, PREFIXED }

    public enum Operation { ALL, READ, WRITE, CREATE, DELETE, ALTER, DESCRIBE, CLUSTER_ACTION, DESCRIBE_CONFIGS, ALTER_CONFIGS, IDEMPOTENT_WRITE }

    public enum Permission { ALLOW, DENY }

    /** The one ACL Kafka keeps per operation, in the rule's operation order. */
    public List<AclEntry> entries() {
        return operations.stream().sorted().map(op -> new AclEntry(principal, resourceType, resourceName, patternType, op, permission, host))
                .toList();
    }
}
