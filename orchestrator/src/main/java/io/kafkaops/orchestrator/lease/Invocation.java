package io.kafkaops.orchestrator.lease;

/**
 * How the operator called the tool, for what it tells others and itself: the lease shows {@code command} to a run it
 * refuses, and {@code unlock} is how that run breaks a dead holder's lease.
 *
 * @param command as typed, e.g. "orchestrator upgrade inventory/lab.yml --to 2.6.3"
 * @param unlock  e.g. "orchestrator unlock inventory/lab.yml" (the run id is added when it is known)
 */
public record Invocation(String command, String unlock) {}
