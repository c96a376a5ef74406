package io.kafkaops.orchestrator.cli;

import io.kafkaops.orchestrator.BadInput;
import io.kafkaops.orchestrator.upgrade.ChainUpgrade;
import io.kafkaops.orchestrator.upgrade.Migration;
import io.kafkaops.orchestrator.upgrade.RollingUpgrade;
import io.kafkaops.orchestrator.version.ClusterMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "upgrade", mixinStandardHelpOptions = true,
        description = "Gated rolling upgrade (or rollback) to another Kafka version: plan, stage, binary roll with the protocol pinned, "
                + "then - only with --yes-finalize - the pin rolls that cannot be undone. Re-running the same command resumes.")
public final class UpgradeCommand implements Callable<Integer> {
    @Mixin InventoryOptions inventory;
    @Mixin GateOptions gates;

    @Option(names = "--to", required = true, paramLabel = "VERSION", description = "the Kafka version every broker should run")
    String to;

    @Option(names = "--dry-run", description = "print the plan (phases, brokers in order, per host what changes) and stop")
    boolean dryRun;

    @Option(names = "--yes-finalize", description = "also run the phases past the point of no return (raising/removing the protocol pins)")
    boolean yesFinalize;

    @Option(names = "--artifacts", paramLabel = "DIR",
            description = "folder with the tarballs and their .sha512 files (default: inventory variable artifact_dir)")
    Path artifacts;

    @Option(names = "--mode", paramLabel = "kraft|zookeeper",
            description = "kraft: migrate the ZooKeeper-mode cluster to KRaft on the 3.9 release it runs (KIP-866; the inventory's "
                    + "kafka_controller group gets the controllers); zookeeper: roll that migration back, before its point of no "
                    + "return; --to names the release")
    String mode;

    @Option(names = "--migration-timeout", defaultValue = "900", paramLabel = "SECONDS",
            description = "with --mode kraft (or a --to 4.x that migrates): how long the controllers may take to copy the metadata from ZooKeeper before the run "
                    + "halts (default ${DEFAULT-VALUE})")
    long migrationTimeout;

    @Option(names = "--output", defaultValue = "text", paramLabel = "text|json",
            description = "the plan as text, or as JSON (with --dry-run)")
    String output;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        RollingUpgrade.Output format = switch (output) {
            case "text" -> RollingUpgrade.Output.TEXT;
            case "json" -> RollingUpgrade.Output.JSON;
            default -> throw new BadInput("unknown --output " + output, "use --output text or --output json");
        };
        if (format == RollingUpgrade.Output.JSON && !dryRun) {
            throw new BadInput("--output json prints the plan only", "add --dry-run (the upgrade itself reports as text)");
        }
        if (mode != null) {
            if (!mode.equals("kraft") && !mode.equals("zookeeper")) {
                throw new BadInput("unknown --mode " + mode, "use --mode kraft to migrate a ZooKeeper-mode cluster, --mode zookeeper to "
                        + "roll a migration back before its point of no return");
            }
            if (format == RollingUpgrade.Output.JSON) throw new BadInput("--output json is not available with --mode kraft",
                    "leave --output out: the migration's plan prints as text");
            if (migrationTimeout <= 0) throw new BadInput("--migration-timeout " + migrationTimeout + " is not a positive number of seconds",
                    "give the seconds the wait may take, e.g. --migration-timeout 900");
            var migration = new Migration.Request(inventory.inventory, to, dryRun, yesFinalize, Optional.ofNullable(artifacts),
                    gates.settings(), gates.hostKeys(), AsTyped.command(spec, java.util.Set.of("--dry-run"), java.util.Set.of("--output")),
                    AsTyped.invocation(spec, inventory), java.time.Duration.ofSeconds(migrationTimeout),
                    mode.equals("kraft") ? ClusterMode.KRAFT : ClusterMode.ZOOKEEPER);
            return new Migration(inventory.workspace()).run(migration, spec.commandLine().getOut());
        }
        var request = new RollingUpgrade.Request(inventory.inventory, to, dryRun, yesFinalize, Optional.ofNullable(artifacts),
                gates.settings(),
                gates.hostKeys(), AsTyped.command(spec, java.util.Set.of("--dry-run"), java.util.Set.of("--output")),
                AsTyped.invocation(spec, inventory), format);
        var ws = inventory.workspace();
        if (ChainUpgrade.rowFor(ws, to).isPresent()) {
            // ZooKeeper mode to 4.x: the matrix's chain of hops, one command
            if (format == RollingUpgrade.Output.JSON) throw new BadInput("--output json is not available for a chain of hops (--to " + to
                    + " on a ZooKeeper-mode cluster)", "leave --output out: the chain's plan prints as text");
            return new ChainUpgrade(ws).run(request, java.time.Duration.ofSeconds(migrationTimeout), spec.commandLine().getOut(),
                    spec.commandLine().getErr());
        }
        return new RollingUpgrade(ws).run(request, spec.commandLine().getOut(), spec.commandLine().getErr()).exitCode();
    }
}
