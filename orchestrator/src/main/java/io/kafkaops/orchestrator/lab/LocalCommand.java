package io.kafkaops.orchestrator.lab;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A command run on this machine, as root, from the Linux tools the lab is built from (ip, nft, ssh-keygen, umount),
 * with its output collected.
 */
final class LocalCommand {

    record Result(List<String> command, int exitCode, String out, String err) {
        boolean ok() { return exitCode == 0; }

        Result orThrow() {
            if (!ok()) {
                throw new LabFailure(String.join(" ", command) + " failed (exit " + exitCode + "): " + err.strip());
            }
            return this;
        }
    }

    private LocalCommand() {}

    static Result run(String... command) {
        return run(List.of(command));
    }

    static Result run(List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        try {
            Process p = pb.start();
            var err = new CompletableFuture<String>();
            Thread t = new Thread(() -> err.complete(read(p.getErrorStream())));
            t.setDaemon(true);
            t.start();
            String out = read(p.getInputStream());
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new LabFailure(String.join(" ", command) + " did not finish within 60 s");
            }
            return new Result(List.copyOf(command), p.exitValue(), out, err.join());
        } catch (IOException e) {
            throw new LabFailure("cannot run " + command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabFailure("interrupted while running " + String.join(" ", command));
        }
    }

    static Result check(String... command) {
        return run(command).orThrow();
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
