package io.kafkaops.orchestrator.roll;

import io.kafkaops.orchestrator.BadInput;
import io.kafkaops.orchestrator.roll.JournalEntry.Outcome;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RollJournalTest {
    static final Instant T = Instant.parse("2026-11-25T20:11:17Z");

    static RollJournal sample() {
        return new RollJournal(java.util.List.of())
                .append(new JournalEntry(T, "binary roll", Optional.empty(), "G0", Outcome.DONE, ""))
                .append(new JournalEntry(T.plusSeconds(3), "binary roll", Optional.of(2), "stop", Outcome.DONE, "exited after 3.1 s"))
                .append(new JournalEntry(T.plusSeconds(40), "binary roll", Optional.of(2), "G2", Outcome.HALTED,
                        "partition \"orders-3\" has ISR [2] < min.insync.replicas 2"));
    }

    @Test
    void oneJsonObjectPerLine() {
        String text = sample().toJsonLines();
        assertThat(text.lines()).hasSize(3);
        assertThat(text.lines().toList().get(1))
                .isEqualTo("{\"at\":\"2026-11-25T20:11:20Z\",\"phase\":\"binary roll\",\"broker\":2,\"step\":\"stop\",\"outcome\":\"done\",\"detail\":\"exited after 3.1 s\"}");
        assertThat(text.lines().toList().get(0)).doesNotContain("broker");
    }

    @Test
    void roundTrips() {
        RollJournal j = sample();
        assertThat(RollJournal.parse("roll.journal", j.toJsonLines())).isEqualTo(j);
    }

    @Test
    void aLastLineCutOffByAKillIsDropped() {
        String text = sample().toJsonLines() + "{\"at\":\"2026-11-25T20:12:30Z\",\"pha";
        assertThat(RollJournal.parse("roll.journal", text).entries()).hasSize(3);
    }

    @Test
    void aBrokenLineInTheMiddleNamesItsLine() {
        String text = "{\"at\":\"2026-11-25T20:11:17Z\",\"phase\":\"stage\",\"step\":\"unpack\",\"outcome\":\"finished\"}\n"
                + sample().toJsonLines();
        assertThatThrownBy(() -> RollJournal.parse("roll.journal", text)).isInstanceOf(BadInput.class)
                .hasMessageContaining("roll.journal:1: not a roll journal entry");
    }
}
