package io.kafkaops.orchestrator.plan;

/** One ordered step: in phase N (ZooKeeper before brokers), on a host or the whole cluster. */
public record PlannedStep(int phase, String target, String action) {}
