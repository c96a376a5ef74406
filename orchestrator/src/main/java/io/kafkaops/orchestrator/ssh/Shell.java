package io.kafkaops.orchestrator.ssh;

/** Quoting for the POSIX shell every remote command runs in. */
public final class Shell {
    private Shell() {}

    /** Single-quotes a string for sh. */
    public static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
