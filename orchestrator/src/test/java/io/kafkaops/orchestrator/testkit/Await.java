package io.kafkaops.orchestrator.testkit;

import java.time.Duration;

/** The tests' one wait loop: ask every half second until the condition holds or the time is up. */
public final class Await {
    private static final long POLL_MILLIS = 500;

    private Await() {}

    /** A check that may fail while the cluster is still getting there (a broker starting, a host cut). */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    /**
     * Returns once {@code condition} holds. An exception from it counts as "not yet" (the last one is named if time runs
     * out); an {@link Error}, such as a failed assertion inside it, ends the wait at once.
     */
    public static void until(String what, Duration timeout, Condition condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (true) {
            try {
                if (condition.holds()) return;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what
                        + (last == null ? "" : " (last error: " + last + ")"));
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
