package io.kafkaops.orchestrator.roll;

import io.kafkaops.orchestrator.gate.BrokerGate;
import io.kafkaops.orchestrator.gate.BrokerState;
import io.kafkaops.orchestrator.gate.ClusterHealth;
import io.kafkaops.orchestrator.gate.ClusterSnapshot;
import io.kafkaops.orchestrator.gate.GateSettings;
import io.kafkaops.orchestrator.gate.GateVerdict;
import io.kafkaops.orchestrator.gate.PartitionState;
import io.kafkaops.orchestrator.gate.SnapshotHistory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * G2's state across the samples of one started broker: the history, when it caught up, which partitions it was last
 * asked to lead, whether its process died. No I/O: the roll reads hosts, checks processes and runs elections, and hands
 * what it saw to the methods here.
 */
final class StartWatch {
    /** A unit's state is read again only this often while the broker is not registered. */
    private static final Duration PROCESS_CHECK_EVERY = Duration.ofMillis(2500);
    /** A partition asked to move back to the broker is asked again only after this long. */
    private static final Duration ASK_AGAIN_AFTER = Duration.ofSeconds(2);

    final int broker;
    private final String expected;
    private final Instant startedAt;
    private final List<ClusterSnapshot> history = new ArrayList<>();
    private Optional<Instant> caughtUpAt = Optional.empty();
    private final Map<String, Instant> asked = new HashMap<>();
    private Instant lastProcessCheck;
    private int deadSamples;
    private boolean startLogSettled;
    private Optional<String> died = Optional.empty();

    StartWatch(int broker, String expected, Instant startedAt) {
        this.broker = broker;
        this.expected = expected;
        this.startedAt = startedAt;
        this.lastProcessCheck = startedAt;
    }

    /** Until the broker's own start-up log has settled, each sample wants the host read again (its announced version, log loading). */
    boolean wantsHostFacts() { return !startLogSettled; }

    /** Takes a sample (with the host facts merged when they were read); true when the broker is registered in it. */
    boolean observe(ClusterSnapshot s) {
        if (!startLogSettled) {
            // a broker that logs nothing to its unit's journal has nothing more to say once it registered
            startLogSettled = s.broker(broker).map(b -> b.registered() && !b.recovering()
                    && (b.brokerVersion().isPresent() || !b.startLogRead())).orElse(false);
        }
        history.add(s);
        boolean registered = s.broker(broker).map(BrokerState::registered).orElse(false);
        if (registered && caughtUpAt.isEmpty() && ClusterHealth.underReplicated(s).isEmpty()) caughtUpAt = Optional.of(s.takenAt());
        return registered;
    }

    /** A unit that is not running a few seconds after start (crashed, or waiting to restart) cannot register: checked every 2.5 s. */
    boolean processCheckDue(Instant now) {
        if (Duration.between(lastProcessCheck, now).compareTo(PROCESS_CHECK_EVERY) < 0) return false;
        lastProcessCheck = now;
        return true;
    }

    /**
     * @param unitState systemd's "is-active NRestarts", or empty when the host did not answer (then the registration
     *                  deadline judges, not a dead process)
     * @return why the broker is dead, after two readings in a row say so
     */
    Optional<String> processState(Optional<String> unitState) {
        if (unitState.isEmpty()) return Optional.empty();
        String state = unitState.get();
        if (state.startsWith("active ") && state.endsWith(" 0")) {
            deadSamples = 0;
            return Optional.empty();
        }
        if (++deadSamples >= 2) died = Optional.of("exited after its start (systemd: " + state + ")");
        return died;
    }

    /** G2 on the history so far. */
    GateVerdict verdict(GateSettings settings) {
        return BrokerGate.afterStart(broker, expected, startedAt, new SnapshotHistory(history), settings);
    }

    /**
     * Partitions to hand back to the broker now: each as soon as it is in their ISR (caught up there, so never to a
     * lagging replica), all once it caught up everywhere; none asked within the last 2 s.
     */
    List<PartitionState> readyToLead(ClusterSnapshot s, boolean registered) {
        List<PartitionState> toLead = BrokerGate.awaitingPreferredLeader(s, broker);
        List<PartitionState> ready;
        if (caughtUpAt.isPresent()) ready = toLead;
        else if (!registered) ready = List.of();
        else ready = toLead.stream().filter(p -> p.isr().contains(broker)).toList();
        Instant at = s.takenAt();
        return ready.stream().filter(p -> asked.getOrDefault(p.name(), Instant.EPOCH).plus(ASK_AGAIN_AFTER).isBefore(at)).toList();
    }

    void asked(List<PartitionState> partitions, Instant at) {
        partitions.forEach(p -> asked.put(p.name(), at));
    }

    Optional<String> died() { return died; }

    Optional<Instant> caughtUpAt() { return caughtUpAt; }

    /** The last samples, which the next broker's G1 counts as its earlier samples. */
    List<ClusterSnapshot> last(int n) {
        return List.copyOf(history.subList(Math.max(0, history.size() - n), history.size()));
    }

    /** The version the broker said it runs, in the last sample. */
    Optional<String> announcedVersion() {
        return history.isEmpty() ? Optional.empty() : history.get(history.size() - 1).broker(broker).flatMap(BrokerState::brokerVersion);
    }
}
