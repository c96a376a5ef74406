package io.kafkaops.orchestrator.roll;

import io.kafkaops.orchestrator.Pause;
import io.kafkaops.orchestrator.gate.ClusterSnapshot;
import io.kafkaops.orchestrator.gate.GateSettings;
import io.kafkaops.orchestrator.gate.MetadataQuorum.KRaftQuorum;
import io.kafkaops.orchestrator.gate.MetadataQuorum.KRaftQuorum.Voter;
import io.kafkaops.orchestrator.gate.PartitionState;
import io.kafkaops.orchestrator.host.FileWrite;
import io.kafkaops.orchestrator.host.HostReading;
import io.kafkaops.orchestrator.host.HostState;
import io.kafkaops.orchestrator.kafka.LeaderElection.Election;
import io.kafkaops.orchestrator.ssh.CommandResult;
import io.kafkaops.orchestrator.testkit.FakeHost;
import io.kafkaops.orchestrator.testkit.ManualClock;
import io.kafkaops.orchestrator.testkit.SnapshotBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The controllers' roll without a lab: three simulated KRaft controllers behind fake hosts (systemd's answers) and a
 * quorum that elects the lowest running one, catches a started controller up after 3 s and reports the leader's and each
 * voter's last caught-up times, as 4.1.1 does. Every decision is the real gates'.
 */
class ControllerRollScenariosTest {
    static final Duration CATCHES_UP_AFTER = Duration.ofSeconds(3);
    static final String OLD = "/usr/local/kafka_2.13-3.9.2";
    static final String NEW = "/usr/local/kafka_2.13-4.1.1";

    @TempDir Path tmp;
    final ManualClock clock = new ManualClock();
    final Map<Integer, Controller> controllers = new TreeMap<>();
    final Map<Integer, FakeHost> hosts = new TreeMap<>();
    final List<String> stops = new ArrayList<>();
    final StringWriter printed = new StringWriter();

    final class Controller {
        final int id;
        volatile boolean running = true;
        volatile boolean comesBack = true;
        volatile String link = OLD;
        volatile Instant startedAt = Instant.EPOCH;
        volatile Instant lastCaughtUp = Instant.EPOCH;

        Controller(int id) { this.id = id; }

        boolean caughtUp() { return running && !clock.instant().isBefore(startedAt.plus(CATCHES_UP_AFTER)); }
    }

    ControllerRollScenariosTest() {
        for (int id = 9991; id <= 9993; id++) {
            Controller c = new Controller(id);
            controllers.put(id, c);
            FakeHost h = new FakeHost("kctl" + (id - 9990));
            h.answers("^echo link=", cmd -> ok(cmd, "link=" + c.link + "\nactive=" + (c.running ? "active" : "inactive") + "\n"
                    + (c.running ? "startlog.version=Kafka version: " + c.link.substring(c.link.lastIndexOf('-') + 1) + "\n" : "")));
            h.answers("^systemctl stop --no-block", cmd -> {
                c.running = false;
                stops.add(h.name());
                return ok(cmd, "");
            });
            h.answers("^ln -sfn", cmd -> {
                relink(c, cmd);
                return ok(cmd, "");
            });
            h.answers("systemctl start kafka-server$", cmd -> {
                relink(c, cmd);
                c.running = c.comesBack;
                c.startedAt = clock.instant();
                return ok(cmd, "");
            });
            h.answers("^systemctl is-active", cmd -> ok(cmd, c.running ? "active\n0\n" : "failed\n3\n"));
            hosts.put(id, h);
        }
    }

    private void relink(Controller c, String command) {
        if (command.contains("ln -sfn new link")) c.link = NEW;
        if (command.contains("ln -sfn old link")) c.link = OLD;
    }

    private static CommandResult ok(String command, String stdout) { return new CommandResult(command, 0, stdout, ""); }

    /** The quorum as describeMetadataQuorum reports it: the lowest running controller leads. */
    KRaftQuorum quorum() {
        Instant now = clock.instant();
        controllers.values().forEach(c -> {
            if (c.caughtUp()) c.lastCaughtUp = now;
        });
        Optional<Integer> leader = controllers.values().stream().filter(c -> c.running).map(c -> c.id).findFirst();
        List<Voter> voters = new ArrayList<>();
        for (Controller c : controllers.values()) {
            boolean isLeader = leader.isPresent() && leader.get() == c.id;
            long t = (isLeader ? now : c.lastCaughtUp).toEpochMilli();
            voters.add(new Voter(c.id, 1000, OptionalLong.of(t), OptionalLong.of(t)));
        }
        return new KRaftQuorum(leader, 3, 1000, voters, List.of());
    }

    final RolledCluster cluster = new RolledCluster() {
        @Override public ClusterSnapshot sample(Optional<Integer> avoid, Set<Integer> spare) {
            return SnapshotBuilder.healthy().at(clock.instant()).quorum(quorum()).build();
        }
        @Override public void hostRead(int broker, HostReading reading) { }
        @Override public Optional<HostReading> host(int broker) { return Optional.empty(); }
        @Override public ClusterSnapshot withLatestHostFacts(ClusterSnapshot snapshot, int broker) { return snapshot; }
        @Override public Election electPreferred(int broker, List<PartitionState> partitions) { return new Election(true, List.of()); }
    };

    ControllerRoll roll(GateSettings settings) {
        Pause pause = clock::advance;
        Map<Integer, String> names = new TreeMap<>();
        hosts.forEach((id, h) -> names.put(id, h.name()));
        return new ControllerRoll(new BrokerRoll.Context(cluster, Map.copyOf(hosts), names, settings, tmp.resolve("journal.jsonl"),
                "orchestrator upgrade inventory/x.yml --to 4.1.1", new PrintWriter(printed, true), clock, Duration.ofSeconds(1), pause,
                Optional::empty), "controllers");
    }

    static Map<Integer, BrokerSwitch> toNew() {
        Map<Integer, BrokerSwitch> s = new LinkedHashMap<>();
        for (int id = 9991; id <= 9993; id++) {
            s.put(id, new BrokerSwitch("switch to 4.1.1", "4.1.1", Optional.of(new HostState("4.1.1", Map.of())),
                    List.of(new FileWrite(NEW + "/config/controller.properties", "node.id=" + id + "\n", "kafka", "0600")), List.of(),
                    "ln -sfn new link", List.of(), Optional.of("ln -sfn old link")));
        }
        return s;
    }

    @Test
    void everyControllerMovesOneAtATimeTheLeaderLastAndEachIsACaughtUpVoterOnTheNewReleaseBeforeTheNext() {
        Optional<String> halted = roll(GateSettings.defaults()).roll(toNew(), Set.of(), Set.of());
        assertThat(halted).as(printed.toString()).isEmpty();
        // 9991 leads; the followers first by id, then the leader (9992 leads by then)
        assertThat(stops).containsExactly("kctl2", "kctl3", "kctl1");
        assertThat(controllers.values()).allMatch(c -> c.link.equals(NEW) && c.running);
        // each one's configs were in its new directory before its stop
        assertThat(hosts.get(9993).file(NEW + "/config/controller.properties")).isEqualTo("node.id=9993\n");
        assertThat(printed.toString()).contains("[controllers] [kctl2] G2 passed: a caught-up voter again")
                .contains("every controller restarted; the quorum has a leader and every voter caught up");
    }

    @Test
    void aControllerThatDoesNotStartOnTheNewReleaseIsPutBackAndTheRollHaltsLeavingTheOthersAsTheyAre() {
        controllers.get(9992).comesBack = false;
        Optional<String> halted = roll(GateSettings.defaults()).roll(toNew(), Set.of(), Set.of());
        assertThat(halted).get().asString().contains("controller 9992 (kctl2) failed to start after \"switch to 4.1.1\"")
                .contains("put back on its previous version");
        assertThat(controllers.get(9992).link).isEqualTo(OLD);
        assertThat(stops).containsExactly("kctl2");
        assertThat(controllers.get(9991).link).isEqualTo(OLD);
        assertThat(controllers.get(9993).link).isEqualTo(OLD);
        assertThat(printed.toString()).contains("orchestrator upgrade inventory/x.yml --to 4.1.1");
    }

    @Test
    void aLaggingVoterIsRolledFirstAndNoOtherIsStoppedWhileItLags() {
        // 9993 is down when the roll begins (a run killed after stopping it): it is the lagging one, so it goes first
        controllers.get(9993).running = false;
        clock.advance(Duration.ofSeconds(10));
        Optional<String> halted = roll(GateSettings.defaults()).roll(toNew(), Set.of(), Set.of(9993));
        assertThat(halted).as(printed.toString()).isEmpty();
        assertThat(stops.get(0)).isEqualTo("kctl3");
        assertThat(stops).containsExactly("kctl3", "kctl2", "kctl1");
    }

    @Test
    void aControllerSomeoneElseStoppedIsNotStartedAndNothingIsTouched() {
        controllers.get(9992).running = false;
        Optional<String> halted = roll(GateSettings.defaults()).roll(toNew(), Set.of(), Set.of());
        assertThat(halted).get().asString().contains("controller 9992 (kctl2) is stopped (its unit is not active)")
                .contains("a controller stopped by someone else is not started without G0 and G1");
        assertThat(stops).isEmpty();
        assertThat(controllers.get(9992).running).isFalse();
        assertThat(controllers.values()).allMatch(c -> c.link.equals(OLD));
    }
}
