package io.kafkaops.orchestrator.cli;

import picocli.CommandLine.Command;

@Command(name = "plan", mixinStandardHelpOptions = true, description = "TODO")
public final class PlanCommand implements Runnable {
    @Override
    public void run() {
        throw new UnsupportedOperationException("not built yet");
    }
}
