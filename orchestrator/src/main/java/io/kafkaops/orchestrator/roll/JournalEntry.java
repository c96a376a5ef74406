package io.kafkaops.orchestrator.roll;

import java.time.Instant;
import java.util.Optional;

/**
 * One line of the roll journal: what was done, to which broker, with what outcome. A resume reads the hosts for what
 * they run, and the journal for what only it can tell: which brokers this tool stopped, and whether G0 passed.
 *
 * @param phase  the plan's phase title, e.g. "binary roll"
 * @param broker empty for cluster-wide steps (G0, stage, G3)
 * @param step   e.g. "G1", "stop", "switch binaries", "start", "G2"
 */
public record JournalEntry(Instant at, String phase, Optional<Integer> broker, String step, Outcome outcome, String detail) {

    public enum Outcome { STARTED, DONE, WAITED, FAILED, HALTED }

    public JournalEntry {
        detail = detail == null ? "" : detail;
    }
}
