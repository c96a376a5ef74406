package io.kafkaops.orchestrator.ssh;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH server on 127.0.0.1 for the client's tests: its own host keys (of the types asked for), root login with
 * a key made for it, nothing of the machine's own sshd setup. Needs root and /usr/sbin/sshd; tests skip without them.
 */
final class LoopbackSshd implements AutoCloseable {
    private static final Path SSHD = Path.of("/usr/sbin/sshd");

    final Path dir;
    final int port;
    final Path clientKey;
    private final Process sshd;

    private LoopbackSshd(Path dir, int port, Path clientKey, Process sshd) {
        this.dir = dir;
        this.port = port;
        this.clientKey = clientKey;
        this.sshd = sshd;
    }

    static void assumeAvailable() {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root (sshd on loopback)");
        Assumptions.assumeTrue(Files.isExecutable(SSHD), "needs " + SSHD);
    }

    /** Starts sshd with host keys of {@code hostKeyTypes} (ssh-keygen -t names: ed25519, rsa). */
    static LoopbackSshd start(Path dir, String... hostKeyTypes) throws Exception {
        assumeAvailable();
        Path clientKey = dir.resolve("id_ed25519");
        keygen("ed25519", clientKey);
        Files.copy(dir.resolve("id_ed25519.pub"), dir.resolve("authorized_keys"));
        StringBuilder conf = new StringBuilder();
        for (String type : hostKeyTypes) {
            Path key = dir.resolve("host_" + type);
            keygen(type, key);
            conf.append("HostKey ").append(key).append('\n');
        }
        conf.append("ListenAddress 127.0.0.1\nPidFile ").append(dir.resolve("sshd.pid")).append('\n')
                .append("AuthorizedKeysFile ").append(dir.resolve("authorized_keys")).append('\n')
                .append("PermitRootLogin prohibit-password\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n")
                .append("UsePAM no\nStrictModes no\nUseDNS no\nLogLevel ERROR\n");
        Path config = Files.writeString(dir.resolve("sshd_config"), conf);
        Files.createDirectories(Path.of("/run/sshd"));
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Process sshd = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString(), "-p", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
        LoopbackSshd d = new LoopbackSshd(dir, port, clientKey, sshd);
        for (int i = 0; i < 100; i++) {
            if (!sshd.isAlive()) throw new IllegalStateException("sshd did not start: " + Files.readString(dir.resolve("sshd.log")));
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return d;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        d.close();
        throw new IllegalStateException("sshd did not listen on " + port);
    }

    /** How the orchestrator would reach this server, with {@code knownHosts} as the inventory's known_hosts. */
    SshTarget target(Path knownHosts) {
        return new SshTarget("loop", "127.0.0.1", port, "root", Optional.of(clientKey), Optional.of(knownHosts), false);
    }

    /** The known_hosts line that pins this server's key of {@code type}, in OpenSSH's format. */
    String knownHostsLine(String type) throws IOException {
        String[] pub = Files.readString(dir.resolve("host_" + type + ".pub")).strip().split(" ");
        return "[127.0.0.1]:" + port + " " + pub[0] + " " + pub[1];
    }

    /** Kills the per-connection sshd processes (not the listener): every open connection drops, as on a reset. */
    void dropConnections() throws Exception {
        List<ProcessHandle> children = sshd.descendants().toList();
        children.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle c : children) c.onExit().get(5, TimeUnit.SECONDS);
    }

    /** SIGSTOPs (true) or SIGCONTs (false) the per-connection processes: the host stops answering, the link stays up. */
    void freeze(boolean stop) throws Exception {
        for (ProcessHandle c : sshd.descendants().toList()) {
            new ProcessBuilder("kill", stop ? "-STOP" : "-CONT", String.valueOf(c.pid())).start().waitFor();
        }
    }

    private static void keygen(String type, Path file) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("ssh-keygen", "-q", "-t", type, "-N", "", "-f", file.toString()));
        if (type.equals("rsa")) cmd.addAll(List.of("-b", "2048"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (p.waitFor() != 0) throw new IllegalStateException("ssh-keygen -t " + type + ": " + new String(p.getInputStream().readAllBytes()));
    }

    @Override
    public void close() throws Exception {
        freeze(false);
        sshd.descendants().forEach(ProcessHandle::destroyForcibly);
        sshd.destroy();
        if (!sshd.waitFor(5, TimeUnit.SECONDS)) sshd.destroyForcibly();
    }
}
