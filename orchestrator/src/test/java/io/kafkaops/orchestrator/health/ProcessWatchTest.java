package io.kafkaops.orchestrator.health;

import io.kafkaops.orchestrator.ssh.CommandResult;
import io.kafkaops.orchestrator.ssh.RemoteHost;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessWatchTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-11-26T03:00:00Z");

        @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    /** A host whose watch loop speaks through the test; its slow-path PID read answers {@code pidNow}. */
    static final class ScriptedHost implements RemoteHost {
        volatile Consumer<String> loop;
        volatile String pidNow = "4242";
        volatile boolean closed;

        @Override public String name() { return "kafka2"; }
        @Override public CommandResult run(String command) { return new CommandResult(command, 0, pidNow + "\n", ""); }
        @Override public AutoCloseable stream(String command, Consumer<String> onLine) {
            loop = onLine;
            return () -> closed = true;
        }
        @Override public void upload(Path local, String remotePath) {}
        @Override public void write(String remotePath, byte[] content, String owner, String mode) {}
        @Override public void close() {}

        void says(String line) { loop.accept(line); }
    }

    static ScriptedHost started(ScriptedHost host) throws InterruptedException {
        for (int i = 0; i < 200 && host.loop == null; i++) Thread.sleep(10);
        assertThat(host.loop).as("the watch opened its stream").isNotNull();
        return host;
    }

    @Test
    void aProcessThatWentAwayIsNamedWithItsPid() throws Exception {
        ManualClock clock = new ManualClock();
        ScriptedHost host = new ScriptedHost();
        try (ProcessWatch w = ProcessWatch.start(Map.of(2, host), "kafka-server", clock, id -> "broker " + id + " (kafka" + id + ")")) {
            started(host).says("pid 4242");
            host.says("alive");
            assertThat(w.gone()).isEmpty();
            host.says("gone");
            assertThat(w.gone()).contains("broker 2 (kafka2)'s kafka-server process (main PID 4242) went away");
        }
        // closed on a thread of its own: the roll does not wait for the host's confirmation
        for (int i = 0; i < 200 && !host.closed; i++) Thread.sleep(10);
        assertThat(host.closed).isTrue();
    }

    @Test
    void aSilentWatchIsCheckedTheSlowWayAndTrustedWhenThePidIsTheSame() throws Exception {
        ManualClock clock = new ManualClock();
        ScriptedHost host = new ScriptedHost();
        try (ProcessWatch w = ProcessWatch.start(Map.of(2, host), "kafka-server", clock, id -> "broker " + id)) {
            started(host).says("pid 4242");
            clock.now = clock.now.plusSeconds(5);
            assertThat(w.gone()).isEmpty();
            clock.now = clock.now.plusSeconds(5);
            host.pidNow = "5151";
            assertThat(w.gone()).contains("broker 2's kafka-server process (main PID 4242) went away (read again: 5151)");
        }
    }

    @Test
    void aWatchThatNeverSaidWhichProcessItWatchesIsADoubt() throws Exception {
        ManualClock clock = new ManualClock();
        ScriptedHost host = new ScriptedHost();
        try (ProcessWatch w = ProcessWatch.start(Map.of(2, host), "kafka-server", clock, id -> "broker " + id)) {
            started(host);
            assertThat(w.gone()).isEmpty();
            clock.now = clock.now.plusSeconds(4);
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
