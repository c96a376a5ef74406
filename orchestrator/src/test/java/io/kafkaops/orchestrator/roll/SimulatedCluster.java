package io.kafkaops.orchestrator.roll;

import io.kafkaops.orchestrator.gate.ClusterSnapshot;
import io.kafkaops.orchestrator.gate.PartitionState;
import io.kafkaops.orchestrator.host.HostReading;
import io.kafkaops.orchestrator.kafka.LeaderElection.Election;
import io.kafkaops.orchestrator.ssh.CommandResult;
import io.kafkaops.orchestrator.testkit.FakeHost;
import io.kafkaops.orchestrator.testkit.ManualClock;
import io.kafkaops.orchestrator.testkit.SnapshotBuilder;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Three brokers (ZooKeeper mode, 2.6.3) behind {@link RolledCluster} and three {@link FakeHost}s that answer the engine's
 * commands as systemd would: a stop stops the broker, a start starts it; a started broker registers after 2 s and is
 * back in every ISR after 4 s; leadership moves off a stopped broker and back on an election. Time is a
 * {@link ManualClock} the engine's pauses move. A test bends one broker (never comes back, stop times out, already
 * switched, already stopped) or says a process went away.
 */
final class SimulatedCluster implements RolledCluster {
    static final Duration REGISTERS_AFTER = Duration.ofSeconds(2);
    static final Duration CATCHES_UP_AFTER = Duration.ofSeconds(4);

    final class Broker {
        final int id;
        volatile boolean running = true;
        volatile Instant startedAt = Instant.EPOCH;
        volatile String link = "/usr/local/kafka_2.12-2.6.3";
        volatile boolean comesBack = true;
        volatile boolean stopTimesOut;
        volatile int starts;

        Broker(int id) { this.id = id; }

        boolean registered() { return running && !clock.instant().isBefore(startedAt.plus(REGISTERS_AFTER)); }

        boolean caughtUp() { return running && !clock.instant().isBefore(startedAt.plus(CATCHES_UP_AFTER)); }
    }

    final ManualClock clock = new ManualClock();
    final Map<Integer, Broker> brokers = new TreeMap<>();
    final Map<Integer, FakeHost> hosts = new TreeMap<>();
    private final Map<String, Integer> leaders = new ConcurrentHashMap<>();
    private final Map<Integer, HostReading> readings = new ConcurrentHashMap<>();
    /** Runs when a broker is started (its id): a test's way to make something happen mid-roll. */
    volatile java.util.function.IntConsumer onStart = id -> { };
    final List<String> elections = new ArrayList<>();

    SimulatedCluster() {
        for (int n = 1; n <= 3; n++) {
            int id = n;
            Broker b = new Broker(id);
            brokers.put(id, b);
            FakeHost h = new FakeHost("kafka" + id).streams("pid " + (100 + id));
            h.answers("^echo link=", c -> ok(c, "link=" + b.link + "\nactive=" + (b.running ? "active" : "inactive") + "\n"));
            h.answers("^systemctl stop --no-block", c -> {
                if (b.stopTimesOut) return new CommandResult(c, 124, "", "");
                b.running = false;
                stopped.add(id);
                return ok(c, "");
            });
            h.answers("^ln -sfn", c -> {
                relink(b, c);
                return ok(c, "");
            });
            h.answers("systemctl start kafka-server$", c -> {
                relink(b, c);
                b.starts++;
                b.running = b.comesBack;
                b.startedAt = clock.instant();
                onStart.accept(id);
                return ok(c, "");
            });
            h.answers("^systemctl is-active", c -> ok(c, b.running ? "active\n0\n" : "failed\n3\n"));
            h.answers("MainPID", c -> ok(c, (100 + id) + "\n"));
            hosts.put(id, h);
        }
    }

    /** Switch commands the hosts understand: a command containing the key points the link at the value. */
    final Map<String, String> links = new ConcurrentHashMap<>(Map.of("ln -sfn new link", "/usr/local/kafka_2.12-2.6.3",
            "ln -sfn old link", "/usr/local/kafka_2.12-2.1.1"));
    /** Runs when a link command is run alone (an undo): the broker id. */
    volatile java.util.function.IntConsumer onRelink = id -> { };

    private void relink(Broker b, String command) {
        links.forEach((cmd, target) -> {
            if (command.contains(cmd)) b.link = target;
        });
        if (command.startsWith("ln -sfn")) onRelink.accept(b.id);
    }

    Map<Integer, String> names() {
        Map<Integer, String> n = new TreeMap<>();
        hosts.forEach((id, h) -> n.put(id, h.name()));
        return n;
    }

    private static CommandResult ok(String command, String stdout) { return new CommandResult(command, 0, stdout, ""); }

    /** How many of the next samples fail as an Admin API timeout does. */
    final java.util.concurrent.atomic.AtomicInteger failingSamples = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public ClusterSnapshot sample(Optional<Integer> avoid, Set<Integer> spare) {
        if (failingSamples.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node assignment");
        }
        SnapshotBuilder s = SnapshotBuilder.healthy().at(clock.instant());
        brokers.values().stream().filter(b -> !b.registered()).forEach(b -> s.unregistered(b.id));
        Optional<Integer> controller = brokers.values().stream().filter(Broker::registered).map(b -> b.id).findFirst();
        s.controller(controller.orElse(null));
        for (PartitionState p : SnapshotBuilder.healthy().build().partitions()) {
            List<Integer> isr = p.replicas().stream().filter(r -> brokers.get(r).caughtUp()).toList();
            Integer leader = leaders.getOrDefault(p.name(), p.preferredLeader());
            if (!isr.contains(leader)) leader = isr.isEmpty() ? null : isr.get(0);
            if (leader != null) leaders.put(p.name(), leader);
            s.partition(p.topic(), p.partition(), p.replicas(), isr, leader);
        }
        brokers.values().stream().filter(b -> b.registered() && avoid.map(a -> a != b.id).orElse(true)).findFirst().ifPresent(b -> s.readFrom(b.id));
        return s.build();
    }

    @Override
    public void hostRead(int broker, HostReading reading) { readings.put(broker, reading); }

    @Override
    public Optional<HostReading> host(int broker) { return Optional.ofNullable(readings.get(broker)); }

    @Override
    public ClusterSnapshot withLatestHostFacts(ClusterSnapshot snapshot, int broker) { return snapshot; }

    @Override
    public synchronized Election electPreferred(int broker, List<PartitionState> partitions) {
        partitions.stream().filter(p -> brokers.get(p.preferredLeader()).caughtUp()).forEach(p -> leaders.put(p.name(), p.preferredLeader()));
        elections.add(broker + ":" + partitions.size());
        return new Election(true, List.of("preferred-leader election for " + partitions.size() + " partition(s) (simulated)"));
    }

    /** The brokers in the order they were stopped. */
    final List<Integer> stopped = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Every broker host's command log, keyed by broker id. */
    Map<Integer, List<String>> logs() {
        Map<Integer, List<String>> out = new LinkedHashMap<>();
        hosts.forEach((id, h) -> out.put(id, h.log()));
        return out;
    }
}
