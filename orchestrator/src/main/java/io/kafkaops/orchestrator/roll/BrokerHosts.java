package io.kafkaops.orchestrator.roll;

import io.kafkaops.orchestrator.host.FileWrite;
import io.kafkaops.orchestrator.host.HostCommands;
import io.kafkaops.orchestrator.host.HostReading;
import io.kafkaops.orchestrator.install.InstallLayout;
import io.kafkaops.orchestrator.ssh.CommandResult;
import io.kafkaops.orchestrator.ssh.RemoteHost;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/** What the engine does on a broker's host: read it, stop it (never a kill), switch and start it, put it back. */
final class BrokerHosts {
    private final Map<Integer, RemoteHost> hosts;
    private final RolledCluster cluster;
    private final IntFunction<String> label;

    BrokerHosts(Map<Integer, RemoteHost> hosts, RolledCluster cluster, IntFunction<String> label) {
        this.hosts = hosts;
        this.cluster = cluster;
        this.label = label;
    }

    /** Reads the host's symlink, unit state and pins, and hands them to the cluster view. */
    HostReading read(int b) {
        try {
            HostReading h = HostReading.read(hosts.get(b));
            cluster.hostRead(b, h);
            return h;
        } catch (IOException e) {
            throw new UncheckedIOException("reading the facts of " + label.apply(b) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Controlled shutdown, waited for on the host itself in one round trip: the stop ends when the unit is inactive, not at
     * the next poll from here. Never a kill: past the timeout the roll halts and the broker goes on.
     *
     * @return why the roll must halt, if the stop did not finish in time
     */
    Optional<String> stop(int b, Duration timeout) throws IOException {
        CommandResult r = hosts.get(b).run(HostCommands.controlledStop(InstallLayout.KAFKA_UNIT, timeout));
        if (r.ok()) return Optional.empty();
        if (r.exitStatus() == HostCommands.STOP_TIMED_OUT) {
            return Optional.of(label.apply(b) + " did not finish its controlled shutdown within " + timeout.toSeconds()
                    + " s; it was NOT killed: read its server.log, let it finish, then resume");
        }
        throw new IOException("systemctl stop " + InstallLayout.KAFKA_UNIT + " exited " + r.exitStatus() + ": " + r.stderr().strip());
    }

    /** The switch and the start in one round trip; {@code alreadySwitched} starts only. */
    void switchAndStart(int b, BrokerSwitch change, boolean alreadySwitched) throws IOException {
        String switchCommand = "true";
        if (!alreadySwitched) {
            write(b, change.whileStopped());
            switchCommand = change.switchCommand();
        }
        run(b, HostCommands.switchAndStart(switchCommand, InstallLayout.KAFKA_UNIT));
    }

    /** A broker that could not start on its switch is stopped, put back as it was, and started again. */
    void putBack(int b, BrokerSwitch change) throws IOException {
        run(b, HostCommands.stopFailed(InstallLayout.KAFKA_UNIT));
        write(b, change.undoWrites());
        if (change.undoCommand().isPresent()) run(b, change.undoCommand().get());
        run(b, HostCommands.start(InstallLayout.KAFKA_UNIT));
        read(b);
    }

    /** systemd's view of the unit ("active 0"), or empty when the host did not answer. */
    Optional<String> unitState(int b) {
        try {
            return Optional.of(hosts.get(b).runAsUser(HostCommands.unitState(InstallLayout.KAFKA_UNIT)).stdout().strip().replace('\n', ' '));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    Void write(int b, List<FileWrite> files) throws IOException {
        for (FileWrite f : files) f.to(hosts.get(b));
        return null;
    }

    private void run(int b, String command) throws IOException {
        CommandResult r = hosts.get(b).run(command);
        if (!r.ok()) throw new IOException(command + " exited " + r.exitStatus() + ": " + r.stderr().strip());
    }
}
