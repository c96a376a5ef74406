package io.kafkaops.orchestrator.cluster;

import java.util.Optional;

/** A host's variable as Ansible would see it in a template (Jinja rendered); empty if undefined. */
@FunctionalInterface
public interface VariableResolver {
    Optional<Object> resolve(String host, String variable);
}
