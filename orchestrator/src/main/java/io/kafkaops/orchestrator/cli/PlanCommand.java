package io.kafkaops.orchestrator.cli;

import io.kafkaops.orchestrator.BadInput;
import io.kafkaops.orchestrator.plan.PlanPrinter;
import io.kafkaops.orchestrator.plan.ProvisionPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Validate the inventory and show, host by host, the files and ordered steps a provision would apply. "
                + "Touches no host.")
public final class PlanCommand implements Callable<Integer> {
    @Mixin InventoryOptions inventory;

    @Option(names = "--output", defaultValue = "text", paramLabel = "text|json|ansible-vars",
            description = "text for people, json for machines, ansible-vars: each host's node dictionary for playbooks/ (-e @FILE)")
    String output;

    @Option(names = "--baseline", paramLabel = "DIR", description = "diff against DIR/HOST/<absolute path> instead of printing whole files")
    Path baseline;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        if (!List.of("text", "json", "ansible-vars").contains(output)) {
            throw new BadInput("unknown --output " + output, "use --output text, --output json or --output ansible-vars");
        }
        if (baseline != null && !Files.isDirectory(baseline)) {
            // a mistyped baseline would otherwise show every file as new
            throw new BadInput("--baseline " + baseline + " is not a directory",
                    "give the folder that holds HOST/<absolute path> copies of the hosts' files, or drop --baseline");
        }
        ProvisionPlan plan = inventory.workspace().plan();
        PlanPrinter printer = new PlanPrinter(Optional.ofNullable(baseline));
        String text = switch (output) {
            case "json" -> printer.json(plan);
            case "ansible-vars" -> printer.ansibleVars(plan);
            default -> printer.text(plan);
        };
        spec.commandLine().getOut().print(text);
        return 0;
    }
}
