package io.kafkaops.orchestrator.ssh;

import io.kafkaops.orchestrator.host.HostCommands;
import io.kafkaops.orchestrator.host.StepFailed;
import io.kafkaops.orchestrator.install.InstallLayout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The scratch names host commands use beside their targets: this run's own, and gone once the step is over. */
class HostScratchNamesTest {
    @TempDir
    static Path serverDir;
    static LoopbackSshd sshd;
    static SshRemoteHost host;

    @BeforeAll
    static void connect() throws Exception {
        sshd = LoopbackSshd.start(serverDir, "ed25519");
        Path kh = Files.writeString(serverDir.resolve("known_hosts"), sshd.knownHostsLine("ed25519") + "\n");
        host = SshRemoteHost.connect(sshd.target(kh), HostKeyPolicy.STRICT);
    }

    @AfterAll
    static void close() throws Exception {
        if (host != null) host.close();
        if (sshd != null) sshd.close();
    }

    @Test
    void tempNamesAreThisRunsOwnAndNeverRepeat() {
        assertThat(TempName.RUN).startsWith(ProcessHandle.current().pid() + "-").matches("\\d+-[0-9a-f]{6}");
        assertThat(TempName.beside("/etc/x")).isNotEqualTo(TempName.beside("/etc/x")).startsWith("/etc/x.orchestrator-" + TempName.RUN + "-");
        assertThat(HostCommands.linkCommand("/usr/local/kafka_2.13-3.6.2", "/usr/local/kafka"))
                .contains("/usr/local/kafka.orchestrator-" + TempName.RUN + "-").doesNotContain("kafka.tmp");
    }

    @Test
    void anUnpackMovesTheReleaseIntoPlaceAndLeavesNoScratchDir(@TempDir Path local) throws Exception {
        Path tarball = tarball(local);
        Path install = serverDir.resolve("kafka_2.13-3.6.2");
        HostCommands.unpack(host, tarball.toString(), install.toString(), "daemon");
        assertThat(install.resolve("bin/kafka-server-start.sh")).hasContent("#!/bin/sh");
        assertThat(Files.getOwner(install.resolve("logs")).getName()).isEqualTo("daemon");
        assertThat(scratchDirs()).isEmpty();
    }

    @Test
    void aFailedUnpackLeavesNoScratchDirAndNoHalfRelease(@TempDir Path local) throws Exception {
        Path broken = Files.write(local.resolve("broken.tgz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
        Path install = serverDir.resolve("kafka_broken");
        assertThatThrownBy(() -> HostCommands.unpack(host, broken.toString(), install.toString(), "daemon"))
                .isInstanceOf(StepFailed.class).hasMessageStartingWith("unpack " + install);
        assertThat(install).doesNotExist();
        assertThat(scratchDirs()).isEmpty();
    }

    @Test
    void aLinkIsRepointedWithNoTempLinkLeft() throws Exception {
        Path a = Files.createDirectory(serverDir.resolve("rel-a"));
        Path b = Files.createDirectory(serverDir.resolve("rel-b"));
        Path link = serverDir.resolve("current");
        HostCommands.link(host, a.toString(), link.toString());
        HostCommands.link(host, b.toString(), link.toString());
        assertThat(Files.readSymbolicLink(link)).isEqualTo(b);
        try (Stream<Path> files = Files.list(serverDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("current."));
        }
    }

    private static List<Path> scratchDirs() throws IOException {
        Path parent = Path.of(InstallLayout.UNPACK_DIR).getParent();
        try (Stream<Path> files = Files.list(parent)) {
            return files.filter(p -> p.getFileName().toString().startsWith(".orchestrator-unpack")).toList();
        }
    }

    private static Path tarball(Path local) throws Exception {
        Path tree = Files.createDirectories(local.resolve("src/kafka_2.13-3.6.2/bin"));
        Files.writeString(tree.resolve("kafka-server-start.sh"), "#!/bin/sh");
        Path tgz = local.resolve("kafka.tgz");
        Process p = new ProcessBuilder("tar", "-czf", tgz.toString(), "-C", local.resolve("src").toString(), "kafka_2.13-3.6.2")
                .redirectErrorStream(true).start();
        assertThat(p.waitFor()).isZero();
        return tgz;
    }
}
