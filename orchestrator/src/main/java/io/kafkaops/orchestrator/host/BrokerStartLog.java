package io.kafkaops.orchestrator.host;

import io.kafkaops.orchestrator.gate.LogRecovery;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the running broker itself wrote since its unit last started (the unit's journal, which the
 * broker's stdout log appender feeds): the version it announced and how far its log loading came.
 * This is the broker's word, next to the host's (symlink); G2 wants both to agree.
 *
 * @param lines         log lines of this start seen at all (0: the broker does not log to stdout, nothing to judge)
 * @param version       "Kafka version: 2.6.3" (2.1 writes "Kafka version : 2.1.1")
 * @param loadingStarts "Loading logs" lines: log loading began
 * @param logsLoaded    "Completed load of log" lines so far: rises while recovery makes progress
 * @param loadingDone   "Logs loading complete" (2.1), "Loaded N logs" (2.6+), or the broker's "started" line
 */
public record BrokerStartLog(long lines, Optional<String> version, long loadingStarts, long logsLoaded, boolean loadingDone) {

    public static final BrokerStartLog NOTHING = new BrokerStartLog(0, Optional.empty(), 0, 0, false);

    private static final Pattern VERSION = Pattern.compile("Kafka version ?: ?([0-9][0-9A-Za-z.\\-]*)");

    /** Present while the broker is loading (recovering) its logs; the count lets the gate see progress. */
    public Optional<LogRecovery> recovery() {
        return loadingStarts > 0 && !loadingDone ? Optional.of(LogRecovery.loaded(logsLoaded)) : Optional.empty();
    }

    /**
     * The shell lines that {@link #parse} reads: one awk pass over this start's journal, capped so a
     * broker that has run for months is not read whole (start-up comes first).
     */
    public static String command(String unit) {
        return "journalctl -u " + unit + " _SYSTEMD_INVOCATION_ID=$(systemctl show -p InvocationID --value " + unit + ")"
                + " -o cat --no-pager 2>/dev/null | head -n 200000 | awk '"
                + "/Kafka version ?:/ && v == \"\" {v = $0} "
                + "/Loading logs/ {l++} "
                + "/Completed load of log/ {c++} "
                + "/Logs loading complete|Loaded [0-9]+ logs|\\] started \\(kafka\\.server\\./ {d++} "
                + "{n++} "
                + "END {print \"startlog.lines=\" n+0; print \"startlog.version=\" v; print \"startlog.loading=\" l+0; "
                + "print \"startlog.loaded=\" c+0; print \"startlog.done=\" d+0}'";
    }

    /** Reads the {@code startlog.*} lines of {@link #command}; other lines are ignored. */
    public static BrokerStartLog parse(String text) {
        long lines = 0, loading = 0, loaded = 0, done = 0;
        Optional<String> version = Optional.empty();
        for (String line : text.split("\n")) {
            line = line.strip();
            if (!line.startsWith("startlog.")) continue;
            int eq = line.indexOf('=');
            if (eq < 0) continue;
            String key = line.substring("startlog.".length(), eq);
            String value = line.substring(eq + 1);
            switch (key) {
                case "lines" -> lines = number(value);
                case "loading" -> loading = number(value);
                case "loaded" -> loaded = number(value);
                case "done" -> done = number(value);
                case "version" -> {
                    Matcher m = VERSION.matcher(value);
                    if (m.find()) version = Optional.of(m.group(1));
                }
                default -> { }
            }
        }
        return new BrokerStartLog(lines, version, loading, loaded, done > 0);
    }

    private static long number(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
