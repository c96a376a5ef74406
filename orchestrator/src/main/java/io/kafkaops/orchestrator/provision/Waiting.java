package io.kafkaops.orchestrator.provision;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** How provision waits for a service: a clock for the timeout and a pause between reads (real time, or a test's). */
public record Waiting(Clock clock, Pause pause) {
    @FunctionalInterface
    public interface Pause {
        void sleep(Duration d);
    }

    public static Waiting realTime() {
        return new Waiting(Clock.systemUTC(), Waiting::sleep);
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

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
