package io.kafkaops.orchestrator.roll;


import java.io.PrintWriter;
import java.time.Duration;

/** The per-broker timing table and the [bench] line every roll ends with. */
public final class RollReport {
    private RollReport() {}

    /** @return true when the roll completed */
    public static boolean print(PrintWriter out, BrokerRoll.Outcome outcome) {
        if (!outcome.timings().isEmpty()) out.println(String.format("%-8s %-14s %8s %8s %16s %8s %8s", "BROKER", "HOST", "G1 wait", "stop", "start->caught up", "G2", "total"));
        Duration floor = Duration.ZERO;
        for (BrokerRoll.BrokerTiming t : outcome.timings()) {
            out.println(String.format("%-8d %-14s %7.1fs %7.1fs %15.1fs %7.1fs %7.1fs", t.broker(), t.host(), s(t.g1Wait()), s(t.stop()),
                    s(t.startToCaughtUp()), s(t.g2Wait()), s(t.total())));
            floor = floor.plus(t.floor());
        }
        if (outcome instanceof BrokerRoll.Outcome.Completed c) {
            out.println(String.format("[bench] roll wall time %.1f s (first G1 to G3 passed), floor (sum of stop + start-to-caught-up) %.1f s, "
                            + "overhead %.1f s (%.0f%%), G3 %.1f s; before it, %.1f s reading and preparing the hosts (no broker touched)",
                    s(c.wall()), s(floor), s(c.wall().minus(floor)), floor.isZero() ? 0 : 100.0 * (s(c.wall()) - s(floor)) / s(floor), s(c.g3Wait()),
                    s(c.prepared())));
            out.flush();
            return true;
        }
        out.flush();
        return false;
    }

    static double s(Duration d) { return d.toMillis() / 1000.0; }
}
