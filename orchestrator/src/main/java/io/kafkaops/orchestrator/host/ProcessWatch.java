package io.kafkaops.orchestrator.host;

import io.kafkaops.orchestrator.ssh.CommandResult;
import io.kafkaops.orchestrator.ssh.RemoteHost;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Watches the service's main process on the brokers that are not being rolled, for as long as one broker is: a broker
 * that dies and is restarted by systemd can be back before any cluster sample saw it gone (its ZooKeeper session outlives
 * it), but its process cannot come back with the same PID. Each host runs a cheap loop (is {@code /proc/PID} there; as the SSH user, no root needed; no process
 * spawned per check but a sleep) that reports the PID it watches, then a heartbeat, then whether it went away; reading
 * the verdict costs no round trip.
 */
public final class ProcessWatch implements AutoCloseable {
    /** Past this without a heartbeat the watch itself is in doubt: the PID is then read the slow way. */
    static final Duration SILENT_AFTER = Duration.ofSeconds(3);

    /** What one host's loop said last. */
    record Seen(Optional<String> pid, Instant lastHeard, boolean gone) {
        static Seen nothing(Instant now) { return new Seen(Optional.empty(), now, false); }

        Seen heard(String line, Instant now) {
            if (line.startsWith("pid ")) return new Seen(Optional.of(line.substring(4).strip()), now, gone);
            if (line.startsWith("gone")) return new Seen(pid, now, true);
            return new Seen(pid, now, gone);
        }
    }

    private final class Watched {
        final int broker;
        final RemoteHost host;
        volatile Seen seen;
        volatile AutoCloseable stream;

        Watched(int broker, RemoteHost host, Instant now) {
            this.broker = broker;
            this.host = host;
            this.seen = Seen.nothing(now);
        }
    }

    private final String unit;
    private final Clock clock;
    private final IntFunction<String> label;
    private final List<Watched> watched = new ArrayList<>();
    private volatile boolean closed;

    private ProcessWatch(String unit, Clock clock, IntFunction<String> label) {
        this.unit = unit;
        this.clock = clock;
        this.label = label;
    }

    /** The loop run on each host; it ends on its own when the process goes, or with SIGPIPE once nobody listens. */
    static String loop(String unit) {
        return "p=$(systemctl show -p MainPID --value " + unit + "); echo \"pid $p\"; "
                + "while [ -n \"$p\" ] && [ \"$p\" != 0 ] && [ -d \"/proc/$p\" ]; do echo alive || exit 0; sleep 0.25; done; echo gone";
    }

    /** Starts watching on every host given; returns at once (each host's stream is opened on a thread of its own). */
    public static ProcessWatch start(Map<Integer, RemoteHost> hosts, String unit, Clock clock, IntFunction<String> label) {
        ProcessWatch w = new ProcessWatch(unit, clock, label);
        hosts.forEach((id, host) -> w.watched.add(w.new Watched(id, host, clock.instant())));
        for (Watched x : w.watched) {
            Thread opener = new Thread(() -> {
                try {
                    AutoCloseable s = x.host.stream(loop(unit), line -> x.seen = x.seen.heard(line, clock.instant()));
                    x.stream = s;
                    if (w.closed) s.close();
                } catch (Exception e) {
                    // a watch that never starts stays silent: the check then reads the PID the slow way
                }
            }, "process-watch-" + x.host.name());
            opener.setDaemon(true);
            opener.start();
        }
        return w;
    }

    /** The first broker whose process went away since the watch began, or empty while every one still runs. */
    public Optional<String> gone() {
        Instant now = clock.instant();
        for (Watched x : watched) {
            Seen s = x.seen;
            if (s.gone()) return Optional.of(describe(x.broker, s.pid()));
            if (Duration.between(s.lastHeard(), now).compareTo(SILENT_AFTER) <= 0) continue;
            // a silent watch (SSH trouble, a host too busy to answer) is checked the slow way; one that never said which
            // process it watches leaves nothing to compare with, and a roll does not go on in doubt
            if (s.pid().isEmpty()) return Optional.of("the " + unit + " process of " + label.apply(x.broker) + " could not be watched");
            Optional<String> read = readPid(x.host);
            if (!read.equals(s.pid())) return Optional.of(describe(x.broker, s.pid()) + " (read again: " + read.orElse("no answer") + ")");
            x.seen = new Seen(s.pid(), now, false);
        }
        return Optional.empty();
    }

    private String describe(int broker, Optional<String> pid) {
        return label.apply(broker) + "'s " + unit + " process (main PID " + pid.orElse("?") + ") went away";
    }

    private Optional<String> readPid(RemoteHost host) {
        try {
            CommandResult r = host.runAsUser("systemctl show -p MainPID --value " + unit);
            return r.ok() ? Optional.of(r.stdout().strip()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Ends every loop by closing its channel. Closing waits for each host to confirm, a round trip that nothing depends on,
     * so it runs on a thread of its own and the roll goes on.
     */
    @Override
    public void close() {
        closed = true;
        Thread closer = new Thread(() -> {
            for (Watched x : watched) {
                AutoCloseable s = x.stream;
                if (s == null) continue;
                try {
                    s.close();
                } catch (Exception e) {
                    // the channel is gone either way
                }
            }
        }, "process-watch-close");
        closer.setDaemon(true);
        closer.start();
    }
}
