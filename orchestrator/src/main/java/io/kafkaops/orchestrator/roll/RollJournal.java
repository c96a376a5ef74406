package io.kafkaops.orchestrator.roll;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kafkaops.orchestrator.BadInput;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.Optional;

/**
 * The roll journal as JSON lines, one {@link JournalEntry} per line:
 * {"at":"2026-11-25T20:11:17Z","phase":"binary roll","broker":2,"step":"stop","outcome":"done","detail":""}.
 * Pure text in, text out; the caller appends lines to the file.
 */
public record RollJournal(List<JournalEntry> entries) {
    // never reconfigured after construction, so sharing it is safe
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The journal of an inventory under ~/.cache/orchestrator/journal: an audit log, and what a resume reads back to know
     * which brokers this tool stopped and whether G0 passed. Named by the inventory's absolute path, so the same inventory
     * typed two ways has one journal.
     */
    public static Path fileFor(Path inventorySource) {
        String stem = inventorySource.toAbsolutePath().normalize().toString().replaceAll("[^A-Za-z0-9._-]+", "_")
                .replaceAll("^_+", "");
        return Path.of(System.getProperty("user.home"), ".cache", "orchestrator", "journal", stem + ".jsonl");
    }

    public RollJournal {
        entries = List.copyOf(entries);
    }

    /**
     * What the journal says of the last unfinished roll of a phase (the entries after its last G3 that passed).
     *
     * @param g0PassedAt   when its G0 passed, if the last G0 of it did
     * @param stoppedByUs  brokers this tool stopped in it and did not start again
     * @param rolled       brokers it rolled through G2
     */
    public record OpenRoll(Optional<Instant> g0PassedAt, Set<Integer> stoppedByUs, Map<Integer, Instant> rolled) {
        public boolean begun() { return g0PassedAt.isPresent() || touched(); }

        /** Some node was stopped or rolled in it (its G0 alone touched nothing). */
        public boolean touched() { return !stoppedByUs.isEmpty() || !rolled.isEmpty(); }
    }

    /** When a phase last finished (its G3 done), if it ever did. */
    public Optional<Instant> lastDone(String phase) {
        return entries.stream().filter(e -> e.phase().equals(phase) && e.broker().isEmpty() && e.step().equals("G3")
                && e.outcome() == JournalEntry.Outcome.DONE).map(JournalEntry::at).reduce((a, b) -> b);
    }

    public OpenRoll openRoll(String phase) {
        List<JournalEntry> open = new ArrayList<>();
        for (JournalEntry e : entries) {
            if (!e.phase().equals(phase)) continue;
            if (e.broker().isEmpty() && e.step().equals("G3") && e.outcome() == JournalEntry.Outcome.DONE) open.clear();
            else open.add(e);
        }
        Optional<Instant> g0 = Optional.empty();
        Set<Integer> stopped = new TreeSet<>();
        Map<Integer, Instant> rolled = new TreeMap<>();
        for (JournalEntry e : open) {
            if (e.broker().isEmpty() && e.step().equals("G0")) {
                g0 = e.outcome() == JournalEntry.Outcome.DONE ? Optional.of(e.at()) : Optional.empty();
                continue;
            }
            if (e.broker().isEmpty()) continue;
            int b = e.broker().get();
            switch (e.step()) {
                case "stop" -> stopped.add(b);
                case "start", "undo" -> stopped.remove(b);
                case "broker rolled", "controller rolled" -> {
                    stopped.remove(b);
                    rolled.put(b, e.at());
                }
                default -> { }
            }
        }
        return new OpenRoll(g0, stopped, rolled);
    }

    /** The journal in a file; none yet is an empty one. */
    public static RollJournal read(Path file) {
        try {
            return Files.exists(file) ? parse(file.toString(), Files.readString(file)) : new RollJournal(List.of());
        } catch (java.io.IOException e) {
            throw new BadInput(file, null, "the roll journal cannot be read: " + e.getMessage(),
                    "make it readable, or move it aside (a resume then runs G0 again and starts no broker it cannot tell it stopped)");
        }
    }

    /** Appends one line to the journal file, kept to its owner: the folder 0700, the file 0600 (older ones are tightened). */
    public static void append(Path file, String line) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir.getParent());
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException e) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    public RollJournal append(JournalEntry entry) {
        List<JournalEntry> more = new ArrayList<>(entries);
        more.add(entry);
        return new RollJournal(more);
    }

    public String toJsonLines() {
        StringBuilder sb = new StringBuilder();
        entries.forEach(e -> sb.append(line(e)).append('\n'));
        return sb.toString();
    }

    /** One entry as one line, without the newline. */
    public static String line(JournalEntry e) {
        ObjectNode node = JSON.createObjectNode();
        node.put("at", e.at().toString());
        node.put("phase", e.phase());
        e.broker().ifPresent(b -> node.put("broker", b));
        node.put("step", e.step());
        node.put("outcome", e.outcome().name().toLowerCase(Locale.ROOT));
        node.put("detail", e.detail());
        return node.toString();
    }

    /**
     * Reads a journal. A last line without its newline was cut off by a killed process and is
     * dropped; any other bad line is a {@link BadInput} naming its line number.
     */
    public static RollJournal parse(String source, String text) {
        List<JournalEntry> entries = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i].strip();
            if (raw.isEmpty()) continue;
            boolean cutOff = i == lines.length - 1;
            try {
                entries.add(entry(JSON.readTree(raw)));
            } catch (JsonProcessingException | IllegalArgumentException | DateTimeParseException e) {
                if (cutOff) break;
                throw new BadInput(source, i + 1, "not a roll journal entry: " + e.getMessage().lines().findFirst().orElse(""),
                        "move the file aside and run again: a resume then runs G0 again and starts no broker it cannot tell it stopped");
            }
        }
        return new RollJournal(entries);
    }

    private static JournalEntry entry(JsonNode n) {
        Optional<Integer> broker = n.hasNonNull("broker") ? Optional.of(n.get("broker").asInt()) : Optional.empty();
        return new JournalEntry(Instant.parse(required(n, "at")), required(n, "phase"), broker, required(n, "step"),
                JournalEntry.Outcome.valueOf(required(n, "outcome").toUpperCase(Locale.ROOT)),
                n.hasNonNull("detail") ? n.get("detail").asText() : "");
    }

    private static String required(JsonNode n, String field) {
        if (n == null || !n.isObject() || !n.hasNonNull(field)) throw new IllegalArgumentException("missing field '" + field + "'");
        return n.get(field).asText();
    }
}
