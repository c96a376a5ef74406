package io.kafkaops.orchestrator.gate;

import io.kafkaops.orchestrator.gate.GateVerdict.Pass;
import io.kafkaops.orchestrator.gate.GateVerdict.Refuse;
import io.kafkaops.orchestrator.gate.GateVerdict.Wait;
import io.kafkaops.orchestrator.gate.MetadataQuorum.KRaftQuorum;
import io.kafkaops.orchestrator.gate.MetadataQuorum.KRaftQuorum.Voter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The KRaft controller gates as one table, like GateTableTest: a quorum of dedicated controllers 9991-9993 (leader 9991)
 * bent in one place, the gate, the expected verdict kind and the words the operator must see.
 */
class ControllerGateTest {
    static final GateSettings SETTINGS = GateSettings.defaults();
    static final Set<Integer> INVENTORY = Set.of(9991, 9992, 9993);
    /** The leader's own last caught-up time: "now" as it reports it. */
    static final long NOW = 1_767_000_000_000L;

    record Case(String name, Supplier<GateVerdict> verdict, Class<? extends GateVerdict> expected, String... mustSay) {
        @Override
        public String toString() { return name; }
    }

    /** A voter the leader last saw caught up msBehind before its own time, at log end offset 5000. */
    static Voter timed(int id, long msBehind) {
        return new Voter(id, 5000, OptionalLong.of(NOW - msBehind), OptionalLong.of(NOW - msBehind));
    }

    static KRaftQuorum quorum(Integer leader, Voter... voters) {
        return new KRaftQuorum(Optional.ofNullable(leader), 7, 5000, List.of(voters), List.of());
    }

    static final KRaftQuorum HEALTHY = quorum(9991, timed(9991, 0), timed(9992, 300), timed(9993, 0));

    static GateVerdict g1(KRaftQuorum q, int controller) { return ControllerGate.beforeStop(q, controller, INVENTORY, SETTINGS); }

    static GateVerdict g2(KRaftQuorum q, int controller) { return ControllerGate.afterStart(q, controller, SETTINGS); }

    static Stream<Case> cases() {
        return Stream.of(
                // --- G1: before stopping controller c
                new Case("no quorum leader makes G1 wait",
                        () -> g1(quorum(null, timed(9991, 0), timed(9992, 0), timed(9993, 0)), 9992), Wait.class,
                        "the KRaft controller quorum has no leader"),
                new Case("a leader that is not among the voters makes G1 wait",
                        () -> g1(quorum(9997, timed(9991, 0), timed(9992, 0), timed(9993, 0)), 9992), Wait.class,
                        "the KRaft quorum leader 9997 is not among its voters"),
                new Case("3 voters all caught up: stopping a follower passes G1", () -> g1(HEALTHY, 9992), Pass.class),
                // seen on 4.1.1: a newly elected leader reports a voter it has not heard from with offset -1 and no times
                new Case("a voter the new leader has not heard from (offset -1, no times) is not caught up: G1 of another waits",
                        () -> g1(quorum(9991, timed(9991, 0), timed(9992, 0), new Voter(9993, -1)), 9992), Wait.class,
                        "KRaft controller 9993 has not fetched from the quorum leader 9991 since it was elected"),
                new Case("a voter that looks caught up but last caught up before its restart was seen waits in G2",
                        () -> ControllerGate.afterStart(quorum(9991, timed(9991, 0), timed(9992, 0), timed(9993, 800)), 9993, SETTINGS,
                                OptionalLong.of(NOW - 100)), Wait.class,
                        "KRaft controller 9993 has not caught up with the leader since its restart (last 700 ms before it)"),
                new Case("a voter caught up after its restart was seen passes G2",
                        () -> ControllerGate.afterStart(quorum(9991, timed(9991, 0), timed(9992, 0), timed(9993, 50)), 9993, SETTINGS,
                                OptionalLong.of(NOW - 100)), Pass.class),
                new Case("a restarted voter the leader has not heard from yet waits in G2 (no times while the leader has them)",
                        () -> g2(quorum(9991, timed(9991, 0), timed(9992, 0),
                                new Voter(9993, 5000, OptionalLong.empty(), OptionalLong.empty())), 9993), Wait.class,
                        "KRaft controller 9993 has not fetched from the quorum leader 9991 since it was elected"),
                new Case("3 voters all caught up: stopping the leader passes G1", () -> g1(HEALTHY, 9991), Pass.class),
                new Case("3 voters, another follower lagging: stopping a follower waits in G1",
                        () -> g1(quorum(9991, timed(9991, 0), timed(9992, 0), timed(9993, 5300)), 9992), Wait.class,
                        "stopping KRaft controller 9992 would leave 1 of the 3 voters caught up, fewer than the majority of 2",
                        "KRaft controller 9993 trails the quorum leader by 5300 ms (more than 2000 ms)"),
                new Case("3 voters, a follower lagging: stopping the leader waits in G1",
                        () -> g1(quorum(9991, timed(9991, 0), timed(9992, 0), timed(9993, 5300)), 9991), Wait.class,
                        "would leave 1 of the 3 voters caught up"),
                new Case("3 voters: stopping the lagging follower itself passes G1 (the others are a caught-up majority)",
                        () -> g1(quorum(9991, timed(9991, 0), timed(9992, 0), timed(9993, 5300)), 9993), Pass.class),
                new Case("5 voters, one lagging: stopping another follower keeps 3 of 5 caught up and passes G1",
                        () -> ControllerGate.beforeStop(quorum(9991, timed(9991, 0), timed(9992, 0), timed(9993, 5300),
                                timed(9994, 0), timed(9995, 0)), 9992, Set.of(9991, 9992, 9993, 9994, 9995), SETTINGS), Pass.class),
                new Case("5 voters, two lagging: stopping a third waits in G1",
                        () -> ControllerGate.beforeStop(quorum(9991, timed(9991, 0), timed(9992, 0), timed(9993, 5300),
                                timed(9994, 9000), timed(9995, 0)), 9992, Set.of(9991, 9992, 9993, 9994, 9995), SETTINGS), Wait.class,
                        "would leave 2 of the 5 voters caught up, fewer than the majority of 3"),
                new Case("a controller that is not a voter is refused in G1", () -> g1(HEALTHY, 9994), Refuse.class,
                        "controller 9994 is not a voter of the KRaft quorum (voters [9991, 9992, 9993])"),
                new Case("a voter set that differs from the inventory refuses G1 (a static quorum does not change by itself)",
                        () -> ControllerGate.beforeStop(HEALTHY, 9992, Set.of(9991, 9992, 9994), SETTINGS), Refuse.class,
                        "controller 9994 of the inventory is not a voter of the quorum", "voter 9993 is not in the inventory"),

                // --- G2: after starting controller c
                new Case("a restarted controller caught up again passes G2", () -> g2(HEALTHY, 9992), Pass.class),
                new Case("a restarted controller that leads the quorum passes G2",
                        () -> g2(quorum(9992, timed(9991, 0), timed(9992, 0), timed(9993, 0)), 9992), Pass.class),
                new Case("a restarted controller last caught up 5300 ms before the leader waits in G2",
                        () -> g2(quorum(9991, timed(9991, 0), timed(9992, 5300), timed(9993, 0)), 9992), Wait.class,
                        "KRaft controller 9992 trails the quorum leader by 5300 ms (more than 2000 ms)"),
                new Case("exactly voterCatchUp behind still counts as caught up in G2",
                        () -> g2(quorum(9991, timed(9991, 0), timed(9992, 2000), timed(9993, 0)), 9992), Pass.class),
                new Case("timestamps known: the time decides even when the offsets look far behind",
                        () -> g2(quorum(9991, timed(9991, 0), new Voter(9992, 100, OptionalLong.of(NOW), OptionalLong.of(NOW - 100)),
                                timed(9993, 0)), 9992), Pass.class),
                new Case("timestamps unknown: a controller 4500 records behind waits in G2",
                        () -> g2(quorum(9991, new Voter(9991, 5000), new Voter(9992, 500), new Voter(9993, 5000)), 9992), Wait.class,
                        "KRaft controller 9992 trails the quorum leader by 4500 records (more than 1000)"),
                new Case("timestamps unknown: a controller within maxVoterLag records passes G2",
                        () -> g2(quorum(9991, new Voter(9991, 5000), new Voter(9992, 4000), new Voter(9993, 5000)), 9992), Pass.class),
                new Case("only the leader's timestamp known: the voter has not fetched since the election, whatever its offset",
                        () -> g2(quorum(9991, timed(9991, 0), new Voter(9992, 5000), timed(9993, 0)), 9992), Wait.class,
                        "KRaft controller 9992 has not fetched from the quorum leader 9991 since it was elected"),
                new Case("no quorum leader makes G2 wait", () -> g2(quorum(null, timed(9991, 0), timed(9992, 0), timed(9993, 0)), 9992),
                        Wait.class, "the KRaft controller quorum has no leader"),
                new Case("a controller that is not a voter is refused in G2", () -> g2(HEALTHY, 9994), Refuse.class,
                        "controller 9994 is not a voter of the KRaft quorum", "cannot be gated"),

                // --- the voter set check on its own
                new Case("the voter set equal to the inventory has no problem",
                        () -> asWait(ClusterHealth.voterSet(HEALTHY, INVENTORY)), Pass.class),
                new Case("a voter set missing an inventory controller and holding an unknown voter names both",
                        () -> asWait(ClusterHealth.voterSet(quorum(9991, timed(9991, 0), timed(7, 0), timed(9993, 0)), INVENTORY)),
                        Wait.class, "controller 9992 of the inventory is not a voter of the quorum (voters [7, 9991, 9993])",
                        "voter 7 is not in the inventory"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void controllerGateTable(Case c) {
        GateVerdict v = c.verdict().get();
        assertThat(v).as(c.name() + " -> " + v).isInstanceOf(c.expected());
        for (String words : c.mustSay()) {
            assertThat(v.reason()).as(c.name()).contains(words);
        }
    }

    /** A list of problems as a verdict, so the table can check their words. */
    static GateVerdict asWait(List<String> problems) { return problems.isEmpty() ? GateVerdict.pass() : new Wait(problems); }
}
