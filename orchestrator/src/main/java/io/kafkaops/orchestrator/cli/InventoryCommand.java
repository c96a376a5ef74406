package io.kafkaops.orchestrator.cli;

import picocli.CommandLine.Command;

@Command(name = "inventory", mixinStandardHelpOptions = true, description = "TODO")
public final class InventoryCommand implements Runnable {
    @Override
    public void run() {
        throw new UnsupportedOperationException("not built yet");
    }
}
