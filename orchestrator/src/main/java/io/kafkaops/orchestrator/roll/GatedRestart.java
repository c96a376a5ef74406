package io.kafkaops.orchestrator.roll;

import io.kafkaops.orchestrator.BadInput;
import io.kafkaops.orchestrator.Workspace;
import io.kafkaops.orchestrator.gate.ClusterGate;
import io.kafkaops.orchestrator.gate.GateSettings;
import io.kafkaops.orchestrator.gate.GateVerdict;
import io.kafkaops.orchestrator.host.HostReading;
import io.kafkaops.orchestrator.lease.ClusterLease;
import io.kafkaops.orchestrator.lease.Invocation;
import io.kafkaops.orchestrator.lease.LeaseHeld;
import io.kafkaops.orchestrator.ssh.HostKeyPolicy;
import io.kafkaops.orchestrator.version.UpgradePath;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * `orchestrator restart`: G0, then every broker through the engine with nothing changed but what it reads at start.
 * Re-running it after a halt or a kill resumes: the brokers the journal says were restarted are skipped, the one it
 * stopped is started first.
 */
public final class GatedRestart {
    static final String PHASE = "restart";
    /** KRaft: the controllers' part of a restart, before the brokers', journaled on its own so a resume knows where it was. */
    static final String CONTROLLER_PHASE = "restart controllers";

    private GatedRestart() {}

    /** A plain restart per broker; one the unfinished restart in the journal already restarted (and that runs) is done. */
    static Map<Integer, BrokerSwitch> switches(Map<Integer, HostReading> hosts, RollJournal.OpenRoll open) {
        Map<Integer, BrokerSwitch> switches = new LinkedHashMap<>();
        hosts.forEach((id, h) -> switches.put(id, open.rolled().containsKey(id) && h.active() && h.state().isPresent()
                ? new BrokerSwitch("restarted by the earlier run of this restart at " + open.rolled().get(id), h.version().orElseThrow(),
                        h.state(), List.of(), List.of(), "true", List.of(), Optional.empty())
                : BrokerSwitch.restart(h.version().orElse("unknown"))));
        return switches;
    }

    /**
     * KRaft: whether this run rolls the controllers before the brokers. Not when the unfinished restart in the journal
     * already stopped or rolled a broker (its controllers were done), nor when its controllers' part finished after its G0.
     */
    static boolean controllersFirst(RollJournal journal) {
        RollJournal.OpenRoll open = journal.openRoll(PHASE);
        if (open.touched()) return false;
        return open.g0PassedAt().flatMap(g0 -> journal.lastDone(CONTROLLER_PHASE).filter(t -> t.isAfter(g0))).isEmpty();
    }

    /** @param resumeCommand the command as typed, printed on a halt */
    public static int run(Workspace ws, GateSettings settings, HostKeyPolicy hostKeys, String resumeCommand, Invocation invocation,
            PrintWriter out) {
        BrokerFleet fleet;
        try {
            fleet = new BrokerFleet(ws, hostKeys);
        } catch (IOException e) {
            return RollReport.haltedBeforeAnyChange(out, RollJournal.fileFor(ws.inventory().source()), PHASE, e.getMessage(),
                    resumeCommand);
        }
        try (fleet; ClusterLease lease = fleet.lease(invocation)) {
            Map<Integer, HostReading> hosts = fleet.readHosts();
            if (fleet.refusedForIdsNotMatchingTheData(hosts, PHASE, out)) return 1;
            RollJournal journal = RollJournal.read(fleet.journal());
            RollJournal.OpenRoll open = journal.openRoll(PHASE);
            Map<Integer, BrokerSwitch> switches = switches(hosts, open);
            String version = switches.values().iterator().next().expectedVersion();
            if (open.begun()) {
                out.println("[" + PHASE + "] resuming the restart the journal " + fleet.journal() + " shows unfinished: "
                        + open.g0PassedAt().map(t -> "its G0 passed at " + t).orElse("its G0 did not pass or was not recorded, "
                        + "and is not run again (a node it stopped cannot pass it)") + "; G1 guards every node still to restart");
            } else {
                BrokerRoll g0 = new BrokerRoll(fleet.context(settings, resumeCommand, out, Optional.of(lease)), PHASE);
                GateVerdict verdict = g0.beforeRoll(s -> ClusterGate.beforeRoll(s, new UpgradePath.NothingToDo("a restart changes no version"),
                        settings));
                if (!(verdict instanceof GateVerdict.Pass)) {
                    out.println("restart refused at G0: nothing was touched");
                    return 1;
                }
            }
            if (fleet.kraft() && controllersFirst(journal)) {
                RollJournal.OpenRoll controllersOpen = journal.openRoll(CONTROLLER_PHASE);
                ControllerRoll controllers = new ControllerRoll(fleet.controllerContext(settings, resumeCommand, out, Optional.of(lease)),
                        CONTROLLER_PHASE);
                Map<Integer, BrokerSwitch> restarts = new LinkedHashMap<>();
                Map<Integer, HostReading> read = fleet.readControllers();
                if (fleet.refusedForIdsNotMatchingTheData(fleet.controllerNames, read, PHASE, out)) return 1;
                read.forEach((id, h) -> restarts.put(id, BrokerSwitch.restart(h.version().orElse("unknown"))));
                if (controllers.roll(restarts, controllersOpen.rolled().keySet(), controllersOpen.stoppedByUs()).isPresent()) return 1;
            }
            // a new engine for the brokers: G0's samples (from before the controllers rolled) do not count for their first G1
            BrokerRoll engine = new BrokerRoll(fleet.context(settings, resumeCommand, out, Optional.of(lease)), PHASE);
            return RollReport.print(out, engine.roll(switches, version)) ? 0 : 1;
        } catch (BadInput | LeaseHeld e) {
            throw e;
        } catch (Exception e) {
            // a host or the Admin API that failed outside the roll (the engine halts its own): the same halt, not a trace
            return RollReport.haltedBeforeAnyChange(out, fleet.journal(), PHASE, e.getMessage(), resumeCommand);
        }
    }
}
