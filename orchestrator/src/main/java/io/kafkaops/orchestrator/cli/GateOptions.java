package io.kafkaops.orchestrator.cli;

import io.kafkaops.orchestrator.gate.GateSettings;
import io.kafkaops.orchestrator.ssh.HostKeyPolicy;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The gate timeouts and allowances every rolling command takes (defaults from health-gates.md). */
public final class GateOptions {
    @Option(names = "--wait-limit", paramLabel = "SECONDS", defaultValue = "600",
            description = "how long one gate may keep waiting before the roll halts (default ${DEFAULT-VALUE})")
    long waitLimit;

    @Option(names = "--stop-timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "how long a controlled shutdown may take; after it the roll halts, never kills (default ${DEFAULT-VALUE})")
    long stopTimeout;

    @Option(names = "--isr-stall-timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "G2 fails once the ISRs made no progress for this long (default ${DEFAULT-VALUE})")
    long isrStall;

    @Option(names = "--registration-deadline", paramLabel = "SECONDS", defaultValue = "300",
            description = "time a started broker gets to register, extended while its log recovery progresses (default ${DEFAULT-VALUE})")
    long registration;

    @Option(names = "--allow-at-risk", paramLabel = "TOPIC", description = "accept that this RF 1 / RF <= min ISR topic goes offline or blocks during the roll (repeatable)")
    List<String> allowAtRisk = new ArrayList<>();

    @Option(names = "--accept-new-host-keys", description = "add unknown SSH host keys to known_hosts on first contact (a changed key is always refused)")
    boolean acceptNewHostKeys;

    GateSettings settings() {
        GateSettings d = GateSettings.defaults();
        return new GateSettings(d.sampleSpacing(), Duration.ofSeconds(isrStall), Duration.ofSeconds(registration), d.recoveryStallTimeout(),
                d.maxVoterLag(), Duration.ofSeconds(waitLimit), Duration.ofSeconds(stopTimeout), Set.copyOf(allowAtRisk));
    }

    HostKeyPolicy hostKeys() { return acceptNewHostKeys ? HostKeyPolicy.ACCEPT_NEW : HostKeyPolicy.STRICT; }

    /** The options as typed, for the resume command a halt prints. */
    String asArguments() {
        StringBuilder sb = new StringBuilder();
        if (waitLimit != 600) sb.append(" --wait-limit ").append(waitLimit);
        if (stopTimeout != 300) sb.append(" --stop-timeout ").append(stopTimeout);
        if (isrStall != 300) sb.append(" --isr-stall-timeout ").append(isrStall);
        if (registration != 300) sb.append(" --registration-deadline ").append(registration);
        allowAtRisk.forEach(t -> sb.append(" --allow-at-risk ").append(t));
        return sb.toString();
    }
}
