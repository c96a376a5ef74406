package io.kafkaops.orchestrator.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test moves by hand (or that moves itself on every sleep of the code under test). */
public final class ManualClock extends Clock {
    private volatile Instant now = Instant.parse("2026-11-26T03:00:00Z");

    @Override public ZoneId getZone() { return ZoneOffset.UTC; }
    @Override public Clock withZone(ZoneId zone) { return this; }
    @Override public Instant instant() { return now; }

    public void advance(Duration d) { now = now.plus(d); }

    public void advanceSeconds(long s) { advance(Duration.ofSeconds(s)); }
}
