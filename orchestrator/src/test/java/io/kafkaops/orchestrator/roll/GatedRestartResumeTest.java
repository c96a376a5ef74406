package io.kafkaops.orchestrator.roll;

import io.kafkaops.orchestrator.roll.JournalEntry.Outcome;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Where a KRaft restart resumes, from its journal alone: the controllers' part, or the brokers'. */
class GatedRestartResumeTest {
    final List<JournalEntry> entries = new ArrayList<>();
    long second;

    GatedRestartResumeTest add(String phase, Integer node, String step, Outcome outcome) {
        entries.add(new JournalEntry(Instant.ofEpochSecond(1_767_000_000L + second++), phase, Optional.ofNullable(node), step, outcome, ""));
        return this;
    }

    boolean controllersFirst() { return GatedRestart.controllersFirst(new RollJournal(entries)); }

    static final String R = GatedRestart.PHASE;
    static final String C = GatedRestart.CONTROLLER_PHASE;

    @Test
    void aFreshRestartRollsTheControllersFirst() {
        assertThat(controllersFirst()).isTrue();
        // an earlier restart that finished entirely does not count
        add(R, null, "G0", Outcome.DONE).add(C, null, "G3", Outcome.DONE).add(R, 1, "broker rolled", Outcome.DONE).add(R, null, "G3", Outcome.DONE);
        assertThat(controllersFirst()).isTrue();
    }

    @Test
    void killedWithAControllerDownItResumesWithTheControllers() {
        // G0 passed (written under the restart's phase), one controller rolled, the next one stopped: no broker touched
        add(R, null, "G0", Outcome.DONE).add(C, 9991, "stop", Outcome.DONE).add(C, 9991, "controller rolled", Outcome.DONE)
                .add(C, 9992, "stop", Outcome.STARTED);
        assertThat(controllersFirst()).isTrue();
    }

    @Test
    void controllersDoneAfterItsG0OrABrokerTouchedMeansTheBrokersPartResumes() {
        add(R, null, "G0", Outcome.DONE).add(C, null, "G3", Outcome.DONE);
        assertThat(controllersFirst()).as("controllers finished after this restart's G0").isFalse();
        add(R, 2, "stop", Outcome.DONE);
        assertThat(controllersFirst()).as("a broker was stopped").isFalse();
    }

    @Test
    void aBrokerStoppedInTheOpenRestartAloneMeansTheBrokersPart() {
        add(R, null, "G0", Outcome.DONE).add(R, 2, "stop", Outcome.STARTED);
        assertThat(controllersFirst()).isFalse();
    }

    @Test
    void controllersFinishedInAnEarlierRestartDoNotCountForThisOne() {
        add(C, null, "G3", Outcome.DONE).add(R, null, "G0", Outcome.DONE);
        assertThat(controllersFirst()).isTrue();
    }
}
