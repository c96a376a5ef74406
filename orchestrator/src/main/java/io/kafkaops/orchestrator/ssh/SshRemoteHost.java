package io.kafkaops.orchestrator.ssh;

import net.schmizz.keepalive.KeepAlive;
import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.keepalive.KeepAliveRunner;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.IOUtils;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One sshj connection per host, reused for every command and upload of a run. Every call has a deadline; a connection
 * whose transport dropped is dialled again once, by the next call, before that call counts the host as down.
 */
public final class SshRemoteHost implements RemoteHost {
    private static final int CONNECT_TIMEOUT_MS = 10_000;
    /** keepalive@openssh.com every 10 s, 3 unanswered in a row kill the transport: a black-holed host is seen in 30-40 s. */
    static final int KEEP_ALIVE_SECONDS = 10;
    static final int KEEP_ALIVE_MISSES = 3;
    /** Backstop under the keep-alive: the host answers one every 10 s, so a silent minute is a dead link. */
    private static final int SOCKET_TIMEOUT_MS = 60_000;
    /** An upload may take the usual deadline plus a second per 512 KiB (a 100 MB tarball: about 5 min). */
    private static final long UPLOAD_BYTES_PER_SECOND = 512 * 1024;

    /**
     * The threads that wait on a host: one per running call, plus its stdout/stderr drains. Not the common pool: it has
     * a single thread on a 2-core machine, where one long command would hold up every other host's command.
     */
    private static final ExecutorService WAITERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "ssh-call");
        t.setDaemon(true);
        return t;
    });

    private final SshTarget target;
    private final KnownHostsVerifier verifier;
    private SSHClient ssh;

    private SshRemoteHost(SshTarget target, KnownHostsVerifier verifier, SSHClient ssh) {
        this.target = target;
        this.verifier = verifier;
        this.ssh = ssh;
    }

    /**
     * Opens the host's connection. {@link HostUnreachable} when none can be opened (its message says why: for a host key,
     * unknown or CHANGED and the fix); BadInput for a /dev/null known_hosts, before any connection.
     */
    public static SshRemoteHost connect(SshTarget target, HostKeyPolicy policy) throws IOException {
        Path knownHosts = target.knownHosts().orElse(Path.of(System.getProperty("user.home"), ".ssh", "known_hosts"));
        if (knownHosts.equals(Path.of("/dev/null"))) throw SshTargets.nothingPinned(target.name());
        KnownHostsVerifier verifier = new KnownHostsVerifier(knownHosts, policy);
        return new SshRemoteHost(target, verifier, dial(target, verifier, "cannot reach "));
    }

    private static SSHClient dial(SshTarget target, KnownHostsVerifier verifier, String failure) throws HostUnreachable {
        DefaultConfig config = new DefaultConfig();
        config.setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);
        SSHClient ssh = new SSHClient(config);
        ssh.setConnectTimeout(CONNECT_TIMEOUT_MS);
        ssh.setTimeout(SOCKET_TIMEOUT_MS);
        // set before connect: sshj starts the keep-alive thread in connect() only when an interval is set by then
        KeepAliveRunner keepAlive = (KeepAliveRunner) ssh.getConnection().getKeepAlive();
        keepAlive.setKeepAliveInterval(KEEP_ALIVE_SECONDS);
        keepAlive.setMaxAliveCount(KEEP_ALIVE_MISSES);
        ssh.addHostKeyVerifier(verifier);
        try {
            ssh.connect(target.address(), target.port());
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
            return ssh;
        } catch (IOException | RuntimeException e) {
            closeQuietly(ssh);
            String why = verifier.refusal().orElse(e.getClass().getSimpleName() + ": " + e.getMessage());
            throw new HostUnreachable(failure + target.name() + " (" + target.address() + ":" + target.port() + ") over SSH: " + why, e);
        }
    }

    @Override
    public String name() {
        return target.name();
    }

    @Override
    public CommandResult run(String command, Privilege as, Duration deadline) throws IOException {
        return call(command, deadline, commandLine(target, as, command), InputStream.nullInputStream());
    }

    @Override
    public AutoCloseable stream(String command, Consumer<String> onLine) throws IOException {
        Session session = session();
        try {
            // a stream only watches (no root needed): it runs as the SSH user, never through sudo
            Session.Command cmd = session.exec(commandLine(target, Privilege.SSH_USER, "exec 2>/dev/null; " + command));
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
        Duration deadline = DEADLINE.plusSeconds(Files.size(local) / UPLOAD_BYTES_PER_SECOND);
        try (InputStream content = Files.newInputStream(local)) {
            checked(place(remotePath, content, "umask 022 && cat > %1$s && mv -f %1$s %2$s", deadline));
        }
    }

    @Override
    public void write(String remotePath, byte[] content, String owner, String mode) throws IOException {
        write(remotePath, new ByteArrayInputStream(content), owner, mode);
    }

    /** The write with its content as a stream: a test holds the stream half-way to look at the host meanwhile. */
    void write(String remotePath, InputStream content, String owner, String mode) throws IOException {
        if (!mode.matches("0?[0-7]{3,4}")) throw new IllegalArgumentException("mode " + mode + " is not octal");
        // umask 077 before cat creates the temp file: from its first byte only root (or the SSH user) can read it
        checked(place(remotePath, content, "umask 077 && cat > %1$s && chown " + q(owner) + ":" + q(owner) + " %1$s && chmod " + mode
                + " %1$s && mv -f %1$s %2$s", DEADLINE));
    }

    /**
     * Sends content over the command's stdin (never on a command line) to a temp name beside the target - same filesystem,
     * so the last step is a rename and a reader never sees half a file. A failed step removes the temp file.
     */
    private CommandResult place(String remotePath, InputStream content, String steps, Duration deadline) throws IOException {
        String tmp = TempName.beside(remotePath);
        String script = "{ " + String.format(steps, q(tmp), q(remotePath)) + "; } || { rc=$?; rm -f " + q(tmp) + "; exit $rc; }";
        return call("write " + remotePath, deadline, commandLine(target, Privilege.ROOT, script), content);
    }

    /**
     * Runs one command line on a waiter thread and waits at most {@code deadline} for it. Past it the channel is closed
     * (by the waiter, so the caller is not held up by a host that does not answer) and the caller gets an IOException.
     */
    private CommandResult call(String command, Duration deadline, String line, InputStream stdin) throws IOException {
        Future<CommandResult> done = WAITERS.submit(() -> {
            // the channel is opened inside the deadline too: a host that stopped answering blocks that as well
            try (Session session = session()) {
                Session.Command cmd = session.exec(line);
                // drain stdout and stderr beside the stdin copy so no pipe fills up and blocks the remote command
                CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readFully(cmd.getInputStream()), WAITERS);
                CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readFully(cmd.getErrorStream()), WAITERS);
                try (OutputStream in = cmd.getOutputStream()) {
                    copy(stdin, in);
                }
                String stdout = out.join();
                String stderr = err.join();
                cmd.join();
                Integer status = cmd.getExitStatus();
                return new CommandResult(command, status == null ? -1 : status, stdout, stderr);
            }
        });
        try {
            return done.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            done.cancel(true);
            throw new IOException(target.name() + ": '" + first60(command) + "' gave no answer in " + seconds(deadline));
        } catch (InterruptedException e) {
            done.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(target.name() + ": interrupted while waiting for '" + first60(command) + "'");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null
                    ? c.getCause() : e.getCause();
            if (cause instanceof UncheckedIOException u) cause = u.getCause();
            if (cause instanceof IOException io) throw io;
            if (cause instanceof RuntimeException r) throw r;
            throw new IOException(cause);
        }
    }

    /**
     * A fresh channel on the live connection. A connection whose transport dropped (reset, closed, keep-alive gave up) is
     * dialled again once, same target and same host-key check; if that fails too the host is down. A command that was
     * already running when the link dropped is not run again: its call fails and the next one reconnects.
     */
    private synchronized Session session() throws IOException {
        if (!alive(ssh)) reconnect(null);
        try {
            return ssh.startSession();
        } catch (IOException e) {
            if (alive(ssh)) throw e;
            reconnect(e);
            return ssh.startSession();
        }
    }

    private void reconnect(IOException why) throws HostUnreachable {
        closeQuietly(ssh);
        try {
            ssh = dial(target, verifier, "lost the connection and could not reconnect to ");
        } catch (HostUnreachable e) {
            if (why != null) e.addSuppressed(why);
            throw e;
        }
    }

    private static boolean alive(SSHClient ssh) {
        return ssh.isConnected() && ssh.isAuthenticated() && ssh.getTransport().isRunning();
    }

    /** Whether the current connection is up (tests wait for a drop to be noticed). */
    synchronized boolean connected() {
        return alive(ssh);
    }

    /** The keep-alive of the current connection (tests check that it runs). */
    synchronized KeepAlive keepAlive() {
        return ssh.getConnection().getKeepAlive();
    }

    /**
     * {@code sh -c '<command>'}, through {@code sudo -n} when it needs root, the SSH user is not root and the inventory
     * asks for become; reads as the SSH user never go through sudo.
     */
    static String commandLine(SshTarget target, Privilege as, String command) {
        if (as == Privilege.ROOT && target.become() && !"root".equals(target.user())) return "sudo -n sh -c " + q(command);
        return "sh -c " + q(command);
    }

    private static void checked(CommandResult r) throws IOException {
        if (!r.ok()) throw new IOException("'" + r.command() + "' exited " + r.exitStatus() + ": " + r.stderr().strip());
    }

    private static String q(String s) { return Shell.quote(s); }

    private static String first60(String command) {
        String one = command.strip().replaceAll("\\s+", " ");
        return one.length() <= 60 ? one : one.substring(0, 60) + "...";
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** Sends each chunk as it is read: sshj's channel stream would otherwise hold a short tail until close. */
    private static void copy(InputStream from, OutputStream to) throws IOException {
        byte[] buf = new byte[32 * 1024];
        for (int n = from.read(buf); n >= 0; n = from.read(buf)) {
            to.write(buf, 0, n);
            to.flush();
        }
    }

    private static String readFully(InputStream in) {
        try {
            return IOUtils.readFully(in).toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void closeQuietly(SSHClient ssh) {
        try {
            ssh.close();
        } catch (IOException | RuntimeException e) {
            // a dead transport may fail to close: it is dropped either way
        }
    }

    @Override
    public synchronized void close() throws IOException {
        ssh.close();
    }
}
