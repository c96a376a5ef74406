package io.kafkaops.orchestrator.ssh;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The whole transport contract: run a shell command, put a file, read a file. Everything above
 * it (facts, operations, provision, upgrade) is transport-agnostic.
 */
public interface RemoteHost extends AutoCloseable {
    /** How long a command may take unless its caller says otherwise: past it the call fails, it never hangs. */
    Duration DEADLINE = Duration.ofSeconds(120);

    /** The inventory name of the host. */
    String name();

    /**
     * Runs a command through `sh -c` as {@code as} says; past {@code deadline} the channel is closed and the call
     * throws an IOException that names the host and the command.
     */
    CommandResult run(String command, Privilege as, Duration deadline) throws IOException;

    /** Runs a command as root (with sudo when the inventory asks for become), within {@link #DEADLINE}. */
    default CommandResult run(String command) throws IOException {
        return run(command, Privilege.ROOT, DEADLINE);
    }

    /** Runs a command as root within {@code deadline}. */
    default CommandResult run(String command, Duration deadline) throws IOException {
        return run(command, Privilege.ROOT, deadline);
    }

    /** Runs a read that needs no root as the SSH user (never through sudo), within {@link #DEADLINE}. */
    default CommandResult runAsUser(String command) throws IOException {
        return run(command, Privilege.SSH_USER, DEADLINE);
    }

    /**
     * Starts a long-running command and hands each line of its stdout to {@code onLine} (on a thread of its own) until the
     * command ends or the returned handle is closed. Its stderr is discarded. Closing ends the channel: a remote loop that
     * keeps writing then dies of SIGPIPE, so nothing is left running on the host. No deadline: it runs until closed. It runs
     * as the SSH user, never through sudo: a stream only watches.
     */
    AutoCloseable stream(String command, Consumer<String> onLine) throws IOException;

    /** Uploads a local file to a remote path (written to a temp name beside it, then renamed). */
    void upload(Path local, String remotePath) throws IOException;

    /**
     * Writes content to a remote path atomically (temp file beside it + rename), with owner and mode. The content is never
     * readable by anyone but root (or the SSH user) before it has its final owner and mode, and never on a command line.
     */
    void write(String remotePath, byte[] content, String owner, String mode) throws IOException;

    @Override
    void close() throws IOException;
}
