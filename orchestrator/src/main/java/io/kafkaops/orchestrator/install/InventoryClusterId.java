package io.kafkaops.orchestrator.install;

import io.kafkaops.orchestrator.SourceRef;

/** kafka_cluster_id as the inventory gives it, with where: the hosts' formatted id must equal it. */
public record InventoryClusterId(String value, SourceRef source) {}
