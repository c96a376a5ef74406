package io.kafkaops.orchestrator.plan;

import io.kafkaops.orchestrator.cluster.NodeSettings;

import java.util.List;

/** Everything planned for one host. */
public record HostPlan(String host, String address, List<String> roles, NodeSettings node, List<PlannedFile> files) {}
