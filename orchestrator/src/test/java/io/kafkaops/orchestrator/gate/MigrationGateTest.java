package io.kafkaops.orchestrator.gate;

import io.kafkaops.orchestrator.gate.GateVerdict.Pass;
import io.kafkaops.orchestrator.gate.GateVerdict.Refuse;
import io.kafkaops.orchestrator.gate.GateVerdict.Wait;
import io.kafkaops.orchestrator.gate.MigrationGate.Progress;
import io.kafkaops.orchestrator.gate.MigrationGate.State;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The migration wait as a table: what the active controller and the broker hosts say, the verdict, the words. */
class MigrationGateTest {
    static final Set<Integer> BROKERS = Set.of(1, 2, 3);

    record Case(String name, Progress progress, Class<? extends GateVerdict> expected, String... mustSay) {
        @Override
        public String toString() { return name; }
    }

    static Progress at(State state, long registered, Map<Integer, String> down) {
        return new Progress(Optional.of(state), Optional.of(registered), down);
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("migrated, every broker registered", at(State.MIGRATION, 3, Map.of()), Pass.class),
                new Case("controllers already out of migration mode (a resumed run)", at(State.POST_MIGRATION, 3, Map.of()), Pass.class),
                new Case("pre-migration: the controllers wait for the brokers", at(State.PRE_MIGRATION, 2, Map.of()), Wait.class,
                        "have not copied the metadata yet", "2 of 3 brokers registered"),
                new Case("migrated but a broker not registered", at(State.MIGRATION, 2, Map.of()), Wait.class, "only 2 of the 3 brokers"),
                new Case("metric not readable yet", new Progress(Optional.empty(), Optional.empty(), Map.of()), Wait.class,
                        "cannot be read yet"),
                // the trap the anchors' users fell into: a dead broker that owns partitions stalls the migration forever
                new Case("a broker is down: halt at once, by name", at(State.PRE_MIGRATION, 2, Map.of(2, "kafka2: its unit kafka-server is "
                        + "not active")), Refuse.class, "broker 2 is down (kafka2: its unit kafka-server is not active)",
                        "cannot complete without it", "run the same command again"),
                new Case("a broker down beats a migrated state", at(State.MIGRATION, 3, Map.of(3, "kafka3 does not answer: timeout")),
                        Refuse.class, "broker 3 is down (kafka3 does not answer"),
                new Case("controllers not in migration mode", at(State.NONE, 0, Map.of()), Refuse.class, "is not migrating",
                        "zookeeper.metadata.migration.enable"),
                new Case("a controller in ZooKeeper state", at(State.ZK, 0, Map.of()), Refuse.class, "ZkMigrationState ZK"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void table(Case c) {
        GateVerdict v = MigrationGate.completed(c.progress(), BROKERS);
        assertThat(v).as(v.reason()).isInstanceOf(c.expected());
        for (String words : c.mustSay()) assertThat(v.reason()).contains(words);
    }

    @ParameterizedTest(name = "metric value {0}")
    @MethodSource("values")
    void kafkasNumbering(long value, State state) {
        assertThat(State.of(value)).contains(state);
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> values() {
        return Stream.of(org.junit.jupiter.params.provider.Arguments.of(0L, State.NONE),
                org.junit.jupiter.params.provider.Arguments.of(1L, State.MIGRATION),
                org.junit.jupiter.params.provider.Arguments.of(2L, State.PRE_MIGRATION),
                org.junit.jupiter.params.provider.Arguments.of(3L, State.POST_MIGRATION),
                org.junit.jupiter.params.provider.Arguments.of(4L, State.ZK));
    }
}
