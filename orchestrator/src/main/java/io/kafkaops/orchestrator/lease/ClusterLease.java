package io.kafkaops.orchestrator.lease;

import io.kafkaops.orchestrator.host.Fleet;
import io.kafkaops.orchestrator.host.HostResult;
import io.kafkaops.orchestrator.ssh.CommandResult;
import io.kafkaops.orchestrator.ssh.RemoteHost;
import io.kafkaops.orchestrator.ssh.Shell;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One operation per cluster at a time: a lease file on every host the operation touches, taken before anything is
 * changed, refreshed while it runs, released when it ends (a JVM shutdown hook releases it on Ctrl-C too). A lock on every
 * host, not a znode: it works the same for ZooKeeper and KRaft clusters, and for a cluster whose ZooKeeper is down.
 * Each change of a lease file happens under {@code flock} on the host, so two runs never both win it.
 */
public final class ClusterLease implements AutoCloseable {
    /** The lease file on a host; its directory is root's alone. */
    public static final String FILE = "/var/lib/orchestrator/lease";
    private static final Duration REFRESH_EVERY = Duration.ofSeconds(30);
    /** Runs of this JVM that hold a lease: a lease of this pid whose run is not here was left by a run that ended. */
    private static final Set<String> LIVE_RUNS = ConcurrentHashMap.newKeySet();

    private final String file;
    private final Map<String, RemoteHost> hosts;
    private final Clock clock;
    private volatile Lease mine;
    private volatile Optional<String> lost = Optional.empty();
    private final ScheduledExecutorService refresher;
    private final Thread onExit;
    private boolean released;

    private ClusterLease(String file, Map<String, RemoteHost> hosts, Clock clock, Lease mine) {
        this.file = file;
        this.hosts = hosts;
        this.clock = clock;
        this.mine = mine;
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lease-refresh");
            t.setDaemon(true);
            return t;
        });
        this.onExit = new Thread(this::release, "lease-release");
    }

    /**
     * Takes the lease on every host, or refuses with who holds it.
     *
     * @param hosts   every host the operation may touch, by inventory name
     * @param command the command as typed, shown to whoever is refused
     * @param again   how the refused operator breaks a dead run's lease (the command without the run id)
     * @throws LeaseHeld another live run holds it; nothing was changed (leases this call took are given back)
     * @throws IOException a host could not be asked; nothing was changed
     */
    public static ClusterLease take(Map<String, RemoteHost> hosts, String command, String again, Clock clock) throws IOException {
        return take(FILE, hosts, command, again, clock);
    }

    static ClusterLease take(String file, Map<String, RemoteHost> hosts, String command, String again, Clock clock) throws IOException {
        Instant now = clock.instant();
        ProcessHandle me = ProcessHandle.current();
        Lease mine = new Lease(newRunId(now), System.getProperty("user.name") + "@" + machine(), machine(), me.pid(),
                me.info().startInstant().map(Instant::toEpochMilli).orElse(0L), command, now, now);
        ClusterLease lease = new ClusterLease(file, hosts, clock, mine);
        LIVE_RUNS.add(mine.run());
        try {
            lease.claim(Set.of(), again);
        } catch (IOException | RuntimeException e) {
            LIVE_RUNS.remove(mine.run());
            throw e;
        }
        lease.refresher.scheduleWithFixedDelay(lease::refresh, REFRESH_EVERY.toMillis(), REFRESH_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        Runtime.getRuntime().addShutdownHook(lease.onExit);
        return lease;
    }

    public String run() { return mine.run(); }

    /** Why this run no longer holds the lease (someone broke it, a refresh found another run's), if it does not. */
    public Optional<String> lost() { return lost; }

    /**
     * Removes the lease of run {@code run} from every host (`orchestrator unlock`): for a run that died where its process
     * cannot be checked (another control host). A lease of any other run is left alone.
     *
     * @return per host what was found
     */
    public static Map<String, String> breakRun(Map<String, RemoteHost> hosts, String run) {
        return breakRun(FILE, hosts, run);
    }

    static Map<String, String> breakRun(String file, Map<String, RemoteHost> hosts, String run) {
        Map<String, String> out = new LinkedHashMap<>();
        try (Fleet fleet = new Fleet(hosts.size())) {
            fleet.onEach(hosts.keySet(), h -> hosts.get(h).run(script(file, "", Set.of(run), true))).forEach((h, r) -> {
                if (r instanceof HostResult.Done<CommandResult> d) {
                    String said = d.value().stdout().strip();
                    out.put(h, said.startsWith("TAKEN") ? "lease of run " + run + " removed"
                            : said.startsWith("HELD") ? "left alone: held by " + Lease.parse(said.substring(4)).map(Lease::run).orElse("?")
                            : "no lease");
                } else {
                    out.put(h, r.describe());
                }
            });
        }
        return out;
    }

    private void claim(Set<String> replaceable, String again) throws IOException {
        Map<String, CommandResult> said = onEvery(script(file, mine.format(), replaceable, false));
        List<Lease> others = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        said.forEach((host, r) -> {
            String out = r.stdout().strip();
            if (out.startsWith("HELD")) {
                String text = out.substring(4).strip();
                Lease.parse(text).ifPresentOrElse(others::add, () -> unreadable.add(host + ": " + text.lines().findFirst().orElse("")));
            }
        });
        if (others.isEmpty() && unreadable.isEmpty()) return;
        if (!unreadable.isEmpty()) {
            release();
            throw new LeaseHeld("a lease file on the cluster's hosts cannot be read (" + String.join("; ", unreadable) + ")",
                    "if no operation is running on this cluster, remove " + file + " on those hosts by hand");
        }
        Instant now = clock.instant();
        LeaseClaim claim = LeaseClaim.of(others, ClusterLease::processGone, now);
        if (claim instanceof LeaseClaim.Abandoned a && replaceable.isEmpty()) {
            claim(a.runs(), again);
            return;
        }
        release();
        Lease holder = claim instanceof LeaseClaim.Held h ? h.holder() : others.get(0);
        String on = said.entrySet().stream().filter(e -> e.getValue().stdout().contains("run=" + holder.run())).map(Map.Entry::getKey)
                .collect(Collectors.joining(", "));
        boolean stale = claim instanceof LeaseClaim.Held h && h.stale();
        throw new LeaseHeld("another operation holds this cluster: " + holder.describe(now) + " (on " + on + ")"
                + (stale ? "; it has not refreshed its lease for over " + LeaseClaim.STALE_AFTER.toSeconds() + " s" : ""),
                "wait for it to end. If that run is dead" + (stale ? "" : " (it refreshes every " + REFRESH_EVERY.toSeconds()
                        + " s; a lease not refreshed for " + LeaseClaim.STALE_AFTER.toSeconds() + " s is stale)")
                        + ", break its lease with: " + again + " --run " + holder.run());
    }

    /** Refreshes the lease now (the refresher does this every 30 s). */
    void refreshNow() { refresh(); }

    private void refresh() {
        Lease next = mine.refreshedAt(clock.instant());
        try {
            Map<String, CommandResult> said = onEvery(script(file, next.format(), Set.of(), false));
            said.forEach((host, r) -> {
                if (r.stdout().strip().startsWith("HELD")) {
                    lost = Optional.of("the lease on " + host + " is now held by another run ("
                            + Lease.parse(r.stdout().strip().substring(4)).map(l -> l.describe(clock.instant())).orElse("unreadable")
                            + "): someone broke this run's lease");
                }
            });
            mine = next;
        } catch (IOException e) {
            // a host that cannot be reached now is the roll's to notice; the lease stays as it was there
        }
    }

    /** Gives the lease back on every host where it is this run's. Safe to call twice. */
    public synchronized void release() {
        if (released) return;
        released = true;
        refresher.shutdownNow();
        LIVE_RUNS.remove(mine.run());
        release(hosts.keySet());
    }

    @Override
    public void close() {
        release();
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs (or ran) release itself
        }
    }

    /** Runs a lease script on every host at once; a host that cannot run it fails the whole call. */
    private Map<String, CommandResult> onEvery(String script) throws IOException {
        Map<String, CommandResult> out = new LinkedHashMap<>();
        List<String> failed = new ArrayList<>();
        try (Fleet fleet = new Fleet(hosts.size())) {
            fleet.onEach(hosts.keySet(), h -> hosts.get(h).run(script)).forEach((h, r) -> {
                if (r instanceof HostResult.Done<CommandResult> d && d.value().ok()) out.put(h, d.value());
                else failed.add(h + ": " + (r instanceof HostResult.Done<CommandResult> d ? d.value().stderr().strip() : r.describe()));
            });
        }
        if (!failed.isEmpty()) {
            release(out.keySet());
            throw new IOException("the cluster's lease could not be taken or kept: " + String.join("; ", failed));
        }
        return out;
    }

    private void release(Collection<String> on) {
        try (Fleet fleet = new Fleet(on.size())) {
            fleet.onEach(on, h -> hosts.get(h).run(script(file, "", Set.of(mine.run()), true)));
        }
    }

    /**
     * One change of a host's lease file under flock: write {@code content} (or, with {@code remove}, delete the file) if the
     * file is absent or held by this run or one of {@code replaceable}; else print HELD and what the file holds.
     */
    static String script(String file, String content, Set<String> replaceable, boolean remove) {
        String f = Shell.quote(file);
        Set<String> runs = new java.util.LinkedHashSet<>(replaceable);
        if (!remove) Lease.parse(content).ifPresent(l -> runs.add(l.run()));
        String ours = runs.stream().map(Shell::quote).collect(Collectors.joining("|"));
        String act = remove ? "rm -f " + f + " && echo TAKEN"
                : "printf '%s' " + Shell.quote(content) + " > " + f + ".new && mv -f " + f + ".new " + f + " && echo TAKEN";
        String absent = remove ? "echo NONE" : act;
        return "umask 077; mkdir -p " + Shell.quote(file.substring(0, file.lastIndexOf('/'))) + " && exec 9>>" + f + ".lock"
                + " && flock -w 10 9 && { r=$(sed -n 's/^run=//p' " + f + " 2>/dev/null); case \"$r\" in " + ours + ") " + act + ";; "
                + "*) if [ -n \"$r\" ] || [ -s " + f + " ]; then echo HELD; cat " + f + "; else " + absent + "; fi;; esac; }";
    }

    /** A lease left by a run that is certainly over: its process on this machine is gone, or is another process now. */
    static boolean processGone(Lease l) {
        if (!l.machine().equals(machine())) return false;
        if (l.pid() == ProcessHandle.current().pid()) return !LIVE_RUNS.contains(l.run());
        Optional<ProcessHandle> p = ProcessHandle.of(l.pid());
        if (p.isEmpty() || !p.get().isAlive()) return true;
        Optional<Instant> started = p.get().info().startInstant();
        return l.pidStart() != 0 && started.isPresent() && Math.abs(started.get().toEpochMilli() - l.pidStart()) > 1000;
    }

    private static String newRunId(Instant now) {
        return now.toString().replaceAll("[^0-9]", "").substring(0, 14) + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String machine() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException e) {
            return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("unknown");
        }
    }
}
