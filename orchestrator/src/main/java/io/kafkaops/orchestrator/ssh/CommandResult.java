package io.kafkaops.orchestrator.ssh;

/** What a remote command did. */
public record CommandResult(String command, int exitStatus, String stdout, String stderr) {
    public boolean ok() { return exitStatus == 0; }
}
