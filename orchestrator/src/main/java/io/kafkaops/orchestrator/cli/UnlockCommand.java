package io.kafkaops.orchestrator.cli;

import io.kafkaops.orchestrator.roll.UnlockCluster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "unlock", mixinStandardHelpOptions = true,
        description = "Break the lease a dead run left on the cluster's hosts. Only the lease of the run named is removed; "
                + "a refused command prints the exact unlock command.")
public final class UnlockCommand implements Callable<Integer> {
    @Mixin InventoryOptions inventory;
    @Mixin HostKeyOptions hostKeys;

    @Option(names = "--run", required = true, paramLabel = "RUN", description = "the run id the refusal named")
    String run;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return UnlockCluster.run(inventory.workspace(), hostKeys.policy(), run, spec.commandLine().getOut());
    }
}
