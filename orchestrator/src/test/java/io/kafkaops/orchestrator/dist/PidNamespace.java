package io.kafkaops.orchestrator.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A private PID namespace (same network, same files) to run launcher scripts in, so that
 * kafka-server-stop.sh - which signals every kafka.Kafka it can see - only sees ours, not a
 * lab's or a colleague's brokers. Closing it kills its init, and with it everything inside.
 */
public final class PidNamespace implements AutoCloseable {
    public record Result(int exit, String output) {}

    private final Process unshare;
    private final long init;

    private PidNamespace(Process unshare, long init) {
        this.unshare = unshare;
        this.init = init;
    }

    public static PidNamespace start() throws IOException, InterruptedException {
        // bash as PID 1 reaps the daemons the scripts orphan, so exited JVMs do not linger as zombies
        Process p = new ProcessBuilder("unshare", "--pid", "--fork", "--mount-proc", "--kill-child",
                "bash", "-c", "trap 'exit 0' TERM; while true; do sleep 1 & wait $!; done")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Path children = Path.of("/proc", String.valueOf(p.pid()), "task", String.valueOf(p.pid()), "children");
        for (int i = 0; i < 50; i++) {
            if (!p.isAlive()) throw new IOException("unshare exited with " + p.exitValue() + " (needs root)");
            String c = Files.exists(children) ? Files.readString(children).strip() : "";
            if (!c.isEmpty()) return new PidNamespace(p, Long.parseLong(c.split("\\s+")[0]));
            Thread.sleep(100);
        }
        p.destroyForcibly();
        throw new IOException("the PID namespace's init did not appear");
    }

    /** Runs a bash script inside the namespace; stdout and stderr together. */
    public Result sh(String script, Map<String, String> env, Duration timeout) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("nsenter", "-t", String.valueOf(init), "-p", "-m", "--", "bash", "-c", script));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Path out = Files.createTempFile("ns-sh", ".out");
        try {
            Process p = pb.redirectOutput(out.toFile()).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out after " + timeout + ": " + script + "\n" + Files.readString(out));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    public Result sh(String script) throws IOException, InterruptedException {
        return sh(script, Map.of(), Duration.ofSeconds(120));
    }

    /** Java processes in the namespace whose command line matches the pattern (grep -E). */
    public int count(String pattern) throws IOException, InterruptedException {
        Result r = sh("ps ax -o args= | grep java | grep -E -- '" + pattern + "' | grep -v grep | wc -l");
        return Integer.parseInt(r.output().strip());
    }

    @Override
    public void close() throws InterruptedException {
        // SIGKILL to a namespace's init kills every process in the namespace
        ProcessHandle.of(init).ifPresent(ProcessHandle::destroyForcibly);
        unshare.destroyForcibly();
        unshare.waitFor(10, TimeUnit.SECONDS);
    }
}
