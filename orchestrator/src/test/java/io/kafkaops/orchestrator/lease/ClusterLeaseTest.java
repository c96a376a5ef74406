package io.kafkaops.orchestrator.lease;

import io.kafkaops.orchestrator.ssh.RemoteHost;
import io.kafkaops.orchestrator.testkit.FakeHost;
import io.kafkaops.orchestrator.testkit.LocalShell;
import io.kafkaops.orchestrator.testkit.ManualClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The lease scripts run in a real sh with flock, each host in a directory of its own. */
class ClusterLeaseTest {
    /** Relative: each host's shell runs in its own directory, so the same path is a file per host. */
    private static final String FILE = "var/lease";

    @TempDir Path tmp;
    private final Map<String, RemoteHost> hosts = new LinkedHashMap<>();
    private final Clock clock = Clock.systemUTC();

    @BeforeEach
    void hosts() throws Exception {
        for (String h : List.of("kafka1", "kafka2", "kafka3")) {
            Path dir = Files.createDirectories(tmp.resolve(h));
            hosts.put(h, new FakeHost(h).answers(".", LocalShell.in(dir)));
        }
    }

    private Path leaseOn(String host) { return tmp.resolve(host).resolve(FILE); }

    private ClusterLease take(String command) throws Exception {
        return ClusterLease.take(FILE, hosts, command, "orchestrator unlock inv.yml", clock);
    }

    @Test
    void aSecondRunIsRefusedWithWhoHoldsItSinceWhenAndHowToBreakIt() throws Exception {
        try (ClusterLease first = take("orchestrator upgrade inv.yml --to 2.6.3")) {
            assertThat(Files.readString(leaseOn("kafka2"))).contains("run=" + first.run(), "command=orchestrator upgrade inv.yml --to 2.6.3");
            assertThatThrownBy(() -> take("orchestrator restart inv.yml")).isInstanceOf(LeaseHeld.class)
                    .hasMessageContaining("another operation holds this cluster: run " + first.run())
                    .hasMessageContaining("`orchestrator upgrade inv.yml --to 2.6.3`, since ")
                    .hasMessageContaining("on kafka1, kafka2, kafka3")
                    .satisfies(e -> assertThat(((LeaseHeld) e).describe())
                            .contains("fix: wait for it to end", "orchestrator unlock inv.yml --run " + first.run()));
            // the refused run changed nothing: the first run still holds every host
            for (String h : hosts.keySet()) assertThat(Files.readString(leaseOn(h))).contains("run=" + first.run());
        }
        for (String h : hosts.keySet()) assertThat(leaseOn(h)).doesNotExist();
        try (ClusterLease second = take("orchestrator restart inv.yml")) {
            assertThat(Files.readString(leaseOn("kafka1"))).contains("run=" + second.run());
        }
    }

    @Test
    void aRefusalOnOneHostGivesBackTheLeasesTakenOnTheOthers() throws Exception {
        Files.createDirectories(leaseOn("kafka3").getParent());
        Lease other = new Lease("20261201000000-other", "ops@elsewhere", "elsewhere", 4242, 0, "orchestrator provision inv.yml",
                Instant.now(), Instant.now());
        Files.writeString(leaseOn("kafka3"), other.format());
        assertThatThrownBy(() -> take("orchestrator restart inv.yml")).isInstanceOf(LeaseHeld.class)
                .hasMessageContaining("run 20261201000000-other by ops@elsewhere").hasMessageContaining("(on kafka3)")
                .hasMessageNotContaining("stale");
        assertThat(leaseOn("kafka1")).doesNotExist();
        assertThat(leaseOn("kafka2")).doesNotExist();
        assertThat(Files.readString(leaseOn("kafka3"))).isEqualTo(other.format());
    }

    @Test
    void aLeaseLeftByAProcessOfThisMachineThatIsGoneIsTakenOverButAStaleOneOfAnotherMachineIsNot() throws Exception {
        String here = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        long deadPid = deadPid();
        Lease killed = new Lease("20261201000000-killed", "root@" + here, here, deadPid, 0, "orchestrator upgrade inv.yml --to 2.6.3",
                Instant.now().minusSeconds(5), Instant.now().minusSeconds(5));
        for (String h : List.of("kafka1", "kafka2")) {
            Files.createDirectories(leaseOn(h).getParent());
            Files.writeString(leaseOn(h), killed.format());
        }
        try (ClusterLease resumed = take("orchestrator upgrade inv.yml --to 2.6.3")) {
            for (String h : hosts.keySet()) assertThat(Files.readString(leaseOn(h))).contains("run=" + resumed.run());
        }

        Lease elsewhere = new Lease("20261201000000-far", "ops@far", "far", deadPid, 0, "orchestrator restart inv.yml",
                Instant.now().minus(Duration.ofMinutes(10)), Instant.now().minus(Duration.ofMinutes(10)));
        Files.writeString(leaseOn("kafka1"), elsewhere.format());
        assertThatThrownBy(() -> take("orchestrator restart inv.yml")).isInstanceOf(LeaseHeld.class)
                .hasMessageContaining("has not refreshed its lease for over 90 s")
                .satisfies(e -> assertThat(((LeaseHeld) e).describe()).contains("--run 20261201000000-far"));
        assertThat(ClusterLease.breakRun(FILE, hosts, "20261201000000-far"))
                .containsEntry("kafka1", "lease of run 20261201000000-far removed").containsEntry("kafka2", "no lease");
        try (ClusterLease now = take("orchestrator restart inv.yml")) {
            assertThat(Files.readString(leaseOn("kafka1"))).contains("run=" + now.run());
            assertThat(ClusterLease.breakRun(FILE, hosts, "20261201000000-far")).containsEntry("kafka1", "left alone: held by " + now.run());
        }
    }

    @Test
    void ofManyRunsRacingForTheSameClusterExactlyOneWins() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ClusterLease>> tries = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            tries.add(pool.submit(() -> {
                go.await();
                try {
                    return take("orchestrator restart inv.yml");
                } catch (LeaseHeld held) {
                    return null;
                }
            }));
        }
        go.countDown();
        List<ClusterLease> won = new ArrayList<>();
        for (Future<ClusterLease> f : tries) {
            ClusterLease l = f.get(60, TimeUnit.SECONDS);
            if (l != null) won.add(l);
        }
        pool.shutdown();
        // a race may also leave every run refused (each saw another's half-taken lease); never two winners
        assertThat(won).hasSizeLessThanOrEqualTo(1);
        for (ClusterLease l : won) {
            for (String h : hosts.keySet()) assertThat(Files.readString(leaseOn(h))).contains("run=" + l.run());
            l.close();
        }
        for (String h : hosts.keySet()) assertThat(leaseOn(h)).doesNotExist();
    }

    @Test
    void aRunWhoseLeaseWasBrokenKnowsItLostIt() throws Exception {
        try (ClusterLease mine = take("orchestrator upgrade inv.yml --to 2.6.3")) {
            assertThat(ClusterLease.breakRun(FILE, hosts, mine.run())).containsEntry("kafka1", "lease of run " + mine.run() + " removed");
            try (ClusterLease other = take("orchestrator restart inv.yml")) {
                mine.refreshNow();
                assertThat(mine.lost()).hasValueSatisfying(why -> assertThat(why).contains("held by another run", other.run()));
            }
        }
    }

    @Test
    void aHostThatCannotBeAskedFailsTheTakeAndLeavesNoLeaseElsewhere() throws Exception {
        ((FakeHost) hosts.get("kafka2")).goesDown();
        assertThatThrownBy(() -> take("orchestrator restart inv.yml")).hasMessageContaining("kafka2");
        assertThat(leaseOn("kafka1")).doesNotExist();
        assertThat(leaseOn("kafka3")).doesNotExist();
    }

    private static long deadPid() {
        long pid = 4_000_000;
        while (ProcessHandle.of(pid).isPresent()) pid++;
        return pid;
    }
}
