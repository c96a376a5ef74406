package io.kafkaops.orchestrator.kafka;

import io.kafkaops.orchestrator.security.AclEntry;
import io.kafkaops.orchestrator.security.AclRule;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A cluster's ACLs over the Admin API (any mode, brokers 2.0+). The brokers must run an authorizer: without one they answer
 * SecurityDisabledException, and a ZooKeeper-mode cluster takes its first ACLs through zookeeper/AclStore instead.
 */
public final class Acls {
    private final Admin admin;

    public Acls(Admin admin) {
        this.admin = admin;
    }

    /** Every ACL of the cluster that {@link AclEntry} can say (operations and types the model does not know are left out). */
    public List<AclEntry> list() throws IOException {
        List<AclEntry> out = new ArrayList<>();
        for (AclBinding b : AdminCall.await(admin.describeAcls(AclBindingFilter.ANY).values(), "list the ACLs")) entry(b).ifPresent(out::add);
        return out;
    }

    public void add(List<AclEntry> entries) throws IOException {
        if (entries.isEmpty()) return;
        AdminCall.await(admin.createAcls(entries.stream().map(Acls::binding).toList()).all(), "add " + entries.size() + " ACL(s)");
    }

    public void remove(List<AclEntry> entries) throws IOException {
        if (entries.isEmpty()) return;
        AdminCall.await(admin.deleteAcls(entries.stream().map(e -> binding(e).toFilter()).toList()).all(), "remove " + entries.size() + " ACL(s)");
    }

    static AclBinding binding(AclEntry e) {
        return new AclBinding(new ResourcePattern(ResourceType.valueOf(e.resourceType().name()), e.resourceName(),
                PatternType.valueOf(e.patternType().name())), new AccessControlEntry(e.principal(), e.host(),
                AclOperation.valueOf(e.operation().name()), AclPermissionType.valueOf(e.permission().name())));
    }

    static Optional<AclEntry> entry(AclBinding b) {
        try {
            ResourcePattern p = b.pattern();
            AccessControlEntry e = b.entry();
            return Optional.of(new AclEntry(e.principal(), AclRule.ResourceType.valueOf(p.resourceType().name()), p.name(),
                    AclRule.PatternType.valueOf(p.patternType().name()), AclRule.Operation.valueOf(e.operation().name()),
                    AclRule.Permission.valueOf(e.permissionType().name()), e.host()));
        } catch (IllegalArgumentException notInTheModel) {
            return Optional.empty();
        }
    }
}
