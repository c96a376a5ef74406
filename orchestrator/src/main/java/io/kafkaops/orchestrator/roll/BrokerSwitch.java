package io.kafkaops.orchestrator.roll;

import io.kafkaops.orchestrator.host.FileWrite;
import io.kafkaops.orchestrator.host.HostReading;
import io.kafkaops.orchestrator.host.HostState;
import io.kafkaops.orchestrator.install.InstallLayout;
import io.kafkaops.orchestrator.version.ClusterMode;

import java.util.List;
import java.util.Optional;

import static io.kafkaops.orchestrator.ssh.Shell.quote;

/**
 * What a roll does to one broker, as data: files written before it stops (where the running broker does not read
 * them), files written while it is stopped, the shell command that completes the switch (run in the start's round
 * trip), and how to put it back when it cannot start. A plain restart changes nothing.
 *
 * @param describe        "switch /usr/local/kafka to Kafka 2.6.3, pins {...}" - printed per broker
 * @param expectedVersion the version the broker must announce once started (G2, G3)
 * @param wanted          what the host reads like once switched; a resumed roll skips a broker already so. Empty: never done
 * @param wantedMode      a migration step: the metadata mode its config must say too (the version and pins do not change)
 */
public record BrokerSwitch(String describe, String expectedVersion, Optional<HostState> wanted, List<FileWrite> beforeStop,
                           List<FileWrite> whileStopped, String switchCommand, List<FileWrite> undoWrites, Optional<String> undoCommand,
                           Optional<ClusterMode> wantedMode) {
    public BrokerSwitch {
        beforeStop = List.copyOf(beforeStop);
        whileStopped = List.copyOf(whileStopped);
        undoWrites = List.copyOf(undoWrites);
    }

    public BrokerSwitch(String describe, String expectedVersion, Optional<HostState> wanted, List<FileWrite> beforeStop,
                        List<FileWrite> whileStopped, String switchCommand, List<FileWrite> undoWrites, Optional<String> undoCommand) {
        this(describe, expectedVersion, wanted, beforeStop, whileStopped, switchCommand, undoWrites, undoCommand, Optional.empty());
    }

    /**
     * A migration step (KIP-866): one properties file (server.properties of a broker, controller.properties of a controller)
     * staged beside the live one, renamed over it while the node is stopped, the node's own file put back if it cannot start.
     * Done once the host's config says the mode.
     */
    public static BrokerSwitch newMode(ClusterMode mode, String file, HostReading now, String next, String owner, String fileMode,
                                       String liveContent) {
        String live = InstallLayout.kafkaConfig(file);
        String version = now.version().orElseThrow();
        return new BrokerSwitch("config to " + mode.words() + " (" + file + ")", version, now.state(),
                List.of(new FileWrite(live + NEXT, next, owner, fileMode)), List.of(), "mv -f " + quote(live + NEXT) + " " + quote(live),
                List.of(new FileWrite(live, liveContent, owner, fileMode)), Optional.empty(), Optional.of(mode));
    }

    /** Staged beside the live server.properties, renamed over it while the broker is stopped. */
    public static final String NEXT = ".orchestrator-next";

    /**
     * A switch that changes only server.properties (new pins, a stage of a security switch): the new file is staged beside the
     * live one before the stop and renamed over it while the broker is down; the broker's own file is put back if it cannot
     * start (owned and moded as written).
     */
    public static BrokerSwitch newServerProperties(String describe, String expectedVersion, Optional<HostState> wanted, String next,
                                                   String owner, String mode, Optional<String> liveProperties,
                                                   Optional<String> undoCommand) {
        String live = InstallLayout.kafkaConfig("server.properties");
        List<FileWrite> before = List.of(new FileWrite(live + NEXT, next, owner, mode));
        List<FileWrite> undo = liveProperties.map(p -> List.of(new FileWrite(live, p, owner, mode))).orElse(List.of());
        return new BrokerSwitch(describe, expectedVersion, wanted, before, List.of(), "mv -f " + quote(live + NEXT) + " " + quote(live), undo,
                undoCommand);
    }

    /** A broker that already runs as wanted; restarting it changes nothing, so "done" never holds. */
    public static BrokerSwitch restart(String runningVersion) {
        return new BrokerSwitch("restart, nothing changed", runningVersion, Optional.empty(), List.of(), List.of(), "true", List.of(),
                Optional.empty());
    }

    /** True when the host already is as this switch wants it. */
    public boolean doneOn(HostReading host) {
        return wanted.isPresent() && host.state().equals(wanted)
                && wantedMode.map(m -> host.metadataMode().equals(Optional.of(m))).orElse(true);
    }
}
