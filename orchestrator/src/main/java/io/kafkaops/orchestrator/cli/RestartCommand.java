package io.kafkaops.orchestrator.cli;

import io.kafkaops.orchestrator.Workspace;
import io.kafkaops.orchestrator.cluster.ClusterRules;
import io.kafkaops.orchestrator.gate.GateSettings;
import io.kafkaops.orchestrator.roll.GatedRestart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "restart", mixinStandardHelpOptions = true,
        description = "Gated rolling restart of every broker: G0, then per broker (active controller last) G1 -> "
                + "controlled stop -> start -> G2; "
                + "G3 at the end. Halts on any failed gate.")
public final class RestartCommand implements Callable<Integer> {
    @Mixin InventoryOptions inventory;
    @Mixin GateOptions gates;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        GateSettings settings = gates.settings();
        Workspace ws = inventory.workspace();
        // refused before any connection: what plan refuses (two brokers with one id would restart as one)
        ClusterRules.require(ws.cluster())
                .forEach(w -> spec.commandLine().getOut().println("warning: " + w.message() + "\n  fix: " + w.fix()));
        return GatedRestart.run(ws, settings, gates.hostKeys(), AsTyped.command(spec, java.util.Set.of(), java.util.Set.of()),
                AsTyped.invocation(spec, inventory), spec.commandLine().getOut());
    }
}
