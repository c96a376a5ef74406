package io.kafkaops.orchestrator.gate;

import java.time.Instant;

/** A verdict and the time of the snapshot it was computed from. */
public record TimedVerdict(Instant at, GateVerdict verdict) {}
