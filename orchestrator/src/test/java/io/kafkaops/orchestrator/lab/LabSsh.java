package io.kafkaops.orchestrator.lab;

import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.xfer.FileSystemFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Test helper: root SSH to a lab host with the lab key, host keys checked against known_hosts. */
public final class LabSsh implements AutoCloseable {

    public record Result(int exitCode, String out, String err) {}

    private final SSHClient ssh;

    private LabSsh(SSHClient ssh) {
        this.ssh = ssh;
    }

    public static LabSsh connect(String address, Path knownHosts, Path privateKey) throws IOException {
        SSHClient ssh = new SSHClient();
        try {
            ssh.loadKnownHosts(knownHosts.toFile());
            ssh.setConnectTimeout(5_000);
            ssh.connect(address);
            ssh.authPublickey("root", ssh.loadKeys(privateKey.toString()));
            return new LabSsh(ssh);
        } catch (IOException | RuntimeException e) {
            ssh.close();
            throw e;
        }
    }

    public Result run(String command) throws IOException {
        try (Session session = ssh.startSession(); Session.Command cmd = session.exec(command)) {
            String out = new String(cmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(cmd.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            cmd.join(120, TimeUnit.SECONDS);
            Integer code = cmd.getExitStatus();
            return new Result(code == null ? -1 : code, out, err);
        }
    }

    /** Runs the command and returns its stdout, failing on a non-zero exit. */
    public String exec(String command) throws IOException {
        Result r = run(command);
        if (r.exitCode() != 0) {
            throw new IOException("'" + command + "' exited " + r.exitCode() + ": " + r.err() + r.out());
        }
        return r.out();
    }

    public void upload(Path local, String remote) throws IOException {
        ssh.newSCPFileTransfer().upload(new FileSystemFile(local.toFile()), remote);
    }

    @Override
    public void close() throws IOException {
        ssh.close();
    }
}
