package io.kafkaops.orchestrator.upgrade;

import io.kafkaops.orchestrator.host.FileWrite;
import io.kafkaops.orchestrator.host.HostCommands;
import io.kafkaops.orchestrator.host.HostReading;
import io.kafkaops.orchestrator.host.HostState;
import io.kafkaops.orchestrator.install.InstallLayout;
import io.kafkaops.orchestrator.roll.BrokerFleet.RenderedFile;
import io.kafkaops.orchestrator.roll.BrokerSwitch;
import io.kafkaops.orchestrator.version.Phase;

import java.util.List;
import java.util.Optional;

import static io.kafkaops.orchestrator.ssh.Shell.quote;

/**
 * One rolling phase's switch for one broker, computed from what its host holds now and the files the plan rendered:
 * new binaries (configs into the new directory, then the link) and/or new pins (server.properties staged beside the
 * live one, renamed over it while the broker is stopped). Pure: the same inputs give the same switch.
 */
public final class PhaseChange {
    private PhaseChange() {}

    /**
     * @param now            the broker's host as read when the phase begins
     * @param liveProperties the server.properties it runs with (read for a phase that only changes pins: undo writes it back)
     * @param rendered       the config files of this phase, relative to the install directory
     * @param installDir     the directory of the phase's binaries, for a phase that changes them
     */
    public static BrokerSwitch of(Phase phase, HostReading now, Optional<String> liveProperties, List<RenderedFile> rendered,
                                  Optional<String> installDir) {
        String describe = phase.binaries().map(v -> "switch " + InstallLayout.KAFKA_HOME + " to Kafka " + v + ", ").orElse("")
                + (phase.pinsAfter().isEmpty() ? "no protocol pins" : "pins " + phase.pinsAfter());
        String expected = phase.binaries().orElseGet(() -> now.version().orElseThrow());
        Optional<HostState> wanted = Optional.of(new HostState(expected, phase.pinsAfter()));
        String previousLink = now.link().orElse("");
        // putting the link back is a full rollback: the old directory keeps its own configs
        Optional<String> relink = previousLink.isBlank() ? Optional.empty() : Optional.of(HostCommands.linkCommand(previousLink,
                InstallLayout.KAFKA_HOME));
        if (phase.binaries().isEmpty()) {
            RenderedFile next = rendered.stream().filter(f -> f.relativePath().equals("config/server.properties")).findFirst()
                    .orElseThrow();
            // put back as the host's service user owns it (kafka_user), as it was written
            return BrokerSwitch.newServerProperties(describe, expected, wanted, next.content(), next.owner(), next.writeMode(), liveProperties,
                    relink);
        }
        String dir = installDir.orElseThrow();
        List<FileWrite> configs = rendered.stream().map(f -> new FileWrite(dir + "/" + f.relativePath(), f.content(), f.owner(),
                f.writeMode()))
                .toList();
        // configs go into the new directory, which nothing runs from yet; a broker already linked to it gets them while it is down
        boolean runsFromIt = previousLink.equals(dir);
        return new BrokerSwitch(describe, expected, wanted, runsFromIt ? List.of() : configs, runsFromIt ? configs : List.of(),
                HostCommands.linkCommand(dir, InstallLayout.KAFKA_HOME), List.of(), relink);
    }
}
