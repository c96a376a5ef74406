package io.kafkaops.orchestrator.roll;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a roll tells: lines for the operator ("[phase] [host] ...") and entries appended to the journal. */
final class RollLog {
    private final String phase;
    private final Map<Integer, String> hostNames;
    private final PrintWriter out;
    private final Path journal;
    private final Clock clock;

    /** What the rolled nodes are called in the output: "broker", or "controller" (KRaft). */
    private final String noun;

    RollLog(String phase, Map<Integer, String> hostNames, PrintWriter out, Path journal, Clock clock) {
        this(phase, "broker", hostNames, out, journal, clock);
    }

    RollLog(String phase, String noun, Map<Integer, String> hostNames, PrintWriter out, Path journal, Clock clock) {
        this.noun = noun;
        this.phase = phase;
        this.hostNames = hostNames;
        this.out = out;
        this.journal = journal;
        this.clock = clock;
    }

    String label(int b) { return noun + " " + b + " (" + hostNames.get(b) + ")"; }

    void say(int b, String text) { say(Optional.of(b), text); }

    void say(Optional<Integer> b, String text) {
        synchronized (out) {
            out.println("[" + phase + "] " + b.map(id -> "[" + hostNames.get(id) + "] ").orElse("") + text);
            out.flush();
        }
    }

    /** A line without the phase prefix (the halt report). */
    void plain(String text) {
        synchronized (out) {
            out.println(text);
            out.flush();
        }
    }

    void journal(Optional<Integer> broker, String step, JournalEntry.Outcome outcome, String detail) {
        String line = RollJournal.line(new JournalEntry(clock.instant(), phase, broker, step, outcome, detail));
        try {
            RollJournal.append(journal, line);
        } catch (IOException e) {
            plain("warning: could not append to the journal " + journal + ": " + e.getMessage());
        }
    }

    /** The first reasons and a count: fifty under-replicated partitions are one line, not fifty. */
    static String brief(String reasons) {
        List<String> r = Arrays.stream(reasons.split("; (?=partition )")).toList();
        return r.size() <= 3 ? String.join("; ", r) : String.join("; ", r.subList(0, 3)) + "; and " + (r.size() - 3) + " more like it";
    }
}
