package io.kafkaops.orchestrator.roll;

import io.kafkaops.orchestrator.Pause;
import io.kafkaops.orchestrator.gate.ClusterGate;
import io.kafkaops.orchestrator.gate.GateSettings;
import io.kafkaops.orchestrator.gate.GateVerdict;
import io.kafkaops.orchestrator.host.FileWrite;
import io.kafkaops.orchestrator.host.HostState;
import io.kafkaops.orchestrator.version.UpgradePath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine without a lab: a simulated cluster and fake hosts, every decision the real gates'. */
class BrokerRollScenariosTest {
    @TempDir Path tmp;

    final SimulatedCluster cluster = new SimulatedCluster();
    final StringWriter printed = new StringWriter();
    volatile Optional<String> leaseLost = Optional.empty();

    BrokerRoll engine(GateSettings settings) {
        return new BrokerRoll(context(settings), "test roll");
    }

    BrokerRoll.Context context(GateSettings settings) {
        // each pause moves the clock; a moment of real time lets the watch threads open their streams
        Pause pause = d -> {
            cluster.clock.advance(d);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        var ctx = new BrokerRoll.Context(cluster, Map.copyOf(cluster.hosts), cluster.names(), settings, tmp.resolve("journal.jsonl"),
                "orchestrator restart inventory/x.yml --wait-limit 30", new PrintWriter(printed, true), cluster.clock, Duration.ofSeconds(1), pause,
                () -> leaseLost);
        return ctx;
    }

    static void sleepMillis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Map<Integer, BrokerSwitch> restartAll() {
        Map<Integer, BrokerSwitch> s = new LinkedHashMap<>();
        for (int id = 1; id <= 3; id++) s.put(id, BrokerSwitch.restart("2.6.3"));
        return s;
    }

    /** A binary switch: a config written into the new directory before the stop, then the link. */
    static BrokerSwitch toNewDirectory(int broker) {
        return new BrokerSwitch("switch to the new directory", "2.6.3", Optional.of(new HostState("2.6.3", Map.of())),
                List.of(new FileWrite("/usr/local/kafka_new/config/server.properties", "broker.id=" + broker + "\n", "kafka", "0644")), List.of(),
                "ln -sfn new link", List.of(), Optional.of("ln -sfn old link"));
    }

    @Test
    void aRestartRollsEveryBrokerOneAtATimeWithTheControllerLastAndEndsAtG3() throws Exception {
        GateSettings settings = GateSettings.defaults();
        BrokerRoll roll = engine(settings);
        assertThat(roll.beforeRoll(s -> ClusterGate.beforeRoll(s, new UpgradePath.NothingToDo("restart"), settings))).isInstanceOf(GateVerdict.Pass.class);
        BrokerRoll.Outcome outcome = roll.roll(restartAll(), "2.6.3");

        assertThat(outcome).as(printed.toString()).isInstanceOf(BrokerRoll.Outcome.Completed.class);
        // broker 1 is the controller in the simulation (the lowest registered id): it goes last
        assertThat(cluster.stopped).containsExactly(2, 3, 1);
        assertThat(outcome.timings()).extracting(BrokerRoll.BrokerTiming::broker).containsExactly(2, 3, 1);
        cluster.brokers.values().forEach(b -> assertThat(b.starts).isEqualTo(1));
        assertThat(cluster.elections).isNotEmpty();
        assertThat(printed.toString()).contains("[test roll] [kafka2] G2 passed: back", "G0 passed");
        String journal = Files.readString(tmp.resolve("journal.jsonl"));
        assertThat(journal).contains("\"step\":\"G3\",\"outcome\":\"done\"").contains("\"broker\":2,\"step\":\"stop\"");
    }

    @Test
    void filesThatWaitBesideTheRunningBrokerAreWrittenOnEveryHostBeforeTheFirstStop() {
        Map<Integer, BrokerSwitch> switches = new LinkedHashMap<>();
        for (int id = 1; id <= 3; id++) switches.put(id, toNewDirectory(id));
        cluster.brokers.values().forEach(b -> b.link = "/usr/local/kafka_2.12-2.1.1");
        BrokerRoll.Outcome outcome = engine(GateSettings.defaults()).roll(switches, "2.6.3");

        assertThat(outcome).as(printed.toString()).isInstanceOf(BrokerRoll.Outcome.Completed.class);
        int firstStop = cluster.hosts.get(cluster.stopped.get(0)).log().indexOf(
                cluster.hosts.get(cluster.stopped.get(0)).log().stream().filter(l -> l.contains("systemctl stop --no-block")).findFirst().orElseThrow());
        cluster.hosts.forEach((id, h) -> {
            assertThat(h.file("/usr/local/kafka_new/config/server.properties")).isEqualTo("broker.id=" + id + "\n");
            assertThat(h.commands()).anyMatch(c -> c.contains("ln -sfn new link") && c.endsWith("systemctl start kafka-server"));
        });
        // the host stopped first had its file before its stop; so did every other (prepared at once, before any stop)
        assertThat(cluster.hosts.get(cluster.stopped.get(0)).log().subList(0, firstStop)).anyMatch(l -> l.startsWith("write: /usr/local/kafka_new/"));
    }

    @Test
    void aBrokerThatNeverComesBackIsPutBackAsItWasAndTheRollHaltsWithTheResumeCommand() {
        cluster.brokers.values().forEach(b -> b.link = "/usr/local/kafka_2.12-2.1.1");
        cluster.brokers.get(2).comesBack = false;
        cluster.onRelink = id -> cluster.brokers.get(id).comesBack = true; // back on its old setup it starts
        Map<Integer, BrokerSwitch> switches = new LinkedHashMap<>();
        for (int id = 1; id <= 3; id++) switches.put(id, toNewDirectory(id));

        BrokerRoll.Outcome outcome = engine(GateSettings.defaults()).roll(switches, "2.6.3");

        assertThat(outcome).isInstanceOf(BrokerRoll.Outcome.Halted.class);
        BrokerRoll.Outcome.Halted halted = (BrokerRoll.Outcome.Halted) outcome;
        assertThat(halted.broker()).contains(2);
        assertThat(halted.reason()).contains("broker 2 (kafka2) failed to start after \"switch to the new directory\"",
                "exited after its start (systemd: failed 3)", "put back on its previous version and config and restarted");
        List<String> undo = cluster.hosts.get(2).commands();
        assertThat(undo).anyMatch(c -> c.startsWith("systemctl stop kafka-server; systemctl reset-failed"));
        assertThat(undo.indexOf("ln -sfn old link")).isGreaterThan(undo.indexOf(undo.stream().filter(c -> c.startsWith("systemctl stop kafka-server;"))
                .findFirst().orElseThrow()));
        assertThat(cluster.brokers.get(2).running).isTrue();
        // no other broker was touched
        assertThat(cluster.stopped).containsExactly(2);
        assertThat(printed.toString()).contains("resume with:", "orchestrator restart inventory/x.yml --wait-limit 30");
    }

    @Test
    void aSecondBrokerGoingAwayWhileOneIsRolledHaltsAtOnce() {
        cluster.onStart = id -> {
            if (id != 2) return;
            // the watch opens its streams on threads of its own: wait (real time) until broker 3's is open
            var host3 = cluster.hosts.get(3);
            for (int i = 0; i < 500 && !host3.streaming(); i++) sleepMillis(2);
            host3.says("gone");
        };
        BrokerRoll.Outcome outcome = engine(GateSettings.defaults()).roll(restartAll(), "2.6.3");

        assertThat(outcome).isInstanceOf(BrokerRoll.Outcome.Halted.class);
        assertThat(((BrokerRoll.Outcome.Halted) outcome).reason())
                .contains("broker 3 (kafka3)'s kafka-server process (main PID 103) went away while broker 2 (kafka2) was being rolled");
        assertThat(cluster.stopped).containsExactly(2);
    }

    @Test
    void aStopThatTakesTooLongHaltsAndNothingIsKilled() {
        cluster.brokers.get(2).stopTimesOut = true;
        BrokerRoll.Outcome outcome = engine(GateSettings.defaults()).roll(restartAll(), "2.6.3");

        assertThat(((BrokerRoll.Outcome.Halted) outcome).reason()).contains("did not finish its controlled shutdown within 300 s; it was NOT killed");
        cluster.hosts.values().forEach(h -> assertThat(h.commands()).noneMatch(c -> c.contains("kill") || c.contains("systemctl start")));
    }

    @Test
    void resumeSkipsBrokersAlreadySwitchedAndFinishesTheOneAKilledRollLeftStoppedFirst() {
        Map<Integer, BrokerSwitch> switches = new LinkedHashMap<>();
        for (int id = 1; id <= 3; id++) switches.put(id, toNewDirectory(id));
        // broker 3 was switched and is running; broker 1 was switched and stopped when the earlier run died; broker 2 is to do
        cluster.brokers.get(2).link = "/usr/local/kafka_2.12-2.1.1";
        cluster.brokers.get(1).running = false;
        journalSays(new JournalEntry(cluster.clock.instant(), "test roll", Optional.empty(), "G0", JournalEntry.Outcome.DONE, ""),
                new JournalEntry(cluster.clock.instant(), "test roll", Optional.of(1), "stop", JournalEntry.Outcome.STARTED, ""));

        BrokerRoll.Outcome outcome = engine(GateSettings.defaults()).roll(switches, "2.6.3");

        assertThat(outcome).as(printed.toString()).isInstanceOf(BrokerRoll.Outcome.Completed.class);
        assertThat(printed.toString()).contains("[kafka3] already done (switch to the new directory): skipped",
                "[kafka1] is stopped (its unit is not active), as a roll interrupted between its stop and its start leaves it: starting it");
        assertThat(cluster.brokers.get(3).starts).isZero();
        assertThat(cluster.brokers.get(1).starts).isEqualTo(1);
        // broker 1 was started without a stop (it was down already); only broker 2 was stopped
        assertThat(cluster.stopped).containsExactly(2);
        assertThat(cluster.hosts.get(1).commands()).noneMatch(c -> c.contains("ln -sfn new link"));
    }

    @Test
    void aRestartResumedAfterAKillSkipsTheBrokersItRestartedAndStartsTheOneItStoppedFirst() throws Exception {
        // the killed restart rolled broker 2, then stopped broker 3 and died before starting it
        cluster.brokers.get(3).running = false;
        java.time.Instant t = cluster.clock.instant();
        journalSays(new JournalEntry(t, GatedRestart.PHASE, Optional.empty(), "G0", JournalEntry.Outcome.DONE, ""),
                new JournalEntry(t, GatedRestart.PHASE, Optional.of(2), "stop", JournalEntry.Outcome.DONE, ""),
                new JournalEntry(t, GatedRestart.PHASE, Optional.of(2), "broker rolled", JournalEntry.Outcome.DONE, ""),
                new JournalEntry(t, GatedRestart.PHASE, Optional.of(3), "stop", JournalEntry.Outcome.STARTED, ""));
        Map<Integer, io.kafkaops.orchestrator.host.HostReading> hosts = new LinkedHashMap<>();
        for (int id = 1; id <= 3; id++) hosts.put(id, io.kafkaops.orchestrator.host.HostReading.read(cluster.hosts.get(id)));
        RollJournal.OpenRoll open = RollJournal.read(tmp.resolve("journal.jsonl")).openRoll(GatedRestart.PHASE);

        BrokerRoll.Outcome outcome = new BrokerRoll(context(GateSettings.defaults()), GatedRestart.PHASE)
                .roll(GatedRestart.switches(hosts, open), "2.6.3");

        assertThat(outcome).as(printed.toString()).isInstanceOf(BrokerRoll.Outcome.Completed.class);
        assertThat(printed.toString()).contains("[kafka2] already done (restarted by the earlier run of this restart at " + t + ")");
        assertThat(cluster.brokers.get(2).starts).isZero();
        assertThat(cluster.brokers.get(3).starts).isEqualTo(1);
        // broker 3 was down already: only broker 1 (the controller, last) was stopped
        assertThat(cluster.stopped).containsExactly(1);
        // the restart is finished: the next one starts afresh
        assertThat(RollJournal.read(tmp.resolve("journal.jsonl")).openRoll(GatedRestart.PHASE).begun()).isFalse();
    }

    @Test
    void aBrokerStoppedBySomeoneElseIsNotStartedWithoutG0AndG1() {
        Map<Integer, BrokerSwitch> switches = new LinkedHashMap<>();
        for (int id = 1; id <= 3; id++) switches.put(id, toNewDirectory(id));
        cluster.brokers.get(1).running = false;
        // the journal knows of a finished roll of this phase, and of broker 1 only that it rolled then
        journalSays(new JournalEntry(cluster.clock.instant(), "test roll", Optional.of(1), "stop", JournalEntry.Outcome.DONE, ""),
                new JournalEntry(cluster.clock.instant(), "test roll", Optional.of(1), "broker rolled", JournalEntry.Outcome.DONE, ""),
                new JournalEntry(cluster.clock.instant(), "test roll", Optional.empty(), "G3", JournalEntry.Outcome.DONE, ""),
                new JournalEntry(cluster.clock.instant(), "other phase", Optional.of(1), "stop", JournalEntry.Outcome.STARTED, ""));

        BrokerRoll.Outcome outcome = engine(GateSettings.defaults()).roll(switches, "2.6.3");

        assertThat(((BrokerRoll.Outcome.Halted) outcome).reason()).contains("broker 1 (kafka1) is stopped",
                "has no stop of it by this tool in this phase", "not started without G0 and G1");
        cluster.brokers.values().forEach(b -> assertThat(b.starts).isZero());
        assertThat(cluster.stopped).isEmpty();
    }

    private void journalSays(JournalEntry... entries) {
        try {
            Files.writeString(tmp.resolve("journal.jsonl"), new RollJournal(List.of(entries)).toJsonLines());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aRunThatLostTheClustersLeaseStopsNoFurtherBroker() {
        // the lease is broken while broker 2 (the first) rolls: broker 3 is not stopped
        cluster.onStart = id -> leaseLost = Optional.of("someone broke this run's lease");
        BrokerRoll.Outcome outcome = engine(GateSettings.defaults()).roll(restartAll(), "2.6.3");

        assertThat(((BrokerRoll.Outcome.Halted) outcome).reason()).isEqualTo("not stopping broker 3 (kafka3): someone broke this run's lease");
        assertThat(cluster.stopped).containsExactly(2);
    }

    @Test
    void aSampleThatFailsBetweenBrokersIsTakenAgain() {
        // the sample that picks the first broker fails twice: a glitch of the Admin API must not end a long roll
        cluster.failingSamples.set(2);
        BrokerRoll.Outcome outcome = engine(GateSettings.defaults()).roll(restartAll(), "2.6.3");
        assertThat(outcome).as(printed.toString()).isInstanceOf(BrokerRoll.Outcome.Completed.class);
    }

    @Test
    void anAdminApiThatStaysAwayBetweenBrokersHaltsBeforeTheNextStop() {
        cluster.failingSamples.set(1000);
        BrokerRoll.Outcome outcome = engine(GateSettings.defaults()).roll(restartAll(), "2.6.3");
        assertThat(((BrokerRoll.Outcome.Halted) outcome).reason()).startsWith("no snapshot of the cluster after 3 tries")
                .contains("Timed out waiting for a node assignment");
        assertThat(cluster.stopped).isEmpty();
    }

    @Test
    void twoBrokersFoundStoppedHaltBeforeAnythingIsTouched() {
        cluster.brokers.get(1).running = false;
        cluster.brokers.get(2).running = false;
        BrokerRoll.Outcome outcome = engine(GateSettings.defaults()).roll(restartAll(), "2.6.3");

        assertThat(((BrokerRoll.Outcome.Halted) outcome).reason()).contains("broker 1 (kafka1) and broker 2 (kafka2) are stopped");
        cluster.brokers.values().forEach(b -> assertThat(b.starts).isZero());
    }

    @Test
    void aGateThatWaitsPastItsLimitHaltsWithTheWaitAsTheReason() {
        // broker 2's unit runs but the broker does not register: G2 waits until the limit
        GateSettings settings = new GateSettings(Duration.ofSeconds(2), Duration.ofSeconds(300), Duration.ofSeconds(300), Duration.ofSeconds(300), 1000,
                Duration.ofSeconds(20), Duration.ofSeconds(300), java.util.Set.of(), Duration.ofMillis(2000));
        cluster.onStart = id -> cluster.brokers.get(id).startedAt = cluster.clock.instant().plus(Duration.ofHours(1)); // registers in an hour
        BrokerRoll.Outcome outcome = engine(settings).roll(restartAll(), "2.6.3");

        assertThat(((BrokerRoll.Outcome.Halted) outcome).reason()).startsWith("G2 after starting broker 2 (kafka2): still waiting after 2")
                .contains("(limit 20 s)", "broker 2 (kafka2) is not registered");
        assertThat(cluster.stopped).containsExactly(2);
    }
}
