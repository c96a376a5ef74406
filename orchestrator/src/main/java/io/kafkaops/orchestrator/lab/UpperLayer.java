package io.kafkaops.orchestrator.lab;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * The upper layer of a lab host's overlay of /: the few files that make one machine's root file system this
 * host (its name, identity, keys and units), written before the host first boots and kept across crash and boot.
 */
final class UpperLayer {

    private final LabNames names;

    UpperLayer(LabNames names) {
        this.names = names;
    }

    /** The host's own /etc and /root over the shared /: hostname, machine-id, hosts, masked units, sshd and its keys. */
    void write(LabSpec spec, LabHost h, String labKey) throws IOException {
        Path upper = names.hostDir(spec.name(), h.name()).resolve("upper");
        Path etc = upper.resolve("etc");
        Path units = etc.resolve("systemd/system");
        Files.createDirectories(units.resolve("multi-user.target.wants"));
        Files.createDirectories(names.hostDir(spec.name(), h.name()).resolve("work"));
        Files.createDirectories(names.hostDir(spec.name(), h.name()).resolve("root"));
        Files.writeString(etc.resolve("hostname"), h.name() + "\n");
        Files.writeString(etc.resolve("machine-id"), HexFormat.of().formatHex(new SecureRandom().generateSeed(16)) + "\n");
        Files.writeString(etc.resolve("hosts"), HostsBlock.with(
                "127.0.0.1 localhost\n::1 localhost ip6-localhost ip6-loopback\n", spec.name(), spec.hosts()));
        for (String unit : maskedUnits()) {
            Path link = units.resolve(unit);
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, Path.of("/dev/null"));
        }
        // logind is masked, so pam_systemd would only log a failure on every SSH login
        Path pamSession = Path.of("/etc/pam.d/common-session");
        if (Files.isRegularFile(pamSession)) {
            Path pam = Files.createDirectories(etc.resolve("pam.d"));
            Files.writeString(pam.resolve("common-session"), Files.readAllLines(pamSession).stream()
                    .filter(l -> !l.contains("pam_systemd.so")).map(l -> l + "\n").reduce("", String::concat));
        }
        Path wants = units.resolve("multi-user.target.wants/ssh.service");
        Files.deleteIfExists(wants);
        Files.createSymbolicLink(wants, Path.of("/lib/systemd/system/ssh.service"));
        Path sshd = Files.createDirectories(etc.resolve("ssh/sshd_config.d"));
        try (InputStream in = Lab.resource("sshd-lab.conf")) {
            Files.write(sshd.resolve("orchestrator-lab.conf"), in.readAllBytes());
        }
        Path hostKey = etc.resolve("ssh/ssh_host_ed25519_key");
        LocalCommand.check("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "root@" + h.name(), "-f", hostKey.toString());
        Path ssh = Files.createDirectories(upper.resolve("root/.ssh"));
        Files.setPosixFilePermissions(upper.resolve("root"), PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(ssh, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(ssh.resolve("authorized_keys"), labKey);
        Files.setPosixFilePermissions(ssh.resolve("authorized_keys"), PosixFilePermissions.fromString("rw-------"));
    }

    private static List<String> maskedUnits() throws IOException {
        try (InputStream in = Lab.resource("masked-units.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        }
    }
}
