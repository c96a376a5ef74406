package io.kafkaops.orchestrator.cli;

import picocli.CommandLine.Command;

@Command(name = "lab", mixinStandardHelpOptions = true, description = "TODO")
public final class LabCommand implements Runnable {
    @Override
    public void run() {
        throw new UnsupportedOperationException("not built yet");
    }
}
