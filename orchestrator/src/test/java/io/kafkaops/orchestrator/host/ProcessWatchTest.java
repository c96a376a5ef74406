package io.kafkaops.orchestrator.host;

import io.kafkaops.orchestrator.testkit.FakeHost;
import io.kafkaops.orchestrator.testkit.ManualClock;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessWatchTest {

    /** A host whose watch loop speaks through the test; its slow-path PID read answers {@code pid}. */
    static FakeHost host(String pid) {
        return new FakeHost("kafka2").answers(".", pid + "\n");
    }

    static FakeHost started(FakeHost host) throws InterruptedException {
        for (int i = 0; i < 200 && !host.streaming(); i++) Thread.sleep(10);
        assertThat(host.streaming()).as("the watch opened its stream").isTrue();
        return host;
    }

    @Test
    void aProcessThatWentAwayIsNamedWithItsPid() throws Exception {
        ManualClock clock = new ManualClock();
        FakeHost host = host("4242");
        try (ProcessWatch w = ProcessWatch.start(Map.of(2, host), "kafka-server", clock, id -> "broker " + id + " (kafka" + id + ")")) {
            started(host).says("pid 4242");
            host.says("alive");
            assertThat(w.gone()).isEmpty();
            host.says("gone");
            assertThat(w.gone()).contains("broker 2 (kafka2)'s kafka-server process (main PID 4242) went away");
        }
        // closed on a thread of its own: the roll does not wait for the host's confirmation
        for (int i = 0; i < 200 && !host.streamClosed(); i++) Thread.sleep(10);
        assertThat(host.streamClosed()).isTrue();
    }

    @Test
    void aSilentWatchIsCheckedTheSlowWayAndTrustedWhenThePidIsTheSame() throws Exception {
        ManualClock clock = new ManualClock();
        FakeHost host = host("4242");
        try (ProcessWatch w = ProcessWatch.start(Map.of(2, host), "kafka-server", clock, id -> "broker " + id)) {
            started(host).says("pid 4242");
            clock.advanceSeconds(5);
            assertThat(w.gone()).isEmpty();
            clock.advanceSeconds(5);
            host.answers(".", "5151\n");
            assertThat(w.gone()).contains("broker 2's kafka-server process (main PID 4242) went away (read again: 5151)");
        }
    }

    @Test
    void aWatchThatNeverSaidWhichProcessItWatchesIsADoubt() throws Exception {
        ManualClock clock = new ManualClock();
        FakeHost host = host("4242");
        try (ProcessWatch w = ProcessWatch.start(Map.of(2, host), "kafka-server", clock, id -> "broker " + id)) {
            started(host);
            assertThat(w.gone()).isEmpty();
            clock.advanceSeconds(4);
            assertThat(w.gone()).contains("the kafka-server process of broker 2 could not be watched");
        }
    }

    /** The loop itself, run by a real sh against a real process, with systemctl answering that process's PID. */
    @Test
    void theLoopReportsThePidThenAHeartbeatThenGoneWhenTheProcessExits() throws Exception {
        Process victim = new ProcessBuilder("sleep", "1.5").start();
        String script = "systemctl() { echo " + victim.pid() + "; }; " + ProcessWatch.loop("kafka-server");
        Process loop = new ProcessBuilder("sh", "-c", script).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(loop.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l = in.readLine(); l != null; l = in.readLine()) lines.add(l);
        }
        assertThat(loop.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(lines.get(0)).isEqualTo("pid " + victim.pid());
        assertThat(lines.subList(1, lines.size() - 1)).isNotEmpty().allMatch("alive"::equals);
        assertThat(lines.get(lines.size() - 1)).isEqualTo("gone");
    }

    @Test
    void theLoopEndsWhenNobodyReadsItAnyMore() throws Exception {
        Process victim = new ProcessBuilder("sleep", "30").start();
        try {
            String script = "systemctl() { echo " + victim.pid() + "; }; " + ProcessWatch.loop("kafka-server");
            Process loop = new ProcessBuilder("sh", "-c", script).start();
            BufferedReader in = new BufferedReader(new InputStreamReader(loop.getInputStream(), StandardCharsets.UTF_8));
            assertThat(in.readLine()).isEqualTo("pid " + victim.pid());
            in.close();
            assertThat(loop.waitFor(5, TimeUnit.SECONDS)).as("the loop died with its reader").isTrue();
            assertThat(victim.isAlive()).isTrue();
        } finally {
            victim.destroy();
        }
    }

    @Test
    void aUnitWithNoProcessIsGoneAtOnce() throws Exception {
        Process loop = new ProcessBuilder("sh", "-c", "systemctl() { echo 0; }; " + ProcessWatch.loop("kafka-server")).start();
        String out = new String(loop.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(out).isEqualTo("pid 0\ngone\n");
        assertThat(loop.waitFor(5, TimeUnit.SECONDS)).isTrue();
    }
}
