package io.kafkaops.orchestrator.zookeeper;

import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ZooKeeperWireTest {

    @Test
    void connectStringsWithAndWithoutChroot() {
        var c = ZooKeeperWire.Connect.parse("zk1:2181,zk2:2182/kafka/prod/");
        assertThat(c.servers()).hasSize(2);
        assertThat(c.servers().get(1).getHostString()).isEqualTo("zk2");
        assertThat(c.servers().get(1).getPort()).isEqualTo(2182);
        assertThat(c.chroot()).isEqualTo("/kafka/prod");
        assertThat(ZooKeeperWire.Connect.parse("zk1").chroot()).isEmpty();
        assertThat(ZooKeeperWire.Connect.parse("zk1").servers().get(0).getPort()).isEqualTo(2181);
    }

    /**
     * The bytes on the wire, read back by a loopback peer that answers as ZooKeeper does: a session, then
     * NODE_EXISTS for the create. The real server is exercised by UpgradeIT's 2.1 roll.
     */
    @Test
    void sendsAConnectThenACreateWithTheChrootedPathAndReportsZooKeepersError() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            CompletableFuture<String> seen = CompletableFuture.supplyAsync(() -> {
                try (Socket s = server.accept()) {
                    DataInputStream in = new DataInputStream(s.getInputStream());
                    DataOutputStream out = new DataOutputStream(s.getOutputStream());
                    byte[] connect = new byte[in.readInt()];
                    in.readFully(connect);
                    out.writeInt(37);
                    out.writeInt(0);
                    out.writeInt(5000);
                    out.writeLong(42);
                    out.writeInt(16);
                    out.write(new byte[16]);
                    out.writeBoolean(false);
                    DataInputStream create = new DataInputStream(new java.io.ByteArrayInputStream(in.readNBytes(in.readInt())));
                    int xid = create.readInt();
                    int type = create.readInt();
                    String path = new String(create.readNBytes(create.readInt()), StandardCharsets.UTF_8);
                    String data = new String(create.readNBytes(create.readInt()), StandardCharsets.UTF_8);
                    out.writeInt(16);
                    out.writeInt(xid);
                    out.writeLong(7);
                    out.writeInt(ZooKeeperWire.NODE_EXISTS);
                    return connect.length + " " + type + " " + path + " " + data;
                } catch (Exception e) {
                    return e.toString();
                }
            });
            var connect = ZooKeeperWire.Connect.parse("127.0.0.1:" + server.getLocalPort() + "/kafka");
            assertThatThrownBy(() -> ZooKeeperWire.createPersistent(connect, "/admin/preferred_replica_election",
                    "{\"version\":1}".getBytes(StandardCharsets.UTF_8), 3000))
                    .isInstanceOfSatisfying(ZooKeeperWire.Refused.class, r -> assertThat(r.code).isEqualTo(ZooKeeperWire.NODE_EXISTS));
            assertThat(seen.get(10, TimeUnit.SECONDS)).isEqualTo("45 1 /kafka/admin/preferred_replica_election {\"version\":1}");
        }
    }
}
