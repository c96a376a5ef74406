package io.kafkaops.orchestrator.inventory;

import io.kafkaops.orchestrator.SourceRef;

import java.util.Optional;

/**
 * A value Ansible replaces by a later one: a key written twice in one YAML mapping (PyYAML keeps the last and Ansible only
 * warns), or a variable given again to the same host or group (Ansible says nothing). The inventory keeps every one;
 * the cluster reader decides which it may not let pass. No values are kept, so no secret can reach a message.
 *
 * @param owner      in words: the host, the group, or the mapping the key is in
 * @param first      the value that was dropped
 * @param last       the value Ansible keeps
 * @param sameValue  both give the same value, so nothing changes
 * @param ansibleWarning Ansible's own warning, for a duplicate YAML key
 */
public record Replaced(Scope scope, String owner, String key, SourceRef first, SourceRef last, boolean sameValue,
                       Optional<String> ansibleWarning) {

    public enum Scope {
        /** a group, a host, or a group's hosts/children/vars: who is in which group */
        STRUCTURE,
        /** a variable of the host named by {@code owner} */
        HOST_VARIABLE,
        /** a variable of the group named by {@code owner} */
        GROUP_VARIABLE,
        /** a key inside a variable's value */
        VALUE
    }
}
