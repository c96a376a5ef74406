package io.kafkaops.orchestrator.cli;

import io.kafkaops.orchestrator.gate.GateSettings;
import io.kafkaops.orchestrator.ssh.HostKeyPolicy;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The gate timeouts and allowances every rolling command takes; the defaults are {@link GateSettings#defaults()}'s. */
public final class GateOptions {
    private static final GateSettings DEFAULTS = GateSettings.defaults();

    @Option(names = "--wait-limit", paramLabel = "SECONDS",
            description = "how long one gate may keep waiting before the roll halts (default ${DEFAULT-VALUE})")
    long waitLimit = DEFAULTS.waitLimit().toSeconds();

    @Option(names = "--stop-timeout", paramLabel = "SECONDS",
            description = "how long a controlled shutdown may take; after it the roll halts, never kills (default ${DEFAULT-VALUE})")
    long stopTimeout = DEFAULTS.stopTimeout().toSeconds();

    @Option(names = "--isr-stall-timeout", paramLabel = "SECONDS",
            description = "G2 fails once the ISRs made no progress for this long (default ${DEFAULT-VALUE})")
    long isrStall = DEFAULTS.isrStallTimeout().toSeconds();

    @Option(names = "--registration-deadline", paramLabel = "SECONDS",
            description = "time a started broker gets to register, extended while its log recovery progresses (default ${DEFAULT-VALUE})")
    long registration = DEFAULTS.registrationDeadline().toSeconds();

    @Option(names = "--allow-at-risk", paramLabel = "TOPIC",
            description = "accept that this RF 1 / RF <= min ISR topic goes offline or blocks during the roll (repeatable)")
    List<String> allowAtRisk = new ArrayList<>();

    @Mixin HostKeyOptions hostKeys;

    GateSettings settings() {
        return new GateSettings(DEFAULTS.sampleSpacing(), Duration.ofSeconds(isrStall), Duration.ofSeconds(registration),
                DEFAULTS.recoveryStallTimeout(),
                DEFAULTS.maxVoterLag(), Duration.ofSeconds(waitLimit), Duration.ofSeconds(stopTimeout), Set.copyOf(allowAtRisk));
    }

    HostKeyPolicy hostKeys() { return hostKeys.policy(); }

    /** The options as typed (those that differ from the defaults), for the resume command a halt prints. */
    String asArguments() {
        StringBuilder sb = new StringBuilder();
        if (waitLimit != DEFAULTS.waitLimit().toSeconds()) sb.append(" --wait-limit ").append(waitLimit);
        if (stopTimeout != DEFAULTS.stopTimeout().toSeconds()) sb.append(" --stop-timeout ").append(stopTimeout);
        if (isrStall != DEFAULTS.isrStallTimeout().toSeconds()) sb.append(" --isr-stall-timeout ").append(isrStall);
        if (registration != DEFAULTS.registrationDeadline().toSeconds()) sb.append(" --registration-deadline ").append(registration);
        allowAtRisk.forEach(t -> sb.append(" --allow-at-risk ").append(t));
        return sb.toString();
    }
}
