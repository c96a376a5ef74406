package io.kafkaops.orchestrator.host;

import io.kafkaops.orchestrator.ssh.CommandResult;

import java.io.IOException;

/** A remote step that exited non-zero: the host, the step, the command and its stderr are reported. */
public final class StepFailed extends IOException {
    private final String step;
    private final transient CommandResult result;

    public StepFailed(String step, CommandResult result) {
        super(step + ": " + result.stderr());
        this.step = step;
        this.result = result;
    }

    public String step() { return step; }

    public CommandResult result() { return result; }
}
