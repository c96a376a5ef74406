package io.kafkaops.orchestrator.roll;

import io.kafkaops.orchestrator.Workspace;
import io.kafkaops.orchestrator.gate.ClusterGate;
import io.kafkaops.orchestrator.gate.GateSettings;
import io.kafkaops.orchestrator.gate.GateVerdict;
import io.kafkaops.orchestrator.host.HostReading;
import io.kafkaops.orchestrator.ssh.HostKeyPolicy;
import io.kafkaops.orchestrator.version.UpgradePath;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/** `orchestrator restart`: G0, then every broker through the engine with nothing changed but what it reads at start. */
public final class GatedRestart {
    private GatedRestart() {}

    /** @param resumeCommand the command as typed, printed on a halt */
    public static int run(Workspace ws, GateSettings settings, HostKeyPolicy hostKeys, String resumeCommand,
            PrintWriter out) throws Exception {
        try (BrokerFleet fleet = new BrokerFleet(ws, hostKeys)) {
            Map<Integer, HostReading> hosts = fleet.readHosts();
            Map<Integer, BrokerSwitch> switches = new LinkedHashMap<>();
            hosts.forEach((id, h) -> switches.put(id, BrokerSwitch.restart(h.version().orElse("unknown"))));
            String version = switches.values().iterator().next().expectedVersion();
            BrokerRoll engine = new BrokerRoll(fleet.context(settings, resumeCommand, out), "restart");
            GateVerdict g0 = engine.beforeRoll(s -> ClusterGate.beforeRoll(s, new UpgradePath.NothingToDo("a restart changes no version"),
                    settings));
            if (!(g0 instanceof GateVerdict.Pass)) {
                out.println("restart refused at G0: nothing was touched");
                return 1;
            }
            return RollReport.print(out, engine.roll(switches, version)) ? 0 : 1;
        }
    }
}
