package io.kafkaops.orchestrator.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The wait of a ZooKeeper -> KRaft migration (KIP-866): the controllers copy the metadata once every ZooKeeper-mode broker
 * has registered with them in migration mode. A broker that is down never registers, and the anchors' users saw the
 * migration stall forever on it; here it halts at once, by name.
 */
public final class MigrationGate {
    private MigrationGate() {}

    /** The active controller's ZkMigrationState metric, as Kafka numbers it (org.apache.kafka.metadata.migration.ZkMigrationState). */
    public enum State {
        NONE(0), MIGRATION(1), PRE_MIGRATION(2), POST_MIGRATION(3), ZK(4);

        private final int value;

        State(int value) { this.value = value; }

        public static Optional<State> of(long value) {
            for (State s : values()) if (s.value == value) return Optional.of(s);
            return Optional.empty();
        }
    }

    /**
     * What the wait reads each time.
     *
     * @param state            the active controller's ZkMigrationState; empty while it cannot be read (no leader, JMX not up)
     * @param migratingBrokers MigratingZkBrokerCount: ZooKeeper-mode brokers registered with the controllers in migration mode
     * @param brokersDown      inventory brokers whose unit is not active or whose host does not answer, with the reason
     */
    public record Progress(Optional<State> state, Optional<Long> migratingBrokers, Map<Integer, String> brokersDown) {
        public Progress {
            brokersDown = Map.copyOf(brokersDown);
        }
    }

    /** Pass once the metadata is migrated and every broker registered; Refuse on a broker down or controllers not migrating. */
    public static GateVerdict completed(Progress p, Set<Integer> brokers) {
        if (!p.brokersDown().isEmpty()) {
            List<String> down = new ArrayList<>();
            new TreeSet<>(p.brokersDown().keySet()).forEach(id -> down.add("broker " + id + " is down (" + p.brokersDown().get(id)
                    + "): the controllers copy the metadata only once every broker has registered in migration mode, so the "
                    + "migration cannot complete without it; start it, then run the same command again"));
            return new GateVerdict.Refuse(down);
        }
        if (p.state().isEmpty()) return GateVerdict.waitFor("the active controller's ZkMigrationState cannot be read yet");
        return switch (p.state().get()) {
            case MIGRATION, POST_MIGRATION -> p.migratingBrokers().filter(n -> n < brokers.size())
                    .<GateVerdict>map(n -> GateVerdict.waitFor("the metadata is migrated, but only " + n + " of the " + brokers.size()
                            + " brokers are registered with the controllers in migration mode"))
                    .orElse(GateVerdict.pass());
            case PRE_MIGRATION -> GateVerdict.waitFor("the controllers have not copied the metadata yet (ZkMigrationState "
                    + "PRE_MIGRATION; " + p.migratingBrokers().map(n -> n + " of " + brokers.size()).orElse("an unknown number of")
                    + " brokers registered in migration mode)");
            case NONE, ZK -> GateVerdict.refuse("the active controller is not migrating (ZkMigrationState " + p.state().get()
                    + "): its controller.properties lacks zookeeper.metadata.migration.enable or it was formatted for another cluster");
        };
    }
}
