package io.kafkaops.orchestrator.roll;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The per-broker timing table and the [bench] line every completed roll ends with. */
public final class RollReport {
    private RollReport() {}

    /**
     * The halt of a run that failed outside a roll (a host unreachable, a host key refused, a host read failed): one message,
     * the journal entry and the command to resume. No broker was stopped by it: the engine's own halts say so per broker.
     *
     * @return the exit code, 1
     */
    public static int haltedBeforeAnyChange(PrintWriter out, java.nio.file.Path journal, String phase, String reason,
            String resumeCommand) {
        RollLog log = new RollLog(phase, java.util.Map.of(), out, journal, java.time.Clock.systemUTC());
        log.say(java.util.Optional.empty(), "HALTED: " + reason);
        log.journal(java.util.Optional.empty(), "halt", JournalEntry.Outcome.HALTED, reason);
        log.plain("  every host was left as it is. After fixing the cause, resume with:");
        log.plain("    " + resumeCommand);
        return 1;
    }

    /** @return true when the roll completed */
    public static boolean print(PrintWriter out, BrokerRoll.Outcome outcome) {
        lines(outcome).forEach(out::println);
        out.flush();
        return outcome instanceof BrokerRoll.Outcome.Completed;
    }

    public static List<String> lines(BrokerRoll.Outcome outcome) {
        List<String> out = new ArrayList<>();
        if (!outcome.timings().isEmpty()) out.add(String.format("%-8s %-14s %8s %8s %16s %8s %8s", "BROKER", "HOST", "G1 wait", "stop",
                "start->caught up", "G2", "total"));
        for (BrokerRoll.BrokerTiming t : outcome.timings()) {
            out.add(String.format("%-8d %-14s %7.1fs %7.1fs %15.1fs %7.1fs %7.1fs", t.broker(), t.host(), s(t.g1Wait()), s(t.stop()),
                    s(t.startToCaughtUp()), s(t.g2Wait()), s(t.total())));
        }
        if (outcome instanceof BrokerRoll.Outcome.Completed c) {
            Duration floor = floor(c);
            out.add(String.format("[bench] roll wall time %.1f s (first G1 to G3 passed), floor (sum of stop + start-to-caught-up) %.1f s, "
                            + "overhead %.1f s (%.0f%%), G3 %.1f s; before it, %.1f s reading and preparing the hosts (no broker touched)",
                    s(c.wall()), s(floor), s(c.wall().minus(floor)), overheadPercent(c), s(c.g3Wait()), s(c.prepared())));
        }
        return out;
    }

    /** The sum of every broker's stop and start-to-caught-up: what the roll cannot go below. */
    public static Duration floor(BrokerRoll.Outcome outcome) {
        return outcome.timings().stream().map(BrokerRoll.BrokerTiming::floor).reduce(Duration.ZERO, Duration::plus);
    }

    /** How far the roll's wall time is over its floor, in per cent. */
    public static double overheadPercent(BrokerRoll.Outcome.Completed c) {
        Duration floor = floor(c);
        return floor.isZero() ? 0 : 100.0 * (s(c.wall()) - s(floor)) / s(floor);
    }

    static double s(Duration d) { return d.toMillis() / 1000.0; }
}
