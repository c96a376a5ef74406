package io.kafkaops.orchestrator.ssh;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The whole transport contract: run a shell command, put a file, read a file. Everything above
 * it (facts, operations, provision, upgrade) is transport-agnostic.
 */
public interface RemoteHost extends AutoCloseable {
    /** The inventory name of the host. */
    String name();

    /** Runs a command through `sh -c` (with sudo when the inventory asks for become). */
    CommandResult run(String command) throws IOException;

    /**
     * Starts a long-running command and hands each line of its stdout to {@code onLine} (on a thread of its own) until the
     * command ends or the returned handle is closed. Its stderr is discarded. Closing ends the channel: a remote loop that
     * keeps writing then dies of SIGPIPE, so nothing is left running on the host.
     */
    AutoCloseable stream(String command, Consumer<String> onLine) throws IOException;

    /** Uploads a local file to a remote path (written to a temp name, then renamed). */
    void upload(Path local, String remotePath) throws IOException;

    /** Writes content to a remote path atomically (temp file + rename), with owner and mode. */
    void write(String remotePath, byte[] content, String owner, String mode) throws IOException;

    @Override
    void close() throws IOException;
}
