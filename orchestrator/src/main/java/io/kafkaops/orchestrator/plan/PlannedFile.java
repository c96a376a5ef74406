package io.kafkaops.orchestrator.plan;

/** A file the orchestrator would write: secret ones are never printed. */
public record PlannedFile(String path, String owner, String mode, String content, boolean secret, String template) {}
