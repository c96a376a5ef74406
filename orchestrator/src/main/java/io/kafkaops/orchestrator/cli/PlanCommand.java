package io.kafkaops.orchestrator.cli;

import io.kafkaops.orchestrator.plan.PlanPrinter;
import io.kafkaops.orchestrator.plan.ProvisionPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Validate the inventory and show, host by host, the files and ordered steps a provision would apply. Touches no host.")
public final class PlanCommand implements Callable<Integer> {
    @Mixin InventoryOptions inventory;

    @Option(names = "--output", defaultValue = "text", paramLabel = "text|json", description = "text for people, json for machines")
    String output;

    @Option(names = "--baseline", paramLabel = "DIR", description = "diff against DIR/HOST/<absolute path> instead of printing whole files")
    Path baseline;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        ProvisionPlan plan = inventory.workspace().plan();
        PlanPrinter printer = new PlanPrinter(Optional.ofNullable(baseline));
        spec.commandLine().getOut().print("json".equals(output) ? printer.json(plan) : printer.text(plan));
        return 0;
    }
}
