package io.kafkaops.orchestrator.cli;

import io.kafkaops.orchestrator.BadInput;
import io.kafkaops.orchestrator.provision.ProvisionCluster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "provision", mixinStandardHelpOptions = true,
        description = "Install ZooKeeper and Kafka over SSH: read facts, show what differs, apply ZooKeeper first then brokers,"
                + " check health. Never deletes data.")
public final class ProvisionCommand implements Callable<Integer> {
    @Mixin InventoryOptions inventory;
    @Mixin HostKeyOptions hostKeys;

    @Option(names = "--prune-acls", description = "remove the ACLs the cluster has that the inventory's kafka_acls does not name "
            + "(without it they are only reported)")
    boolean pruneAcls;

    @Option(names = "--dry-run", description = "read facts and print the changes, then stop")
    boolean dryRun;

    @Option(names = "--artifacts", paramLabel = "DIR",
            description = "folder with the official tarballs and their .sha512 files (default: inventory variable artifact_dir)")
    Path artifacts;

    @Option(names = "--forks", defaultValue = "10", description = "hosts worked on in parallel (default ${DEFAULT-VALUE})")
    int forks;

    @Option(names = "--health-timeout", defaultValue = "180", paramLabel = "SECONDS",
            description = "how long to wait for the ensemble and the brokers to be healthy")
    int healthTimeout;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        if (forks < 1) throw new BadInput("--forks " + forks + " works on no host at all", "give --forks 1 or more (the default is 10)");
        if (healthTimeout < 1 || healthTimeout > GateOptions.MAX_SECONDS) {
            throw new BadInput("--health-timeout " + healthTimeout + " is not a number of seconds from 1 to " + GateOptions.MAX_SECONDS,
                    "give --health-timeout from 1 to " + GateOptions.MAX_SECONDS + " (the default is 180)");
        }
        var options = new ProvisionCluster.Options(dryRun, forks, Duration.ofSeconds(healthTimeout), AsTyped.invocation(spec, inventory),
                pruneAcls);
        return ProvisionCluster.run(inventory.workspace(), Optional.ofNullable(artifacts), hostKeys.policy(), options,
                spec.commandLine().getOut());
    }
}
