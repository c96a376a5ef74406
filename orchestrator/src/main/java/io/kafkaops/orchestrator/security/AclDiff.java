package io.kafkaops.orchestrator.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What applying the inventory's ACLs means for a cluster: the ACLs to add, and the ACLs the cluster has that the
 * inventory does not name (reported; removed only when the operator asks with --prune-acls). Pure.
 */
public record AclDiff(List<AclEntry> toAdd, List<AclEntry> notInInventory) {
    public static AclDiff of(Collection<AclRule> wanted, Collection<AclEntry> existing) {
        Set<AclEntry> want = new LinkedHashSet<>();
        wanted.forEach(r -> want.addAll(r.entries()));
        Set<AclEntry> have = Set.copyOf(existing);
        return new AclDiff(want.stream().filter(e -> !have.contains(e)).toList(),
                existing.stream().filter(e -> !want.contains(e)).distinct().toList());
    }

    public boolean nothingToAdd() {
        return toAdd.isEmpty();
    }
}
