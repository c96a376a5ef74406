package io.kafkaops.orchestrator.gate;

import java.time.Duration;
import java.util.Set;

/**
 * Every timeout and allowance the gates use; all configurable, defaults from health-gates.md.
 *
 * @param sampleSpacing        two agreeing samples at least this far apart make a pass
 * @param isrStallTimeout      G2 fails only after the ISRs made no progress for this long
 * @param registrationDeadline G2: time a started broker gets to register...
 * @param recoveryStallTimeout ...extended while its log recovery made progress within this window
 * @param maxVoterLag          KRaft: records a voter may trail the quorum leader and still count as caught up
 * @param waitLimit            how long G1/G2/G3 may keep answering Wait before the roll halts
 * @param stopTimeout          G1.5: how long a controlled shutdown may take; after it the roll halts, never SIGKILLs
 * @param topicsAllowedAtRisk  topics with RF 1 or RF <= min.insync.replicas the operator accepts losing/blocking during a roll
 * @param voterCatchUp         KRaft: how long before the leader's own last caught-up time a voter may have last been caught up
 *                             and still count as caught up (Kafka's controller.quorum.fetch.timeout.ms default, as in
 *                             Strimzi's KafkaQuorumCheck)
 */
public record GateSettings(Duration sampleSpacing, Duration isrStallTimeout, Duration registrationDeadline,
                           Duration recoveryStallTimeout, long maxVoterLag, Duration waitLimit, Duration stopTimeout,
                           Set<String> topicsAllowedAtRisk, Duration voterCatchUp) {

    public GateSettings {
        topicsAllowedAtRisk = Set.copyOf(topicsAllowedAtRisk);
    }

    public static GateSettings defaults() {
        return new GateSettings(Duration.ofSeconds(2), Duration.ofSeconds(300), Duration.ofSeconds(300),
                Duration.ofSeconds(300), 1000, Duration.ofSeconds(600), Duration.ofSeconds(300), Set.of(), Duration.ofMillis(2000));
    }

    public GateSettings allowingAtRisk(String... topics) {
        return new GateSettings(sampleSpacing, isrStallTimeout, registrationDeadline, recoveryStallTimeout, maxVoterLag,
                waitLimit, stopTimeout, Set.of(topics), voterCatchUp);
    }

    public GateSettings withIsrStallTimeout(Duration timeout) {
        return new GateSettings(sampleSpacing, timeout, registrationDeadline, recoveryStallTimeout, maxVoterLag, waitLimit,
                stopTimeout, topicsAllowedAtRisk, voterCatchUp);
    }

    public boolean allowedAtRisk(String topic) { return topicsAllowedAtRisk.contains(topic); }
}
