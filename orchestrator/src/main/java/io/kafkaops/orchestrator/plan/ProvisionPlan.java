package io.kafkaops.orchestrator.plan;

import io.kafkaops.orchestrator.cluster.Cluster;
import io.kafkaops.orchestrator.cluster.Finding;

import java.util.List;

/** The whole provisioning plan: per-host files, ordered steps, and what validation said. */
public record ProvisionPlan(Cluster cluster, List<HostPlan> hosts, List<PlannedStep> steps, List<Finding.Warning> warnings,
                            List<String> security) {
    public ProvisionPlan(Cluster cluster, List<HostPlan> hosts, List<PlannedStep> steps, List<Finding.Warning> warnings) {
        this(cluster, hosts, steps, warnings, List.of());
    }

    /** The same plan with other host plans (the TLS stores added) and what it says of the cluster's security. */
    public ProvisionPlan with(List<HostPlan> hosts, List<String> security) {
        return new ProvisionPlan(cluster, hosts, steps, warnings, List.copyOf(security));
    }
}
