package io.kafkaops.orchestrator.roll;

import io.kafkaops.orchestrator.BadInput;
import io.kafkaops.orchestrator.roll.JournalEntry.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
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
    void theJournalIsWrittenForItsOwnerOnly(@TempDir Path home) throws Exception {
        Path journal = home.resolve(".cache/orchestrator/journal/inventory_lab.yml.jsonl");
        RollLog log = new RollLog("binary roll", Map.of(1, "kafka1"), new PrintWriter(new StringWriter()), journal,
                Clock.fixed(T, ZoneOffset.UTC));
        log.journal(Optional.of(1), "stop", Outcome.DONE, "");
        log.journal(Optional.of(1), "start", Outcome.DONE, "");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(journal.getParent()))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(journal))).isEqualTo("rw-------");
        assertThat(RollJournal.parse(journal.toString(), Files.readString(journal)).entries()).hasSize(2);
        // a journal an older version left world-readable is tightened on the next line
        Files.setPosixFilePermissions(journal, PosixFilePermissions.fromString("rw-r--r--"));
        log.journal(Optional.empty(), "G3", Outcome.DONE, "");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(journal))).isEqualTo("rw-------");
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

    @Test
    void theOpenRollOfAPhaseIsWhatFollowsItsLastPassedG3() {
        java.time.Instant t = java.time.Instant.parse("2026-12-02T01:00:00Z");
        RollJournal j = new RollJournal(List.of(
                new JournalEntry(t, "restart", Optional.empty(), "G0", JournalEntry.Outcome.DONE, ""),
                new JournalEntry(t, "restart", Optional.of(1), "stop", JournalEntry.Outcome.DONE, ""),
                new JournalEntry(t, "restart", Optional.of(1), "broker rolled", JournalEntry.Outcome.DONE, ""),
                new JournalEntry(t, "restart", Optional.empty(), "G3", JournalEntry.Outcome.DONE, ""),
                new JournalEntry(t.plusSeconds(60), "restart", Optional.empty(), "G0", JournalEntry.Outcome.DONE, ""),
                new JournalEntry(t.plusSeconds(61), "restart", Optional.of(2), "stop", JournalEntry.Outcome.DONE, ""),
                new JournalEntry(t.plusSeconds(62), "restart", Optional.of(2), "broker rolled", JournalEntry.Outcome.DONE, ""),
                new JournalEntry(t.plusSeconds(63), "restart", Optional.of(3), "stop", JournalEntry.Outcome.STARTED, ""),
                new JournalEntry(t.plusSeconds(64), "phase 2 binary roll", Optional.of(1), "stop", JournalEntry.Outcome.STARTED, ""),
                new JournalEntry(t.plusSeconds(65), "restart", Optional.empty(), "halt", JournalEntry.Outcome.HALTED, "x")));

        RollJournal.OpenRoll open = j.openRoll("restart");
        assertThat(open.g0PassedAt()).contains(t.plusSeconds(60));
        assertThat(open.stoppedByUs()).containsExactly(3);
        assertThat(open.rolled()).containsOnlyKeys(2);
        assertThat(j.openRoll("phase 2 binary roll").stoppedByUs()).containsExactly(1);
        assertThat(j.openRoll("phase 2 binary roll").g0PassedAt()).isEmpty();
        assertThat(j.openRoll("phase 3").begun()).isFalse();
    }

    @Test
    void aBrokerStartedOrPutBackIsNoLongerStoppedByUsAndARefusedG0IsNotAPass() {
        java.time.Instant t = java.time.Instant.parse("2026-12-02T01:00:00Z");
        RollJournal j = new RollJournal(List.of(
                new JournalEntry(t, "restart", Optional.empty(), "G0", JournalEntry.Outcome.DONE, ""),
                new JournalEntry(t, "restart", Optional.of(1), "stop", JournalEntry.Outcome.DONE, ""),
                new JournalEntry(t, "restart", Optional.of(1), "start", JournalEntry.Outcome.DONE, ""),
                new JournalEntry(t, "restart", Optional.of(2), "stop", JournalEntry.Outcome.DONE, ""),
                new JournalEntry(t, "restart", Optional.of(2), "undo", JournalEntry.Outcome.DONE, ""),
                new JournalEntry(t, "restart", Optional.empty(), "G0", JournalEntry.Outcome.HALTED, "under-replicated")));
        assertThat(j.openRoll("restart").stoppedByUs()).isEmpty();
        assertThat(j.openRoll("restart").g0PassedAt()).isEmpty();
    }

    @Test
    void aJournalFileIsReadBackAndNoFileIsAnEmptyJournal(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        assertThat(RollJournal.read(dir.resolve("none.jsonl")).entries()).isEmpty();
        JournalEntry e = new JournalEntry(java.time.Instant.parse("2026-12-02T01:00:00Z"), "restart", Optional.of(2), "stop",
                JournalEntry.Outcome.STARTED, "");
        java.nio.file.Files.writeString(dir.resolve("j.jsonl"), RollJournal.line(e) + "\n");
        assertThat(RollJournal.read(dir.resolve("j.jsonl")).openRoll("restart").stoppedByUs()).containsExactly(2);
        // the same inventory typed two ways has one journal
        assertThat(RollJournal.fileFor(java.nio.file.Path.of("inventory/lab.yml")))
                .isEqualTo(RollJournal.fileFor(java.nio.file.Path.of("inventory/../inventory/lab.yml").toAbsolutePath()));
    }
}
