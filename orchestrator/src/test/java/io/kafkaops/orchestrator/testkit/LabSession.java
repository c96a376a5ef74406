package io.kafkaops.orchestrator.testkit;

import io.kafkaops.orchestrator.ssh.CommandResult;
import io.kafkaops.orchestrator.ssh.HostKeyPolicy;
import io.kafkaops.orchestrator.ssh.RemoteHost;
import io.kafkaops.orchestrator.ssh.SshRemoteHost;
import io.kafkaops.orchestrator.ssh.SshTarget;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Root SSH to one lab host, through the orchestrator's own client (host keys checked against the lab's known_hosts):
 * tests reach hosts the way provision and upgrade do, and a second SSH client is not needed.
 */
public record LabSession(RemoteHost host) implements AutoCloseable {

    public static LabSession open(String name, String address, Path knownHosts, Path privateKey) throws IOException {
        SshTarget target = new SshTarget(name, address, 22, "root", Optional.of(privateKey), Optional.of(knownHosts), false);
        return new LabSession(SshRemoteHost.connect(target, HostKeyPolicy.STRICT));
    }

    public CommandResult run(String command) throws IOException {
        return host.run(command);
    }

    /** Runs the command and returns its stdout, failing on a non-zero exit. */
    public String exec(String command) throws IOException {
        CommandResult r = host.run(command);
        if (!r.ok()) throw new IOException("'" + command + "' exited " + r.exitStatus() + ": " + r.stderr() + r.stdout());
        return r.stdout();
    }

    public void upload(Path local, String remotePath) throws IOException {
        host.upload(local, remotePath);
    }

    @Override
    public void close() throws IOException {
        host.close();
    }
}
