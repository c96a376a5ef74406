package io.kafkaops.orchestrator.cli;

import io.kafkaops.orchestrator.secure.SecureCluster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "secure", mixinStandardHelpOptions = true,
        description = "Move a running cluster to the inventory's security without downtime, in gated rolls: the secured listeners "
                + "beside the old ones, the brokers onto their secured listener, the authorizer on (ACLs written first), and - "
                + "only with --remove-plaintext - the old listeners removed. Re-running resumes; --dry-run shows the stages.")
public final class SecureCommand implements Callable<Integer> {
    @Mixin InventoryOptions inventory;
    @Mixin GateOptions gates;

    @Option(names = "--dry-run", description = "show the stages and what each changes; touch nothing")
    boolean dryRun;

    @Option(names = SecureCluster.REMOVE_FLAG, description = "also run the last stage, which removes the listeners the inventory "
            + "does not have (clients still on them are cut off)")
    boolean removePlaintext;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        var request = new SecureCluster.Request(dryRun, removePlaintext, gates.settings(), gates.hostKeys(),
                AsTyped.command(spec, Set.of("--dry-run", SecureCluster.REMOVE_FLAG), Set.of()), AsTyped.invocation(spec, inventory));
        return SecureCluster.run(inventory.workspace(), request, spec.commandLine().getOut());
    }
}
