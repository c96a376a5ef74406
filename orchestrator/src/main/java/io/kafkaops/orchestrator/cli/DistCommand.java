package io.kafkaops.orchestrator.cli;

import picocli.CommandLine.Command;

@Command(name = "dist", mixinStandardHelpOptions = true, description = "TODO")
public final class DistCommand implements Runnable {
    @Override
    public void run() {
        throw new UnsupportedOperationException("not built yet");
    }
}
