package io.kafkaops.orchestrator.lab;

import io.kafkaops.orchestrator.ssh.CommandResult;
import io.kafkaops.orchestrator.ssh.HostKeyPolicy;
import io.kafkaops.orchestrator.ssh.HostUnreachable;
import io.kafkaops.orchestrator.ssh.SshRemoteHost;
import io.kafkaops.orchestrator.ssh.SshTarget;
import io.kafkaops.orchestrator.testkit.LabSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared lab's hosts behave like real hosts: SSH with checked host keys, systemd, names, faults. */
@ExtendWith(LabExtension.class)
class LabHostsIT {

    @Test
    void sshWithTheLabKeyChecksHostKeysAgainstKnownHosts(RunningLab lab) throws Exception {
        for (LabHost h : lab.hosts()) {
            try (LabSession ssh = lab.ssh(h.name())) {
                assertThat(ssh.exec("hostname").strip()).isEqualTo(h.name());
            }
        }
    }

    @Test
    void aWrongKnownHostsEntryIsRefused(RunningLab lab, @TempDir Path tmp) throws Exception {
        // through the production client, as provision and upgrade connect: zk1's address pinned with zk2's host key
        List<String> lines = Files.readAllLines(lab.knownHosts());
        String zk2Key = lines.stream().filter(l -> l.startsWith("zk2,")).findFirst().orElseThrow().split(" ", 2)[1];
        String pinned = "zk1," + lab.address("zk1") + " " + zk2Key + "\n";
        Path wrong = Files.writeString(tmp.resolve("known_hosts"), pinned);
        for (HostKeyPolicy policy : HostKeyPolicy.values()) {
            assertThatThrownBy(() -> SshRemoteHost.connect(zk1(lab, wrong), policy).close())
                    .isInstanceOf(HostUnreachable.class)
                    .hasMessageContaining("host key of " + lab.address("zk1") + " CHANGED (possible man-in-the-middle)")
                    .hasMessageContaining("ssh-keygen -R");
            assertThat(Files.readString(wrong)).isEqualTo(pinned);
        }
        Path missing = tmp.resolve("none/known_hosts");
        assertThatThrownBy(() -> SshRemoteHost.connect(zk1(lab, missing), HostKeyPolicy.STRICT).close())
                .isInstanceOf(HostUnreachable.class)
                .hasMessageContaining("host key of " + lab.address("zk1") + " is unknown")
                .hasMessageContaining("--accept-new-host-keys");
        assertThat(tmp.resolve("none")).doesNotExist();
    }

    private static SshTarget zk1(RunningLab lab, Path knownHosts) {
        return new SshTarget("zk1", lab.address("zk1"), 22, "root", Optional.of(lab.privateKey()), Optional.of(knownHosts), false);
    }

    @Test
    void eachHostIsItsOwnMachineWithSystemdAsPid1(RunningLab lab) throws Exception {
        List<String> machineIds = new java.util.ArrayList<>();
        for (LabHost h : lab.hosts()) {
            try (LabSession ssh = lab.ssh(h.name())) {
                assertThat(ssh.exec("cat /proc/1/comm").strip()).isEqualTo("systemd");
                assertThat(ssh.exec("systemctl is-system-running --wait").strip()).isEqualTo("running");
                assertThat(ssh.exec("ip -4 route show default")).isBlank();
                assertThat(ssh.exec("getent hosts kafka3").strip()).startsWith(lab.address("kafka3"));
                assertThat(ssh.exec("test -x /usr/lib/jvm/java-17-openjdk-amd64/bin/java && echo jdk").strip()).isEqualTo("jdk");
                machineIds.add(ssh.exec("cat /etc/machine-id").strip());
            }
        }
        assertThat(machineIds.stream().collect(Collectors.toSet())).hasSize(lab.hosts().size());
        assertThat(Files.readString(Path.of("/etc/hosts"))).contains(lab.address("zk1") + " zk1");
    }

    @Test
    void aCrashedHostBootsWithItsFilesAndEnabledUnits(RunningLab lab) throws Exception {
        try (LabSession ssh = lab.ssh("zk3")) {
            ssh.exec("echo survived > /root/marker && printf '[Unit]\\nDescription=lab probe\\n[Service]\\nExecStart=/bin/sleep infinity\\n"
                    + "[Install]\\nWantedBy=multi-user.target\\n' > /etc/systemd/system/labprobe.service"
                    + " && systemctl daemon-reload && systemctl enable --now labprobe.service");
        }
        lab.crash("zk3");
        assertThat(lab.lab().initPid(lab.name(), "zk3")).isEmpty();
        lab.boot("zk3");
        try (LabSession ssh = lab.ssh("zk3")) {
            assertThat(ssh.exec("cat /root/marker").strip()).isEqualTo("survived");
            assertThat(ssh.exec("systemctl is-active labprobe.service").strip()).isEqualTo("active");
            ssh.exec("systemctl disable --now labprobe.service && rm /etc/systemd/system/labprobe.service /root/marker");
        }
    }

    @Test
    void cuttingAPairDropsOnlyThatPair(RunningLab lab) throws Exception {
        lab.cut("zk1", "zk2");
        try (LabSession ssh = lab.ssh("zk1")) {
            assertThat(ssh.run("timeout 2 bash -c '</dev/tcp/zk2/22'").exitStatus()).isNotZero();
            assertThat(ssh.run("timeout 2 bash -c '</dev/tcp/zk3/22'").exitStatus()).isZero();
        } finally {
            lab.heal("zk1");
        }
        try (LabSession ssh = lab.ssh("zk1")) {
            assertThat(ssh.run("timeout 2 bash -c '</dev/tcp/zk2/22'").exitStatus()).isZero();
        }
        lab.cut("zk2");
        assertThat(Lab.sshdAnswers(lab.address("zk2"))).isFalse();
        lab.heal("zk2");
        assertThat(Lab.sshdAnswers(lab.address("zk2"))).isTrue();
    }

    /**
     * The hosts share the machine's kernel clock (there is no time namespace): a lab host must not be able to set it.
     * Each attempt is followed at once by a check of CLOCK_REALTIME against CLOCK_MONOTONIC (which no clock set moves)
     * and, should the clock have moved, by putting it back before anything is asserted.
     */
    @Test
    void aLabHostCannotSetTheMachinesClock(RunningLab lab) throws Exception {
        long offset = realtimeMinusMonotonicNanos();
        try (LabSession ssh = lab.ssh("zk1")) {
            List<String> attempts = List.of(
                    "date -s @$(( $(date +%s) + 5 ))",
                    "timedatectl set-ntp false; timedatectl set-time \"$(date -d '+5 seconds' '+%Y-%m-%d %H:%M:%S')\"",
                    "timedatectl set-timezone Asia/Tokyo");
            for (String attempt : attempts) {
                CommandResult r = ssh.run(attempt);
                long moved = restoreClockIfMoved(offset);
                assertThat(moved).as("the machine's clock moved by %d ms after '%s' on a lab host (put back)", moved / 1_000_000, attempt)
                        .isBetween(-500_000_000L, 500_000_000L);
                assertThat(r.exitStatus()).as("'%s' on a lab host: %s%s", attempt, r.stdout(), r.stderr()).isNotZero();
            }
            long bounding = new BigInteger(ssh.exec("sed -n 's/^CapBnd:[[:space:]]*//p' /proc/1/status").strip(), 16).longValue();
            assertThat(bounding & (1L << 25)).as("CAP_SYS_TIME (25) in the bounding set of the host's systemd").isZero();
            assertThat(ssh.exec("systemctl is-enabled systemd-timedated.service systemd-timesyncd.service || true").strip())
                    .isEqualTo("masked\nmasked");
        }
    }

    private static long realtimeMinusMonotonicNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano() - System.nanoTime();
    }

    /** How far CLOCK_REALTIME moved against CLOCK_MONOTONIC since {@code offset} was taken; over 0.5 s, it is set back. */
    private static long restoreClockIfMoved(long offset) throws IOException, InterruptedException {
        long moved = realtimeMinusMonotonicNanos() - offset;
        if (Math.abs(moved) > 500_000_000L) {
            long right = System.nanoTime() + offset;
            Process p = new ProcessBuilder("date", "-s", String.format("@%d.%09d", right / 1_000_000_000L, right % 1_000_000_000L))
                    .redirectErrorStream(true).start();
            p.waitFor();
            System.out.println("[lab] the machine's clock had moved by " + moved / 1_000_000 + " ms: set back, "
                    + new String(p.getInputStream().readAllBytes()).strip());
        }
        return moved;
    }
}
