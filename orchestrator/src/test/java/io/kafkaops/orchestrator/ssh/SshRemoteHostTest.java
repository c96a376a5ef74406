package io.kafkaops.orchestrator.ssh;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SSH client against a real sshd on loopback: deadlines, reconnect, host keys and how secrets land on the host. */
class SshRemoteHostTest {
    @TempDir
    static Path serverDir;
    static LoopbackSshd sshd;
    static Path knownHosts;

    @BeforeAll
    static void startSshd() throws Exception {
        sshd = LoopbackSshd.start(serverDir, "ed25519");
        knownHosts = Files.writeString(serverDir.resolve("known_hosts"), sshd.knownHostsLine("ed25519") + "\n");
    }

    @AfterAll
    static void stopSshd() throws Exception {
        if (sshd != null) sshd.close();
    }

    private static SshRemoteHost connect() throws IOException {
        return SshRemoteHost.connect(sshd.target(knownHosts), HostKeyPolicy.STRICT);
    }

    @Test
    void aCommandPastItsDeadlineFailsNamingHostAndCommandAndTheHostStaysUsable() throws Exception {
        try (SshRemoteHost host = connect()) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> host.run("sleep 5", Duration.ofSeconds(1)))
                    .isInstanceOf(IOException.class).hasMessage("loop: 'sleep 5' gave no answer in 1 s");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(host.run("echo still here").stdout()).isEqualTo("still here\n");
        }
    }

    @Test
    void aHostThatStopsAnsweringFailsTheCallAtItsDeadline() throws Exception {
        try (SshRemoteHost host = connect()) {
            assertThat(host.run("true").ok()).isTrue();
            sshd.freeze(true);
            try {
                long start = System.nanoTime();
                assertThatThrownBy(() -> host.run("hostname", Duration.ofSeconds(2)))
                        .isInstanceOf(IOException.class).hasMessage("loop: 'hostname' gave no answer in 2 s");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            } finally {
                sshd.freeze(false);
            }
        }
    }

    @Test
    void theKeepAliveRunsAndGivesUpAfterThreeMissedAnswers() throws Exception {
        try (SshRemoteHost host = connect()) {
            var keepAlive = (net.schmizz.keepalive.KeepAliveRunner) host.keepAlive();
            assertThat(keepAlive.isAlive()).as("keep-alive thread started").isTrue();
            assertThat(keepAlive.getKeepAliveInterval()).isEqualTo(10);
            assertThat(keepAlive.getMaxAliveCount()).isEqualTo(3);
        }
    }

    @Test
    void theNextCallAfterADroppedConnectionReconnectsOnce() throws Exception {
        try (SshRemoteHost host = connect()) {
            assertThat(host.run("echo one").stdout()).isEqualTo("one\n");
            sshd.dropConnections();
            awaitDropped(host);
            assertThat(host.run("echo two").stdout()).isEqualTo("two\n");
            sshd.dropConnections();
            awaitDropped(host);
            host.write(serverDir.resolve("after-drop").toString(), "x".getBytes(StandardCharsets.UTF_8), "root", "0644");
            assertThat(Files.readString(serverDir.resolve("after-drop"))).isEqualTo("x");
        }
    }

    @Test
    void aHostThatIsGoneForGoodIsUnreachableOnTheNextCall(@TempDir Path dir) throws Exception {
        LoopbackSshd other = LoopbackSshd.start(dir, "ed25519");
        Path kh = Files.writeString(dir.resolve("known_hosts"), other.knownHostsLine("ed25519") + "\n");
        try (SshRemoteHost host = SshRemoteHost.connect(other.target(kh), HostKeyPolicy.STRICT)) {
            other.close();
            awaitDropped(host);
            assertThatThrownBy(() -> host.run("true")).isInstanceOf(HostUnreachable.class)
                    .hasMessageStartingWith("lost the connection and could not reconnect to loop (127.0.0.1:" + other.port + ")");
        }
    }

    @Test
    void aSecretIsNeverReadableByOthersWhileItIsWritten() throws Exception {
        Path dir = Files.createDirectory(serverDir.resolve("secret-dir"));
        Path target = dir.resolve("jaas.conf");
        byte[] half = "password=\"s3cret-part-one\"\n".getBytes(StandardCharsets.UTF_8);
        CountDownLatch seen = new CountDownLatch(1);
        // first half, then hold the stream until the test has looked at the host
        InputStream content = new java.io.SequenceInputStream(new ByteArrayInputStream(half), new InputStream() {
            private final InputStream rest = new ByteArrayInputStream("part two\n".getBytes(StandardCharsets.UTF_8));
            @Override public int read() throws IOException {
                try {
                    seen.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException();
                }
                return rest.read();
            }
        });
        List<String> tmpBefore = orchestratorFilesIn(Path.of("/tmp"));
        try (SshRemoteHost host = connect()) {
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
                try {
                    host.write(target.toString(), content, "daemon", "0640");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            Path staged = awaitStaged(dir, half.length);
            try {
                assertThat(staged.getFileName().toString()).startsWith("jaas.conf.orchestrator-" + TempName.RUN + "-");
                assertThat(Files.getPosixFilePermissions(staged)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                        PosixFilePermission.OWNER_WRITE);
                assertThat(Files.getOwner(staged).getName()).isEqualTo("root");
                assertThat(orchestratorFilesIn(Path.of("/tmp"))).isEqualTo(tmpBefore);
            } finally {
                seen.countDown();
            }
            writing.get(20, TimeUnit.SECONDS);
        }
        assertThat(Files.readString(target)).isEqualTo("password=\"s3cret-part-one\"\npart two\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-r-----");
        assertThat(Files.getOwner(target).getName()).isEqualTo("daemon");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).containsExactly(target);
        }
    }

    @Test
    void aFailedWriteLeavesNothingBehind() throws Exception {
        Path dir = Files.createDirectory(serverDir.resolve("failed-write"));
        Path target = dir.resolve("server.properties");
        try (SshRemoteHost host = connect()) {
            assertThatThrownBy(() -> host.write(target.toString(), "a=b\n".getBytes(StandardCharsets.UTF_8), "no-such-user", "0600"))
                    .isInstanceOf(IOException.class).hasMessageContaining("'write " + target + "' exited 1")
                    .hasMessageNotContaining("a=b");
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void anUploadLandsWholeUnderItsNameWithNoTempLeft(@TempDir Path local) throws Exception {
        Path dir = Files.createDirectory(serverDir.resolve("uploads"));
        byte[] bytes = new byte[3 * 1024 * 1024 + 17];
        new java.util.Random(7).nextBytes(bytes);
        Path tarball = Files.write(local.resolve("kafka.tgz"), bytes);
        try (SshRemoteHost host = connect()) {
            host.upload(tarball, dir.resolve("kafka.tgz").toString());
        }
        assertThat(Files.readAllBytes(dir.resolve("kafka.tgz"))).isEqualTo(bytes);
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).containsExactly(dir.resolve("kafka.tgz"));
        }
    }

    @Test
    void aStreamHandsOverEveryLineAndAReadRunsAsTheSshUser() throws Exception {
        try (SshRemoteHost host = connect()) {
            List<String> lines = new CopyOnWriteArrayList<>();
            try (AutoCloseable s = host.stream("echo a; echo b", lines::add)) {
                for (int i = 0; i < 100 && lines.size() < 2; i++) Thread.sleep(20);
            }
            assertThat(lines).containsExactly("a", "b");
            assertThat(host.runAsUser("id -un").stdout().strip()).isEqualTo("root");
        }
    }

    @Test
    void anUnknownKeyIsRefusedAndNoKnownHostsFileIsCreated(@TempDir Path dir) {
        Path kh = dir.resolve("not-yet/known_hosts");
        assertThatThrownBy(() -> SshRemoteHost.connect(sshd.target(kh), HostKeyPolicy.STRICT))
                .isInstanceOf(HostUnreachable.class)
                .hasMessageContaining("host key of [127.0.0.1]:" + sshd.port + " is unknown")
                .hasMessageContaining("--accept-new-host-keys");
        assertThat(dir.resolve("not-yet")).doesNotExist();
    }

    @Test
    void aRefusedHostKeyPrintsNoLibraryLoggingOnStderr(@TempDir Path dir) {
        java.io.PrintStream stderr = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThatThrownBy(() -> SshRemoteHost.connect(sshd.target(dir.resolve("known_hosts")), HostKeyPolicy.STRICT))
                    .isInstanceOf(HostUnreachable.class);
        } finally {
            System.setErr(stderr);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void acceptNewPinsAnUnknownHostOnceInOpenSshFormat(@TempDir Path dir) throws Exception {
        Path kh = dir.resolve("ssh/known_hosts");
        for (int i = 0; i < 2; i++) {
            try (SshRemoteHost host = SshRemoteHost.connect(sshd.target(kh), HostKeyPolicy.ACCEPT_NEW)) {
                assertThat(host.run("true").ok()).isTrue();
            }
        }
        assertThat(Files.readAllLines(kh)).containsExactly(sshd.knownHostsLine("ed25519"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kh))).isEqualTo("rw-------");
        Process keygen = new ProcessBuilder("ssh-keygen", "-F", "[127.0.0.1]:" + sshd.port, "-f", kh.toString()).start();
        assertThat(keygen.waitFor()).as("OpenSSH finds the entry").isZero();
    }

    @Test
    void aHostPinnedByEd25519ThatOffersRsaIsRefusedAsChangedUnderBothPolicies(@TempDir Path dir) throws Exception {
        try (LoopbackSshd rsaOnly = LoopbackSshd.start(dir, "rsa")) {
            // the real ed25519 key of another server, pinned for this one's address and port
            String pinned = "[127.0.0.1]:" + rsaOnly.port + " " + sshd.knownHostsLine("ed25519").split(" ", 2)[1] + "\n";
            Path kh = Files.writeString(dir.resolve("known_hosts"), pinned);
            for (HostKeyPolicy policy : HostKeyPolicy.values()) {
                assertThatThrownBy(() -> SshRemoteHost.connect(rsaOnly.target(kh), policy))
                        .isInstanceOf(HostUnreachable.class)
                        .hasMessageContaining("CHANGED (possible man-in-the-middle)")
                        .hasMessageContaining(kh + ":1 pins a ssh-ed25519 key, the host offered ssh-rsa SHA256:")
                        .hasMessageContaining("ssh-keygen -R");
                assertThat(Files.readString(kh)).isEqualTo(pinned);
            }
        }
    }

    @Test
    void aDevNullKnownHostsIsBadInputBeforeAnyConnection() {
        SshTarget t = new SshTarget("loop", "127.0.0.1", 1, "root", java.util.Optional.empty(),
                java.util.Optional.of(Path.of("/dev/null")), false);
        assertThatThrownBy(() -> SshRemoteHost.connect(t, HostKeyPolicy.ACCEPT_NEW))
                .isInstanceOf(io.kafkaops.orchestrator.BadInput.class).hasMessageContaining("nothing is ever pinned");
    }

    private static void awaitDropped(SshRemoteHost host) throws InterruptedException {
        // the client notices the reset on its reader thread; wait for that rather than race it
        for (int i = 0; i < 100; i++) {
            if (!host.connected()) return;
            Thread.sleep(20);
        }
    }

    private static Path awaitStaged(Path dir, int bytes) throws Exception {
        for (int i = 0; i < 500; i++) {
            try (Stream<Path> files = Files.list(dir)) {
                var staged = files.filter(p -> p.getFileName().toString().contains(".orchestrator-")).findFirst();
                if (staged.isPresent() && Files.size(staged.get()) >= bytes) return staged.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no staged file with " + bytes + " bytes in " + dir);
    }

    private static List<String> orchestratorFilesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.contains("orchestrator")).sorted().toList();
        }
    }
}
