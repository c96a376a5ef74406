package io.kafkaops.orchestrator.kafka;

import org.apache.kafka.common.KafkaFuture;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One Admin API call waited for with a deadline: its failure as one IOException that says what was tried. */
final class AdminCall {
    static final long WAIT_SECONDS = 30;

    private AdminCall() {}

    static <T> T await(KafkaFuture<T> future, String what) throws IOException {
        try {
            return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IOException("cannot " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("cannot " + what + ": no answer in " + WAIT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while trying to " + what);
        }
    }
}
