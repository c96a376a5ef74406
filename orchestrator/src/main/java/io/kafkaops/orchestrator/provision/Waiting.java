package io.kafkaops.orchestrator.provision;

import io.kafkaops.orchestrator.Pause;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** How provision waits for a service: a clock for the timeout and a pause between reads (real time, or a test's). */
public record Waiting(Clock clock, Pause pause) {
    public static Waiting realTime() {
        return new Waiting(Clock.systemUTC(), Pause.REAL_TIME);
    }

    /** Tries every {@code every} until {@code attempt} says done: false when the timeout ran out first. */
    public boolean until(Duration timeout, Duration every, BooleanSupplier attempt) {
        Instant deadline = clock.instant().plus(timeout);
        while (clock.instant().isBefore(deadline)) {
            if (attempt.getAsBoolean()) return true;
            pause.sleep(every);
        }
        return false;
    }
}
