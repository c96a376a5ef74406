package io.kafkaops.orchestrator.security;

/**
 * One ACL as Kafka stores it: a principal may (or may not) do one operation on one resource pattern from one host.
 * The names are Kafka's enum names (TOPIC, PREFIXED, DESCRIBE_CONFIGS, ALLOW), so an adapter maps them one to one.
 */
public record AclEntry(String principal, AclRule.ResourceType resourceType, String resourceName, AclRule.PatternType patternType,
                       AclRule.Operation operation, AclRule.Permission permission, String host) {
    @Override
    public String toString() {
        return permission + " " + principal + " " + operation + " on " + resourceType + " " + (patternType == AclRule.PatternType.PREFIXED
                ? "prefixed '" + resourceName + "'" : "'" + resourceName + "'") + " from " + host;
    }
}
