package io.kafkaops.orchestrator;

import java.time.Duration;

/** How the tool waits between two looks at a cluster or a host: real time, or a test's clock moved by hand. */
@FunctionalInterface
public interface Pause {
    void sleep(Duration d);

    Pause REAL_TIME = d -> {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    };
}
