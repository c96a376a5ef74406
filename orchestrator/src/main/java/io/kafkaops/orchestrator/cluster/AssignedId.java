package io.kafkaops.orchestrator.cluster;

/** A broker.id or myid and, in words, where it came from (shown by `orchestrator inventory`). */
public record AssignedId(int value, String source) {}
