package io.kafkaops.orchestrator.gate;

import io.kafkaops.orchestrator.testkit.SnapshotBuilder;
import io.kafkaops.orchestrator.gate.GateVerdict.Pass;
import io.kafkaops.orchestrator.gate.GateVerdict.Refuse;
import io.kafkaops.orchestrator.gate.GateVerdict.Wait;
import io.kafkaops.orchestrator.gate.MetadataQuorum.KRaftQuorum;
import io.kafkaops.orchestrator.gate.MetadataQuorum.ZooKeeperEnsemble;
import io.kafkaops.orchestrator.version.ClusterMode;
import io.kafkaops.orchestrator.version.Pins;
import io.kafkaops.orchestrator.version.VersionStep;
import io.kafkaops.orchestrator.version.UpgradePath;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static io.kafkaops.orchestrator.testkit.SnapshotBuilder.T0;
import static io.kafkaops.orchestrator.testkit.SnapshotBuilder.healthy;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gate contract (health-gates.md G0-G3) as one table: a snapshot bent in one place, the gate,
 * the expected verdict kind and words the operator must see.
 */
class GateTableTest {
    static final GateSettings SETTINGS = GateSettings.defaults();
    static final Map<String, String> PINNED_21 = Map.of(Pins.IBP, "2.1", Pins.LMF, "2.1");
    static final UpgradePath RESTART = new UpgradePath.NothingToDo("plain rolling restart");

    record Case(String name, Supplier<GateVerdict> verdict, Class<? extends GateVerdict> expected, String... mustSay) {
        @Override
        public String toString() { return name; }
    }

    static GateVerdict g0(SnapshotBuilder s) { return ClusterGate.beforeRoll(s.build(), RESTART, SETTINGS); }

    static GateVerdict g0(SnapshotBuilder s, GateSettings settings) { return ClusterGate.beforeRoll(s.build(), RESTART, settings); }

    static GateVerdict g1(SnapshotBuilder s, int broker) { return BrokerGate.beforeStop(s.build(), broker, SETTINGS); }

    /** G2 for broker 2 started at T0 (expects 2.6.3) over snapshots taken at the builders' times. */
    static GateVerdict g2(SnapshotBuilder... history) { return g2(SETTINGS, history); }

    static GateVerdict g2(GateSettings settings, SnapshotBuilder... history) {
        return BrokerGate.afterStart(2, "2.6.3", T0, new SnapshotHistory(Arrays.stream(history).map(SnapshotBuilder::build).toList()), settings);
    }

    static GateVerdict g3(SnapshotBuilder s) { return ClusterGate.afterRoll(s.build(), "2.6.3", SETTINGS); }

    static TimedVerdict sample(long millis, GateVerdict v) { return new TimedVerdict(T0.plusMillis(millis), v); }

    static Stream<Case> cases() {
        Agreement agreement = Agreement.of(SETTINGS);
        GateVerdict pass = GateVerdict.pass();
        GateVerdict wait = GateVerdict.waitFor("partition orders-1 is under-replicated");
        return Stream.of(
                // --- healthy cluster passes every gate
                new Case("healthy cluster passes G0", () -> g0(healthy()), Pass.class),
                new Case("healthy cluster passes G1 for each broker", () -> worst(g1(healthy(), 1), g1(healthy(), 2),
                        g1(healthy().readFrom(1), 3)), Pass.class),
                new Case("healthy cluster passes G2 for the restarted broker", () -> g2(healthy().at(20)), Pass.class),
                new Case("healthy cluster passes G3", () -> g3(healthy()), Pass.class),

                // --- G0 risk report
                new Case("RF 1 topic refused at G0", () -> g0(healthy().topic("payments", 2, 1, 1)), Refuse.class,
                        "topic payments has replication factor 1", "allow this topic explicitly"),
                new Case("RF 1 topic allowed per topic passes G0 with a warning",
                        () -> warningsAsWait(g0(healthy().topic("payments", 2, 1, 1), SETTINGS.allowingAtRisk("payments"))),
                        Wait.class, "topic payments has replication factor 1", "allowed by the operator"),
                new Case("RF <= min.insync.replicas refused at G0", () -> g0(healthy().topic("audit", 3, 2, 2)), Refuse.class,
                        "topic audit has replication factor 2 <= min.insync.replicas 2"),
                new Case("unclean leader election is a warning in the risk report, not a refusal",
                        () -> warningsAsWait(g0(healthy().unclean("orders"))), Wait.class,
                        "topic orders has unclean.leader.election.enable=true"),
                new Case("internal topic with RF 1 is counted (refused, named internal)",
                        () -> g0(healthy().topic("__consumer_offsets", 3, 1, 1)), Refuse.class,
                        "topic __consumer_offsets (internal) has replication factor 1"),

                // --- G0 items 1-4
                new Case("internal topic under-replicated refuses G0", () -> g0(healthy().isr("__consumer_offsets-1", 2, 3)), Refuse.class,
                        "partition __consumer_offsets-1 is under-replicated: ISR [2, 3] of replicas [2, 3, 1]"),
                new Case("offline partition refuses G0", () -> g0(healthy().leader("orders-4", null)), Refuse.class,
                        "partition orders-4 is offline"),
                new Case("under min ISR refuses G0", () -> g0(healthy().isr("orders-0", 1)), Refuse.class,
                        "partition orders-0 has ISR [1] < min.insync.replicas 2"),
                new Case("leftover reassignment refuses G0",
                        () -> g0(healthy().reassignment(new Reassignment("orders", 3, List.of(4), List.of(1)))), Refuse.class,
                        "partition orders-3 is being reassigned"),
                new Case("leftover replication throttle refuses G0",
                        () -> g0(healthy().throttle(new Throttle(Throttle.Scope.BROKER, "1", "leader.replication.throttled.rate", "10485760"))),
                        Refuse.class, "leader.replication.throttled.rate=10485760 on broker 1"),
                new Case("unregistered inventory broker refuses G0", () -> g0(healthy().unregistered(3)), Refuse.class,
                        "broker 3 (kafka3) is not registered"),
                new Case("no active controller refuses G0", () -> g0(healthy().controller(null)), Refuse.class, "no active controller"),
                new Case("ZooKeeper with no leader refuses G0",
                        () -> g0(healthy().quorum(zk(ZooKeeperNode.follower(1, "zk1", 5), ZooKeeperNode.follower(2, "zk2", 5),
                                ZooKeeperNode.unreachable(3, "zk3")))),
                        Refuse.class, "ZooKeeper ensemble has no leader", "ZooKeeper 3 (zk3) is unreachable"),
                new Case("ZooKeeper with two leaders refuses G0",
                        () -> g0(healthy().quorum(zk(ZooKeeperNode.leader(1, "zk1", 5, 1), ZooKeeperNode.leader(2, "zk2", 5, 1),
                                ZooKeeperNode.follower(3, "zk3", 5)))),
                        Refuse.class, "has 2 leaders"),
                new Case("ZooKeeper follower not synced refuses G0",
                        () -> g0(healthy().quorum(zk(ZooKeeperNode.follower(1, "zk1", 5), ZooKeeperNode.leader(2, "zk2", 5, 1),
                                ZooKeeperNode.follower(3, "zk3", 5)))),
                        Refuse.class, "reports 1 synced followers of 2"),
                new Case("KRaft voter far behind the quorum leader refuses G0",
                        () -> g0(healthy().quorum(new KRaftQuorum(Optional.of(1), List.of(new KRaftQuorum.Voter(1, 50_000),
                                new KRaftQuorum.Voter(2, 49_900), new KRaftQuorum.Voter(3, 10_000))))),
                        Refuse.class, "KRaft controller 3 trails the quorum leader by 40000 records"),
                new Case("KRaft voter last caught up 5300 ms before the quorum leader refuses G0 though its offsets match",
                        () -> g0(healthy().controller(100).quorum(new KRaftQuorum(Optional.of(100), 3, 900, List.of(
                                new KRaftQuorum.Voter(100, 900, OptionalLong.of(60_000), OptionalLong.of(60_000)),
                                new KRaftQuorum.Voter(101, 900, OptionalLong.of(54_700), OptionalLong.of(54_700)),
                                new KRaftQuorum.Voter(102, 900, OptionalLong.of(59_000), OptionalLong.of(59_000))), List.of()))),
                        Refuse.class, "KRaft controller 101 trails the quorum leader by 5300 ms (more than 2000 ms)"),
                new Case("KRaft cluster led by a dedicated controller (not a broker) passes G0",
                        () -> g0(healthy().controller(100).quorum(new KRaftQuorum(Optional.of(100), List.of(new KRaftQuorum.Voter(100, 900),
                                new KRaftQuorum.Voter(101, 880), new KRaftQuorum.Voter(102, 900))))),
                        Pass.class),
                new Case("refused version step refuses G0",
                        () -> ClusterGate.beforeRoll(healthy().build(), new UpgradePath.Refused("Kafka 4.x has no ZooKeeper mode"), SETTINGS),
                        Refuse.class, "requested version step is refused: Kafka 4.x has no ZooKeeper mode"),
                new Case("mixed broker versions refuse G0", () -> g0(healthy().versions(3, "2.1.1", "2.1.1")), Refuse.class,
                        "different versions: 2.1.1 on brokers [3], 2.6.3 on brokers [1, 2]"),
                new Case("mixed protocol pins (half-finished pin roll) refuse G0",
                        () -> g0(healthy().allBrokers("2.6.3", PINNED_21).pins(2, Map.of())), Refuse.class,
                        "different protocol pins", "no pins on brokers [2]"),
                new Case("host set up for another version than the broker runs refuses G0",
                        () -> g0(healthy().versions(2, "2.6.3", "2.1.1")), Refuse.class,
                        "broker 2 (kafka2) runs 2.1.1 but its host is set up for 2.6.3"),
                new Case("a plan made for another running version refuses G0",
                        () -> ClusterGate.beforeRoll(healthy().allBrokers("2.1.1", Map.of()).build(), new UpgradePath.Planned(
                                ClusterMode.ZOOKEEPER, "2.6.3", "3.9.2", VersionStep.UPGRADE, "test", List.of()), SETTINGS),
                        Refuse.class, "the plan starts from 2.6.3 but the brokers run 2.1.1"),

                // --- G1: before stopping broker B
                new Case("ISR == min ISR blocks G1 for broker 1 in that ISR",
                        () -> g1(healthy().partition("audit", 0, List.of(1, 2), List.of(1, 2), 1).topicConfig("audit", 2), 1),
                        Refuse.class, "partition audit-0 has ISR [1, 2] and min.insync.replicas 2", "broker 1 must not stop"),
                new Case("ISR == min ISR blocks G1 for broker 2 in that ISR",
                        () -> g1(healthy().partition("audit", 0, List.of(1, 2), List.of(1, 2), 1).topicConfig("audit", 2), 2),
                        Refuse.class, "broker 2 must not stop"),
                new Case("ISR == min ISR does not block G1 for broker 3 outside that ISR",
                        () -> g1(healthy().partition("audit", 0, List.of(1, 2), List.of(1, 2), 1).topicConfig("audit", 2), 3), Pass.class),
                new Case("RF 1 partition on B refuses G1 unless allowed",
                        () -> g1(healthy().topic("payments", 1, 1, 1), 1), Refuse.class,
                        "partition payments-0 has its only replica on broker 1 (kafka1)"),
                new Case("RF 1 partition allowed at risk lets G1 pass",
                        () -> BrokerGate.beforeStop(healthy().topic("payments", 1, 1, 1).build(), 1, SETTINGS.allowingAtRisk("payments")),
                        Pass.class),
                new Case("broker recovering its logs refuses G1",
                        () -> g1(healthy().recovering(2, 900), 2), Refuse.class,
                        "broker 2 (kafka2) is recovering its logs (900 segments left)"),
                new Case("under-replicated elsewhere makes G1 wait, not refuse", () -> g1(healthy().isr("orders-1", 2, 3), 1), Wait.class,
                        "partition orders-1 is under-replicated"),
                new Case("offline partition refuses G1", () -> g1(healthy().leader("orders-2", null), 1), Refuse.class,
                        "partition orders-2 is offline"),
                new Case("G1 does not judge broker 3 from broker 3's own metadata", () -> g1(healthy().readFrom(3), 3), Wait.class,
                        "read from broker 3 itself"),
                new Case("broker outside the inventory refuses G1", () -> g1(healthy(), 9), Refuse.class, "broker 9 is not in the inventory"),

                // --- G2: after starting broker B (2) at T0
                new Case("recovering broker waits in G2 while recovery progresses, past the registration deadline",
                        () -> g2(healthy().unregistered(2).recovering(2, 5000).at(250),
                                healthy().unregistered(2).recovering(2, 4000).at(310),
                                healthy().unregistered(2).recovering(2, 3500).at(400)),
                        Wait.class, "broker 2 (kafka2) is recovering its logs (3500 segments left)", "extended while recovery progresses"),
                new Case("recovering broker whose recovery stalled is refused in G2, never killed",
                        () -> g2(healthy().unregistered(2).recovering(2, 5000).at(10),
                                healthy().unregistered(2).recovering(2, 4000).at(20),
                                healthy().unregistered(2).recovering(2, 4000).at(330)),
                        Refuse.class, "did not register within 330 s", "no progress for 310 s (limit 300 s)", "not killed"),
                new Case("broker loading its logs (start-up log count rising) waits in G2 past the registration deadline",
                        () -> g2(healthy().unregistered(2).loadingLogs(2, 100).at(250),
                                healthy().unregistered(2).loadingLogs(2, 900).at(320)),
                        Wait.class, "broker 2 (kafka2) is recovering its logs (900 logs loaded so far)", "extended while recovery progresses"),
                new Case("broker whose start-up log is read but has not announced its version waits in G2",
                        () -> g2(healthy().startLog(2, null).at(20)), Wait.class,
                        "broker 2 (kafka2) has not announced its version in its start-up log yet"),
                new Case("broker that announced the expected version in its start-up log passes G2",
                        () -> g2(healthy().startLog(2, "2.6.3").at(20)), Pass.class),
                new Case("broker that announced another version in its start-up log refuses G2",
                        () -> g2(healthy().startLog(2, "2.1.1").at(20)), Refuse.class,
                        "broker 2 (kafka2) should run 2.6.3 but the broker reports 2.1.1"),
                new Case("another broker dropping out while B is rolled refuses G2: halt, two brokers are down",
                        () -> g2(healthy().unregistered(3).at(20)), Refuse.class,
                        "broker 3 (kafka3) dropped out of the cluster while broker 2 (kafka2) was being rolled"),
                new Case("broker not registered yet waits in G2 before its deadline",
                        () -> g2(healthy().unregistered(2).at(30)), Wait.class, "broker 2 (kafka2) is not registered, 30 s after its start"),
                new Case("G2 does not judge broker 2 from broker 2's own metadata", () -> g2(healthy().readFrom(2).at(20)), Wait.class,
                        "read from broker 2 itself"),
                new Case("version mismatch after start refuses G2",
                        () -> g2(healthy().versions(2, "2.6.3", "2.1.1").at(15)), Refuse.class,
                        "broker 2 (kafka2) should run 2.6.3 but the broker reports 2.1.1"),
                new Case("under-replicated after start waits while ISR progresses",
                        () -> g2(healthy().isr("orders-1", 3, 1).isr("orders-0", 1, 3).at(10),
                                healthy().isr("orders-1", 3, 1).at(200),
                                healthy().isr("orders-1", 3, 1).at(400)),
                        Wait.class, "partition orders-1 is under-replicated: ISR [3, 1] of replicas [2, 3, 1], not in sync: [2]"),
                new Case("under-replicated after start refuses once ISR made no progress for the configured time",
                        () -> g2(SETTINGS.withIsrStallTimeout(Duration.ofSeconds(120)),
                                healthy().isr("orders-4", 2, 3).at(10), healthy().isr("orders-4", 2, 3).at(60),
                                healthy().isr("orders-4", 2, 3).at(131)),
                        Refuse.class, "no ISR progress for 121 s (limit 120 s)", "partition orders-4 is under-replicated"),
                new Case("under-replicated after start is fine before the stall time",
                        () -> g2(healthy().isr("orders-4", 2, 3).at(10), healthy().isr("orders-4", 2, 3).at(131)), Wait.class,
                        "partition orders-4 is under-replicated"),
                new Case("offline partition not caused by B refuses G2", () -> g2(healthy().leader("orders-0", null).at(20)), Refuse.class,
                        "partition orders-0 is offline"),
                new Case("allowed RF 1 partition offline only for want of B waits in G2",
                        () -> g2(SETTINGS.allowingAtRisk("payments"), healthy().topic("payments", 2, 1, 1).leader("payments-1", null).at(20)),
                        Wait.class, "partition payments-1 is offline"),
                new Case("allowed RF == min ISR partition below min ISR only for want of B waits in G2",
                        () -> g2(SETTINGS.allowingAtRisk("audit"), healthy().topicConfig("audit", 2)
                                .partition("audit", 0, List.of(2, 1), List.of(1), 1).at(20)),
                        Wait.class, "partition audit-0 has ISR [1] < min.insync.replicas 2"),
                new Case("the same partition without the allowance refuses G2",
                        () -> g2(healthy().topicConfig("audit", 2).partition("audit", 0, List.of(2, 1), List.of(1), 1).at(20)),
                        Refuse.class, "partition audit-0 has ISR [1] < min.insync.replicas 2"),
                new Case("B not yet leading its preferred partitions waits in G2", () -> g2(healthy().leader("orders-1", 3).at(30)), Wait.class,
                        "partition orders-1 is led by broker 3 (kafka3), not by its preferred leader broker 2 (kafka2)"),

                // --- G3: after the whole roll
                new Case("broker on the old version refuses G3", () -> g3(healthy().versions(1, "2.1.1", "2.1.1")), Refuse.class,
                        "broker 1 (kafka1) should run 2.6.3 but its host is set up for 2.1.1"),
                new Case("non-preferred leader makes G3 wait", () -> g3(healthy().leader("orders-5", 1)), Wait.class,
                        "partition orders-5 is led by broker 1 (kafka1), not its preferred leader broker 3 (kafka3)"),

                // --- sampling rule
                new Case("two passing samples closer than 2 s do not pass",
                        () -> agreement.decide(List.of(sample(0, pass), sample(1500, pass))), Wait.class, "at least 2000 ms apart"),
                new Case("two passing samples 2 s apart pass",
                        () -> agreement.decide(List.of(sample(0, pass), sample(1000, pass), sample(2000, pass))), Pass.class),
                new Case("a failing sample between two passes restarts the agreement",
                        () -> agreement.decide(List.of(sample(0, pass), sample(1000, wait), sample(2500, pass), sample(3500, pass))), Wait.class,
                        "span only 1000 ms"),
                new Case("latest failing sample is returned as it is",
                        () -> agreement.decide(List.of(sample(0, pass), sample(3000, wait))), Wait.class, "orders-1"),
                new Case("a healthy sample still waiting for leadership to move back agrees on health with the pass after it",
                        () -> agreement.decide(List.of(sample(0, g2(healthy().leader("orders-1", 3).at(0))), sample(2100, pass))), Pass.class),
                new Case("a wait that is not healthy does not count towards the agreement",
                        () -> agreement.decide(List.of(sample(0, g2(healthy().isr("orders-1", 3, 1).at(0))), sample(2100, pass))), Wait.class,
                        "span only 0 ms"),
                new Case("a healthy wait alone never passes",
                        () -> agreement.decide(List.of(sample(0, pass), sample(2100, g2(healthy().leader("orders-1", 3).at(0))))), Wait.class,
                        "not by its preferred leader"),
                new Case("leadership is asked for only once the rest of G2 passes",
                        () -> g2(healthy().leader("orders-1", 3).isr("orders-4", 2, 3).at(30)), Wait.class, "orders-4 is under-replicated"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gateTable(Case c) {
        GateVerdict v = c.verdict().get();
        assertThat(v).as(c.name() + " -> " + v).isInstanceOf(c.expected());
        for (String words : c.mustSay()) {
            assertThat(v.reason()).as(c.name()).contains(words);
        }
    }

    static ZooKeeperEnsemble zk(ZooKeeperNode... nodes) { return new ZooKeeperEnsemble(List.of(nodes)); }

    /** The most severe of several verdicts, so one row can cover every broker. */
    static GateVerdict worst(GateVerdict... verdicts) {
        return Arrays.stream(verdicts).filter(v -> v instanceof Refuse).findFirst()
                .or(() -> Arrays.stream(verdicts).filter(v -> v instanceof Wait).findFirst())
                .orElse(verdicts[0]);
    }

    /** A Pass's warnings as a Wait so the table can check their words; anything else as it is. */
    static GateVerdict warningsAsWait(GateVerdict v) {
        return v instanceof Pass p && !p.warnings().isEmpty() ? new Wait(p.warnings()) : v;
    }
}
