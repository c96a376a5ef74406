package io.kafkaops.orchestrator.zookeeper;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates one persistent znode (open ACL) over ZooKeeper's own wire protocol: connect, create,
 * close. It exists for one job, the preferred-leader election of controllers older than Kafka 2.2
 * (they have no ElectLeaders API, only the /admin/preferred_replica_election znode), where starting
 * Kafka's admin tool in a JVM on a broker host cost seconds per broker of every roll. No ZooKeeper
 * client library: nothing else here writes to ZooKeeper.
 */
public final class ZooKeeperWire {
    /** ZooKeeper's error codes this caller tells apart (KeeperException.Code). */
    public static final int NODE_EXISTS = -110;
    public static final int NO_AUTH = -102;

    private static final int OP_CREATE = 1;
    private static final int OP_CLOSE = -11;
    private static final int PERMS_ALL = 31;

    /** ZooKeeper answered with an error code (NODE_EXISTS: the path is already there). */
    public static final class Refused extends IOException {
        public final int code;

        Refused(int code, String path) {
            super("ZooKeeper refused to create " + path + " (error code " + code + ")");
            this.code = code;
        }
    }

    /** A connect string "zk1:2181,zk2:2181/chroot": its servers and its chroot ("" when none). */
    public record Connect(List<InetSocketAddress> servers, String chroot) {
        public static Connect parse(String connect) {
            int slash = connect.indexOf('/');
            String hosts = slash < 0 ? connect : connect.substring(0, slash);
            String chroot = slash < 0 ? "" : connect.substring(slash).replaceAll("/+$", "");
            List<InetSocketAddress> servers = new ArrayList<>();
            for (String h : hosts.split(",")) {
                h = h.strip();
                if (h.isEmpty()) continue;
                int colon = h.lastIndexOf(':');
                servers.add(colon < 0 ? InetSocketAddress.createUnresolved(h, 2181)
                        : InetSocketAddress.createUnresolved(h.substring(0, colon), Integer.parseInt(h.substring(colon + 1))));
            }
            return new Connect(List.copyOf(servers), chroot);
        }
    }

    private ZooKeeperWire() {}

    /** Creates {@code chroot + path} through the first server that answers; {@link Refused} carries ZooKeeper's error. */
    public static void createPersistent(Connect connect, String path, byte[] data, int timeoutMs) throws IOException {
        IOException last = new IOException("no ZooKeeper server in the connect string");
        for (InetSocketAddress server : connect.servers()) {
            try {
                createVia(server, connect.chroot() + path, data, timeoutMs);
                return;
            } catch (Refused r) {
                throw r;
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    private static void createVia(InetSocketAddress server, String path, byte[] data, int timeoutMs) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(server.getHostString(), server.getPort()), timeoutMs);
            s.setSoTimeout(timeoutMs);
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            DataInputStream in = new DataInputStream(s.getInputStream());

            // ConnectRequest: protocolVersion, lastZxidSeen, timeOut, sessionId, passwd, readOnly
            send(out, body -> {
                body.writeInt(0);
                body.writeLong(0);
                body.writeInt(timeoutMs);
                body.writeLong(0);
                body.writeInt(16);
                body.write(new byte[16]);
                body.writeBoolean(false);
            });
            byte[] connected = receive(in);
            if (connected.length < 20) throw new IOException(server + " did not open a ZooKeeper session");

            // CreateRequest: header (xid, type), path, data, ACL [world:anyone, all], flags (0 = persistent)
            send(out, body -> {
                body.writeInt(1);
                body.writeInt(OP_CREATE);
                writeString(body, path);
                body.writeInt(data.length);
                body.write(data);
                body.writeInt(1);
                body.writeInt(PERMS_ALL);
                writeString(body, "world");
                writeString(body, "anyone");
                body.writeInt(0);
            });
            DataInputStream reply = new DataInputStream(new ByteArrayInputStream(receive(in)));
            reply.readInt(); // xid
            reply.readLong(); // zxid
            int err = reply.readInt();
            try {
                send(out, body -> {
                    body.writeInt(2);
                    body.writeInt(OP_CLOSE);
                });
            } catch (IOException e) {
                // the answer is in; a server that already hung up has ended the session itself
            }
            if (err != 0) throw new Refused(err, path);
        }
    }

    private interface Body {
        void write(DataOutputStream body) throws IOException;
    }

    private static void send(DataOutputStream out, Body body) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        body.write(new DataOutputStream(buffer));
        out.writeInt(buffer.size());
        buffer.writeTo(out);
        out.flush();
    }

    private static byte[] receive(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > 1 << 20) throw new IOException("not a ZooKeeper reply (length " + length + ")");
        byte[] b = new byte[length];
        in.readFully(b);
        return b;
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }
}
