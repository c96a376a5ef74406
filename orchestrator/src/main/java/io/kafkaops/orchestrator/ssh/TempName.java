package io.kafkaops.orchestrator.ssh;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Names for the scratch files and dirs a run leaves beside their final path for a moment: unique per run (pid and a
 * random part) and per use, so two runs - or two writes of one run - never pick up each other's half-written files.
 */
public final class TempName {
    /** This process's run id, e.g. {@code 4711-9f3a2c}. */
    public static final String RUN = ProcessHandle.current().pid() + "-" + String.format("%06x", new SecureRandom().nextInt(1 << 24));
    private static final AtomicLong NEXT = new AtomicLong();

    private TempName() {}

    /** {@code <path>.orchestrator-<run>-<n>}: same directory, so the move into place is a rename. */
    public static String beside(String path) {
        return path + ".orchestrator-" + RUN + "-" + NEXT.incrementAndGet();
    }
}
