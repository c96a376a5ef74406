package io.kafkaops.orchestrator.cluster;

import io.kafkaops.orchestrator.profile.HardwareProfile;

import java.util.Optional;
import java.util.Set;

/** One inventory host as the orchestrator understands it. */
public record ClusterNode(
        String host,
        String address,
        int sshPort,
        String sshUser,
        Set<Role> roles,
        Optional<AssignedId> brokerId,
        Optional<AssignedId> myid,
        Optional<String> rack,
        HardwareProfile profile,
        boolean defaultProfile) {

    public boolean is(Role role) {
        return roles.contains(role);
    }
}
