package io.kafkaops.orchestrator.lease;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who holds a cluster's lease: the same few {@code key=value} lines in the lease file of every host the operation
 * touches. It carries no secret (the command line holds paths, never a vault password).
 *
 * @param run       unique per run of the tool
 * @param holder    user@machine of the control host
 * @param machine   the control host's name: a holder on this machine whose process is gone left the lease behind
 * @param pid       the holder's process id
 * @param pidStart  when that process started (epoch ms, 0 if unknown): a pid reused by another process is not the holder
 * @param command   the command as it was typed
 * @param refreshed the last time the holder said it is alive
 */
public record Lease(String run, String holder, String machine, long pid, long pidStart, String command, Instant since,
                    Instant refreshed) {
    public Lease {
        command = command.replaceAll("[\\r\\n]+", " ");
    }

    public Lease refreshedAt(Instant now) {
        return new Lease(run, holder, machine, pid, pidStart, command, since, now);
    }

    public String format() {
        return "run=" + run + "\nholder=" + holder + "\nmachine=" + machine + "\npid=" + pid + "\npid-start=" + pidStart
                + "\nsince=" + since + "\nrefreshed=" + refreshed + "\ncommand=" + command + "\n";
    }

    /** The lease in a host's file; empty when the text is not one (a file cut short, or written by hand). */
    public static Optional<Lease> parse(String text) {
        Map<String, String> kv = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) kv.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        try {
            return Optional.of(new Lease(required(kv, "run"), kv.getOrDefault("holder", "?"), kv.getOrDefault("machine", "?"),
                    Long.parseLong(kv.getOrDefault("pid", "0")), Long.parseLong(kv.getOrDefault("pid-start", "0")),
                    kv.getOrDefault("command", "?"), Instant.parse(required(kv, "since")), Instant.parse(required(kv, "refreshed"))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** One line for the operator: who, what, since when, and how long ago it last said it is alive. */
    public String describe(Instant now) {
        return "run " + run + " by " + holder + " (pid " + pid + "), `" + command + "`, since " + since + ", last refreshed "
                + Duration.between(refreshed, now).toSeconds() + " s ago";
    }

    private static String required(Map<String, String> kv, String key) {
        String v = kv.get(key);
        if (v == null || v.isEmpty()) throw new IllegalArgumentException("no " + key);
        return v;
    }
}
