package io.kafkaops.orchestrator.inventory;

import io.kafkaops.orchestrator.SourceRef;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An Ansible inventory with Ansible's semantics (groups `all` and `ungrouped` included).
 * Contract used by the cluster model and the template engine; built by InventoryLoader.
 */
public interface AnsibleInventory {
    /** The file or directory given by the user. */
    Path source();

    /** Every host, in Ansible's order (as `ansible-inventory --list` / groups['all']). */
    List<String> hosts();

    /** Every group name, including all and ungrouped. */
    List<String> groupNames();

    Optional<InventoryGroup> group(String name);

    InventoryHost host(String name);

    /** groups[name] in Ansible: every host of the group and its descendants, in Ansible's order. */
    List<String> hostsOf(String group);

    /** Ansible's group_names for a host: sorted, without all/ungrouped. */
    List<String> groupNamesOf(String host);

    /**
     * Variables of a host after Ansible's precedence (all < parent < child group < host, dicts
     * replaced, group_vars/host_vars files included), values raw (Jinja unrendered).
     */
    Map<String, Object> hostVars(String host);

    /** Where a host's effective variable was set (for error messages), when known. */
    Optional<SourceRef> origin(String host, String variable);

    /** Every `!vault` value in the inventory (inventory files, group_vars/, host_vars/), still encrypted. */
    List<VaultValue> vaultValues();

    /** Values a later one replaced (duplicate YAML keys, variables set again): the cluster reader warns or refuses. */
    default List<Replaced> replaced() { return List.of(); }

    /** What Ansible warns about the inventory's folders (a group_vars that is not a directory), in its words. */
    default List<String> warnings() { return List.of(); }
}
