package io.kafkaops.orchestrator.profile;

/** One data disk of a host: where it is mounted, how big, what kind. */
public record Disk(String mount, int sizeGb, DiskType type) {}
