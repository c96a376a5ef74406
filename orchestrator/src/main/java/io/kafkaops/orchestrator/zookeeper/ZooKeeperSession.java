package io.kafkaops.orchestrator.zookeeper;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.client.ZKClientConfig;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Stat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One session with a ZooKeeper ensemble through Apache's client library, for the few writes the orchestrator makes to a
 * ZooKeeper-mode cluster (SCRAM credentials, ACLs, the pre-2.2 election znode). With a digest login (SASL DIGEST-MD5, the
 * brokers' own {@code zookeeper_digest_users.kafka_broker}) the session is secured, and the znodes it creates carry the
 * ACLs a broker with zookeeper.set.acl=true gives them: all rights for the creator, read for anyone except under Kafka's
 * sensitive paths (/config/users, /config/brokers, /delegation_token/tokens). Paths are relative to the connect string's
 * chroot, which is created (with those ACLs) when it is missing, as a broker does at its first start.
 */
public final class ZooKeeperSession implements AutoCloseable {
    /** Kafka keeps these readable by its own login only (ZkData.SensitiveRootPaths): credentials and broker secrets. */
    private static final List<String> SENSITIVE = List.of("/config/users", "/config/brokers", "/delegation_token/tokens");

    /** A SASL digest login; the password never prints. */
    public record DigestLogin(String user, String password) {
        @Override
        public String toString() { return "DigestLogin[" + user + ", password=********]"; }
    }

    /** A znode's data and the version a conditional write names. */
    public record Node(byte[] data, int version) {}

    /** ZooKeeper turned a request down (the code is ZooKeeper's: NODEEXISTS, NOAUTH, ...). */
    public static final class Refused extends IOException {
        private final KeeperException.Code code;

        Refused(KeeperException.Code code, String message) {
            super(message);
            this.code = code;
        }

        public KeeperException.Code code() { return code; }
    }

    private final ZooKeeper zk;
    private final String chroot;
    private final boolean secured;
    private final Optional<String> loginSection;
    private final String servers;

    private ZooKeeperSession(ZooKeeper zk, String chroot, boolean secured, Optional<String> loginSection, String servers) {
        this.zk = zk;
        this.chroot = chroot;
        this.secured = secured;
        this.loginSection = loginSection;
        this.servers = servers;
    }

    /**
     * Opens a session and, with a login, waits until the ensemble accepted it.
     *
     * @param connect "zk1:2181,zk2:2181/chroot" as zookeeper.connect writes it
     * @throws IOException no server answered within {@code timeout}, or the ensemble refused the login (the message
     *                     names the user and the servers, never the password)
     */
    public static ZooKeeperSession connect(String connect, Optional<DigestLogin> login, Duration timeout) throws IOException {
        int slash = connect.indexOf('/');
        String servers = (slash < 0 ? connect : connect.substring(0, slash)).strip();
        String chroot = slash < 0 ? "" : connect.substring(slash).replaceAll("/+$", "");
        if (servers.isEmpty()) throw new IOException("no ZooKeeper server in the connect string '" + connect + "'");
        ZKClientConfig config = new ZKClientConfig();
        config.setProperty(ZKClientConfig.ENABLE_CLIENT_SASL_KEY, Boolean.toString(login.isPresent()));
        // a digest login needs no server principal: no reverse DNS look-up of each server
        config.setProperty(ZKClientConfig.ZK_SASL_CLIENT_CANONICALIZE_HOSTNAME, "false");
        Optional<String> section = login.map(l -> ClientLogins.open(l.user(), l.password()));
        section.ifPresent(s -> config.setProperty(ZKClientConfig.LOGIN_CONTEXT_NAME_KEY, s));
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Watcher watcher = event -> {
            switch (event.getState()) {
                case SyncConnected -> { if (login.isEmpty()) ready.complete(null); }
                case SaslAuthenticated -> ready.complete(null);
                case AuthFailed -> ready.completeExceptionally(new IOException("ZooKeeper (" + servers + ") refused the digest login of user '"
                        + login.map(DigestLogin::user).orElse("") + "' (wrong user or password, or the ensemble does not take SASL logins)"));
                default -> { }
            }
        };
        ZooKeeper zk;
        try {
            zk = new ZooKeeper(servers, (int) timeout.toMillis(), watcher, config);
        } catch (IOException | RuntimeException e) {
            section.ifPresent(ClientLogins::close);
            throw new IOException("cannot open a ZooKeeper session with " + servers + ": " + e.getMessage(), e);
        }
        ZooKeeperSession session = new ZooKeeperSession(zk, chroot, login.isPresent(), section, servers);
        try {
            ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!chroot.isEmpty()) session.createParents("/x");
            return session;
        } catch (ExecutionException e) {
            session.close();
            throw (IOException) e.getCause();
        } catch (TimeoutException e) {
            session.close();
            throw new IOException("no ZooKeeper server of " + servers + " answered" + (login.isPresent() ? " and took the login" : "")
                    + " within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            session.close();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting to ZooKeeper " + servers);
        } catch (IOException e) {
            session.close();
            throw e;
        }
    }

    /** True when the session logged in: znodes it creates are then protected as the brokers' are. */
    public boolean secured() { return secured; }

    /** The znode's data and version, empty when there is none. */
    public Optional<Node> read(String path) throws IOException {
        Stat stat = new Stat();
        try {
            byte[] data = zk.getData(chroot + path, false, stat);
            return Optional.of(new Node(data == null ? new byte[0] : data, stat.getVersion()));
        } catch (KeeperException.NoNodeException e) {
            return Optional.empty();
        } catch (KeeperException e) {
            throw refused(e, path, "read");
        } catch (InterruptedException e) {
            throw interrupted(path);
        }
    }

    /** The znode's children (names only), empty when the znode is not there. */
    public List<String> children(String path) throws IOException {
        try {
            return List.copyOf(zk.getChildren(chroot + path, false));
        } catch (KeeperException.NoNodeException e) {
            return List.of();
        } catch (KeeperException e) {
            throw refused(e, path, "list");
        } catch (InterruptedException e) {
            throw interrupted(path);
        }
    }

    /** Creates a persistent znode (and its missing parents); false when it is already there. */
    public boolean create(String path, byte[] data) throws IOException {
        createParents(path);
        try {
            zk.create(chroot + path, data, acls(path), CreateMode.PERSISTENT);
            return true;
        } catch (KeeperException.NodeExistsException e) {
            return false;
        } catch (KeeperException e) {
            throw refused(e, path, "create");
        } catch (InterruptedException e) {
            throw interrupted(path);
        }
    }

    /** Creates a persistent sequential znode {@code prefix + number} (a change notification); returns its path. */
    public String createSequential(String prefix, byte[] data) throws IOException {
        createParents(prefix);
        try {
            return zk.create(chroot + prefix, data, acls(prefix), CreateMode.PERSISTENT_SEQUENTIAL).substring(chroot.length());
        } catch (KeeperException e) {
            throw refused(e, prefix, "create");
        } catch (InterruptedException e) {
            throw interrupted(prefix);
        }
    }

    /** Replaces the data if the znode is still at {@code version}; false when someone wrote (or deleted) it since. */
    public boolean replace(String path, byte[] data, int version) throws IOException {
        try {
            zk.setData(chroot + path, data, version);
            return true;
        } catch (KeeperException.BadVersionException | KeeperException.NoNodeException e) {
            return false;
        } catch (KeeperException e) {
            throw refused(e, path, "write");
        } catch (InterruptedException e) {
            throw interrupted(path);
        }
    }

    /** Deletes the znode if it is still at {@code version}; false when it changed since (or is gone). */
    public boolean delete(String path, int version) throws IOException {
        try {
            zk.delete(chroot + path, version);
            return true;
        } catch (KeeperException.BadVersionException | KeeperException.NoNodeException e) {
            return false;
        } catch (KeeperException e) {
            throw refused(e, path, "delete");
        } catch (InterruptedException e) {
            throw interrupted(path);
        }
    }

    /** The znode's ACL as ZooKeeper lists it ("sasl:kafka:cdrwa", "world:anyone:r"). */
    public List<String> acl(String path) throws IOException {
        try {
            List<String> out = new ArrayList<>();
            for (ACL a : zk.getACL(chroot + path, new Stat())) out.add(a.getId().getScheme() + ":" + a.getId().getId() + ":" + perms(a.getPerms()));
            return out;
        } catch (KeeperException e) {
            throw refused(e, path, "read the ACL of");
        } catch (InterruptedException e) {
            throw interrupted(path);
        }
    }

    private static String perms(int p) {
        StringBuilder s = new StringBuilder();
        if ((p & ZooDefs.Perms.CREATE) != 0) s.append('c');
        if ((p & ZooDefs.Perms.DELETE) != 0) s.append('d');
        if ((p & ZooDefs.Perms.READ) != 0) s.append('r');
        if ((p & ZooDefs.Perms.WRITE) != 0) s.append('w');
        if ((p & ZooDefs.Perms.ADMIN) != 0) s.append('a');
        return s.toString();
    }

    /** Kafka's ZkData.defaultAcls: open when not secured; else the creator's, and read for anyone outside the sensitive paths. */
    private List<ACL> acls(String path) {
        if (!secured) return ZooDefs.Ids.OPEN_ACL_UNSAFE;
        List<ACL> acls = new ArrayList<>(ZooDefs.Ids.CREATOR_ALL_ACL);
        if (SENSITIVE.stream().noneMatch(path::startsWith)) acls.addAll(ZooDefs.Ids.READ_ACL_UNSAFE);
        return acls;
    }

    /** The missing ancestors of {@code path} (chroot included), each with its own path's ACLs. */
    private void createParents(String path) throws IOException {
        String full = chroot + path;
        int at = 0;
        while ((at = full.indexOf('/', at + 1)) > 0) {
            String parent = full.substring(0, at);
            String relative = parent.length() > chroot.length() ? parent.substring(chroot.length()) : "/";
            try {
                if (zk.exists(parent, false) == null) zk.create(parent, new byte[0], acls(relative), CreateMode.PERSISTENT);
            } catch (KeeperException.NodeExistsException raced) {
                // another client made it meanwhile
            } catch (KeeperException e) {
                throw refusedAt(e, parent, "create");
            } catch (InterruptedException e) {
                throw interrupted(parent.substring(chroot.length()));
            }
        }
    }

    private Refused refused(KeeperException e, String path, String what) {
        return refusedAt(e, chroot + path, what);
    }

    private Refused refusedAt(KeeperException e, String fullPath, String what) {
        return new Refused(e.code(), "ZooKeeper " + servers + " refused to " + what + " " + fullPath + " (" + e.code() + ")"
                + (e.code() == KeeperException.Code.NOAUTH ? secured ? ": the login may not touch it" : ": the znode is protected; log in"
                + " with the brokers' ZooKeeper digest login" : ""));
    }

    private IOException interrupted(String path) {
        Thread.currentThread().interrupt();
        return new IOException("interrupted at ZooKeeper " + chroot + path);
    }

    @Override
    public void close() {
        try {
            zk.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            loginSection.ifPresent(ClientLogins::close);
        }
    }
}
