package io.kafkaops.orchestrator.testkit;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AwaitTest {

    @Test
    void anExceptionIsNotYetAndTheLastOneIsNamedWhenTimeRunsOut() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        Await.until("the second answer", Duration.ofSeconds(5), () -> {
            if (asked.incrementAndGet() == 1) throw new IOException("broker starting");
            return true;
        });
        assertThat(asked).hasValue(2);
        assertThatThrownBy(() -> Await.until("a broker", Duration.ZERO, () -> { throw new IOException("refused"); }))
                .isInstanceOf(AssertionError.class)
                .hasMessage("timed out after 0 s waiting for a broker (last error: java.io.IOException: refused)");
    }

    @Test
    void aFailedAssertionInsideEndsTheWaitAtOnce() {
        AtomicInteger asked = new AtomicInteger();
        assertThatThrownBy(() -> Await.until("never", Duration.ofSeconds(30), () -> {
            asked.incrementAndGet();
            throw new AssertionError("the broker exited");
        })).hasMessage("the broker exited");
        assertThat(asked).hasValue(1);
    }
}
