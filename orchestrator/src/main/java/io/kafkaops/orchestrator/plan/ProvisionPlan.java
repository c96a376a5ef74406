package io.kafkaops.orchestrator.plan;

import io.kafkaops.orchestrator.cluster.Cluster;
import io.kafkaops.orchestrator.cluster.Finding;

import java.util.List;

/** The whole provisioning plan: per-host files, ordered steps, and what validation said. */
public record ProvisionPlan(Cluster cluster, List<HostPlan> hosts, List<PlannedStep> steps, List<Finding.Warning> warnings) {}
