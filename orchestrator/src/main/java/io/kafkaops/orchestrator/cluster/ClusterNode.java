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
        Optional<AssignedId> nodeId,
        Optional<String> rack,
        HardwareProfile profile,
        boolean defaultProfile) {

    public boolean is(Role role) {
        return roles.contains(role);
    }

    /** KRaft node.id: a dedicated controller's own id; a broker (combined or not) keeps its broker.id. */
    public Optional<AssignedId> kafkaNodeId() {
        return is(Role.BROKER) ? brokerId : nodeId;
    }
}
