package io.kafkaops.orchestrator.ssh;

import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.IOUtils;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.xfer.FileSystemFile;
import net.schmizz.sshj.xfer.InMemorySourceFile;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** One sshj connection per host, reused for every command and upload of a run. */
public final class SshRemoteHost implements RemoteHost {
    private static final int CONNECT_TIMEOUT_MS = 10_000;

    /**
     * One thread per running command drains its stderr. Not the common pool: it has a single thread on a 2-core machine,
     * where one long command (a controlled stop waited for on the host) would hold up every other host's command.
     */
    private static final ExecutorService STDERR_READERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "ssh-stderr");
        t.setDaemon(true);
        return t;
    });

    private final SshTarget target;
    private final SSHClient ssh;
    private SFTPClient sftp;

    private SshRemoteHost(SshTarget target, SSHClient ssh) {
        this.target = target;
        this.ssh = ssh;
    }

    public static SshRemoteHost connect(SshTarget target, HostKeyPolicy policy) throws IOException {
        SSHClient ssh = new SSHClient(new DefaultConfig());
        ssh.setConnectTimeout(CONNECT_TIMEOUT_MS);
        ssh.setTimeout(0);
        Path knownHosts = target.knownHosts().orElse(Path.of(System.getProperty("user.home"), ".ssh", "known_hosts"));
        ssh.addHostKeyVerifier(new KnownHostsVerifier(knownHosts.toFile(), policy));
        try {
            ssh.connect(target.address(), target.port());
            ssh.getConnection().getKeepAlive().setKeepAliveInterval(15);
            List<KeyProvider> keys = new ArrayList<>();
            if (target.privateKey().isPresent()) {
                keys.add(ssh.loadKeys(target.privateKey().get().toString()));
            } else {
                for (String name : List.of("id_ed25519", "id_ecdsa", "id_rsa")) {
                    Path p = Path.of(System.getProperty("user.home"), ".ssh", name);
                    if (Files.isReadable(p)) keys.add(ssh.loadKeys(p.toString()));
                }
            }
            ssh.authPublickey(target.user(), keys);
            return new SshRemoteHost(target, ssh);
        } catch (IOException | RuntimeException e) {
            ssh.close();
            String why = e.getMessage() != null && e.getMessage().toLowerCase().contains("host key")
                    ? "host key of " + target.address()
                            + " is not in known_hosts (or changed); add it (ssh-keyscan) or pass --accept-new-host-keys"
                    : e.getClass().getSimpleName() + ": " + e.getMessage();
            throw new HostUnreachable("cannot reach " + target.name() + " (" + target.address() + ") over SSH: " + why, e);
        }
    }

    @Override
    public String name() {
        return target.name();
    }

    @Override
    public CommandResult run(String command) throws IOException {
        String wrapped = wrap(command);
        try (Session session = ssh.startSession()) {
            Session.Command cmd = session.exec(wrapped);
            // drain stderr beside stdout so neither pipe fills up and blocks the remote command
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readQuietly(cmd.getErrorStream()), STDERR_READERS);
            String out = IOUtils.readFully(cmd.getInputStream()).toString(StandardCharsets.UTF_8);
            cmd.join(1, TimeUnit.DAYS);
            Integer status = cmd.getExitStatus();
            return new CommandResult(command, status == null ? -1 : status, out, err.join());
        }
    }

    @Override
    public AutoCloseable stream(String command, Consumer<String> onLine) throws IOException {
        Session session = ssh.startSession();
        try {
            Session.Command cmd = session.exec(wrap("exec 2>/dev/null; " + command));
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(cmd.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) onLine.accept(line);
                } catch (IOException e) {
                    // the channel was closed: the stream is over
                }
            }, "ssh-stream-" + target.name());
            reader.setDaemon(true);
            reader.start();
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
        return session::close;
    }

    @Override
    public void upload(Path local, String remotePath) throws IOException {
        String tmp = remotePath + ".part-" + UUID.randomUUID();
        if (target.become() && !"root".equals(target.user())) {
            String staged = "/tmp/" + local.getFileName() + "." + UUID.randomUUID();
            sftp().put(new FileSystemFile(local.toFile()), staged);
            // staged by the SSH user: root's once in place
            checked(run("mv " + q(staged) + " " + q(tmp) + " && chown root:root " + q(tmp) + " && mv " + q(tmp) + " " + q(remotePath)));
            return;
        }
        sftp().put(new FileSystemFile(local.toFile()), tmp);
        checked(run("mv " + q(tmp) + " " + q(remotePath)));
    }

    @Override
    public void write(String remotePath, byte[] content, String owner, String mode) throws IOException {
        String staged = "/tmp/.orchestrator-" + UUID.randomUUID();
        sftp().put(new InMemorySourceFile() {
            @Override public String getName() { return staged.substring(5); }
            @Override public long getLength() { return content.length; }
            @Override public InputStream getInputStream() { return new ByteArrayInputStream(content); }
        }, staged);
        // same-directory temp + rename: a reader never sees a half-written config
        String tmp = remotePath + ".orchestrator-tmp";
        checked(run("chmod 0600 " + q(staged) + " && mv " + q(staged) + " " + q(tmp)
                + " && chown " + q(owner) + ":" + q(owner) + " " + q(tmp) + " && chmod " + mode + " " + q(tmp)
                + " && mv " + q(tmp) + " " + q(remotePath)));
    }

    private SFTPClient sftp() throws IOException {
        if (sftp == null) sftp = ssh.newSFTPClient();
        return sftp;
    }

    private String wrap(String command) {
        if (target.become() && !"root".equals(target.user())) return "sudo -n sh -c " + q(command);
        return "sh -c " + q(command);
    }

    private static void checked(CommandResult r) throws IOException {
        if (!r.ok()) throw new IOException("'" + r.command() + "' exited " + r.exitStatus() + ": " + r.stderr().strip());
    }

    private static String q(String s) { return Shell.quote(s); }

    private static String readQuietly(InputStream in) {
        try {
            return IOUtils.readFully(in).toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (sftp != null) sftp.close();
        } finally {
            ssh.close();
        }
    }

    /** known_hosts checking; unknown keys are refused unless ACCEPT_NEW, a changed key always is. */
    static final class KnownHostsVerifier extends OpenSSHKnownHosts {
        private final HostKeyPolicy policy;

        KnownHostsVerifier(File file, HostKeyPolicy policy) throws IOException {
            super(ensureExists(file));
            this.policy = policy;
        }

        private static File ensureExists(File f) throws IOException {
            if (!f.exists()) {
                if (f.getParentFile() != null) f.getParentFile().mkdirs();
                f.createNewFile();
            }
            return f;
        }

        @Override
        protected boolean hostKeyUnverifiableAction(String hostname, PublicKey key) {
            if (policy != HostKeyPolicy.ACCEPT_NEW) return false;
            try {
                KnownHostEntry entry = new HostEntry(null, hostname, KeyType.fromKey(key), key);
                entries().add(entry);
                write(entry);
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }
}
