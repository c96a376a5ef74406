package io.kafkaops.orchestrator.cli;

import io.kafkaops.orchestrator.roll.BrokerFleet;

import io.kafkaops.orchestrator.gate.ClusterGate;
import io.kafkaops.orchestrator.gate.GateSettings;
import io.kafkaops.orchestrator.gate.GateVerdict;
import io.kafkaops.orchestrator.kafka.SnapshotCollector.HostReading;
import io.kafkaops.orchestrator.roll.BrokerRoll;
import io.kafkaops.orchestrator.version.UpgradePath;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "restart", mixinStandardHelpOptions = true,
        description = "Gated rolling restart of every broker: G0, then per broker (active controller last) G1 -> controlled stop -> start -> G2; G3 at the end. Halts on any failed gate.")
public final class RestartCommand implements Callable<Integer> {
    @Mixin InventoryOptions inventory;
    @Mixin GateOptions gates;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        GateSettings settings = gates.settings();
        try (BrokerFleet targets = new BrokerFleet(inventory.workspace(), gates.hostKeys())) {
            Map<Integer, HostReading> hosts = targets.readHosts();
            Map<Integer, String> running = new LinkedHashMap<>();
            hosts.forEach((id, h) -> running.put(id, h.version().orElse("unknown")));
            String version = running.values().iterator().next();
            BrokerRoll engine = new BrokerRoll(targets.context(settings, "orchestrator restart " + inventory.inventory + gates.asArguments(), out),
                    "restart");
            GateVerdict g0 = engine.beforeRoll(s -> ClusterGate.beforeRoll(s, new UpgradePath.NothingToDo("a restart changes no version"), settings));
            if (!(g0 instanceof GateVerdict.Pass)) {
                out.println("restart refused at G0: nothing was touched");
                return 1;
            }
            BrokerRoll.Outcome outcome = engine.roll(BrokerRoll.restartOnly(running), version);
            return RollReport.print(out, outcome) ? 0 : 1;
        }
    }
}
