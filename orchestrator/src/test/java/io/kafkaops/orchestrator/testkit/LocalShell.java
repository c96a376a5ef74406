package io.kafkaops.orchestrator.testkit;

import io.kafkaops.orchestrator.ssh.CommandResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** A FakeHost answer that runs the command in a real local {@code sh} in a directory of its own: real shell semantics. */
public final class LocalShell {
    private LocalShell() {}

    public static Function<String, CommandResult> in(Path dir) {
        return command -> {
            try {
                Process p = new ProcessBuilder("sh", "-c", command).directory(dir.toFile()).start();
                p.getOutputStream().close();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly();
                return new CommandResult(command, p.exitValue(), out, err);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        };
    }
}
