package io.kafkaops.orchestrator.security;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** What `plan` says of the cluster's security, one line each: listeners, users (never a password), authorizer, ACLs. Pure. */
public final class SecuritySummary {
    private SecuritySummary() {}

    public static List<String> lines(ClusterSecurity s, String kafkaVersion) {
        List<String> out = new ArrayList<>();
        out.add("listeners: " + s.listeners().stream().map(Listener::toString).collect(Collectors.joining(", ")) + "; brokers talk over "
                + s.interBroker().name() + "; clients and the orchestrator use " + s.client().name());
        if (!s.users().isEmpty()) {
            out.add("users: " + s.users().stream().map(u -> u.principal() + " (" + u.mechanism() + (u.admin() ? ", the brokers' own login" : "")
                    + ")").collect(Collectors.joining(", "))
                    + (s.users().stream().anyMatch(u -> u.mechanism().scram()) ? "; SCRAM credentials are written to ZooKeeper by provision"
                    + " before the brokers start" : ""));
        }
        if (s.aclsEnabled()) {
            out.add("authorizer: " + Authorizer.forVersion(kafkaVersion).className() + " (Kafka " + kafkaVersion + "); super.users "
                    + String.join(";", s.superUsers()));
            List<AclEntry> entries = s.acls().stream().flatMap(r -> r.entries().stream()).toList();
            out.add("ACLs provision puts in place (" + entries.size() + "; others found on the cluster are reported, removed only with"
                    + " --prune-acls):");
            entries.forEach(e -> out.add("  " + e));
        } else {
            out.add("authorizer: none (every client may do anything)");
        }
        return out;
    }
}
