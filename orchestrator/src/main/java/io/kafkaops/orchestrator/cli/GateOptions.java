package io.kafkaops.orchestrator.cli;

import io.kafkaops.orchestrator.BadInput;
import io.kafkaops.orchestrator.gate.GateSettings;
import io.kafkaops.orchestrator.ssh.HostKeyPolicy;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The gate timeouts and allowances every rolling command takes; the defaults are {@link GateSettings#defaults()}'s. */
public final class GateOptions {
    private static final GateSettings DEFAULTS = GateSettings.defaults();
    /** Longer than any roll step should take; a larger value is a typo (milliseconds, minutes) more often than a wish. */
    static final long MAX_SECONDS = Duration.ofDays(1).toSeconds();
    /** Kafka's own rule (Topic.validate): 1-249 of ASCII letters, digits, '.', '_', '-', and not "." or "..". */
    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

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

    /** The settings, once every number is a sane duration and every topic a Kafka topic name; else BadInput (before any connection). */
    GateSettings settings() {
        Duration isr = seconds("--isr-stall-timeout", isrStall, DEFAULTS.isrStallTimeout(), "");
        Duration reg = seconds("--registration-deadline", registration, DEFAULTS.registrationDeadline(), "");
        Duration wait = seconds("--wait-limit", waitLimit, DEFAULTS.waitLimit(), "");
        // the stop runs under timeout(1), for which 0 means no limit at all: a stop that never ends
        Duration stop = seconds("--stop-timeout", stopTimeout, DEFAULTS.stopTimeout(), stopTimeout == 0 ? " (0 would mean no limit)" : "");
        for (String topic : allowAtRisk) {
            if (!TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
                throw new BadInput("--allow-at-risk '" + topic + "' is not a Kafka topic name",
                        "give the topic's name: 1 to 249 of letters, digits, '.', '_' and '-' (one topic per --allow-at-risk)");
            }
        }
        return new GateSettings(DEFAULTS.sampleSpacing(), isr, reg, DEFAULTS.recoveryStallTimeout(), DEFAULTS.maxVoterLag(), wait, stop,
                Set.copyOf(allowAtRisk), DEFAULTS.voterCatchUp());
    }

    private static Duration seconds(String option, long value, Duration byDefault, String why) {
        if (value < 1 || value > MAX_SECONDS) {
            throw new BadInput(option + " " + value + " is not a number of seconds from 1 to " + MAX_SECONDS + why,
                    "give " + option + " from 1 to " + MAX_SECONDS + " (the default is " + byDefault.toSeconds() + ")");
        }
        return Duration.ofSeconds(value);
    }

    HostKeyPolicy hostKeys() { return hostKeys.policy(); }

}
