package io.kafkaops.orchestrator.secure;

import io.kafkaops.orchestrator.Workspace;
import io.kafkaops.orchestrator.cluster.Cluster;
import io.kafkaops.orchestrator.cluster.NodeSettings;
import io.kafkaops.orchestrator.kafka.Acls;
import io.kafkaops.orchestrator.security.AclDiff;
import io.kafkaops.orchestrator.security.AclEntry;
import io.kafkaops.orchestrator.security.ClusterSecurity;
import io.kafkaops.orchestrator.security.KafkaUser;
import io.kafkaops.orchestrator.security.ScramCredential;
import io.kafkaops.orchestrator.version.KafkaVersion;
import io.kafkaops.orchestrator.zookeeper.AclStore;
import io.kafkaops.orchestrator.zookeeper.ScramStore;
import io.kafkaops.orchestrator.zookeeper.ZooKeeperSession;
import org.apache.kafka.clients.admin.Admin;

import java.io.IOException;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;

/**
 * The inventory's users and ACLs put into a ZooKeeper-mode cluster: SCRAM credentials through ZooKeeper (the one path every
 * version 2.1 to 3.9 has, and the only one before a broker runs), ACLs through ZooKeeper before the authorizer is on and
 * through the Admin API once it is. Idempotent: a credential that verifies against the inventory's password is left as it
 * is, an ACL that exists is not added again. No password is printed.
 */
public final class Credentials {
    private static final Duration ZOOKEEPER_TIMEOUT = Duration.ofSeconds(30);

    private Credentials() {}

    /** Every SCRAM user of the inventory, in ZooKeeper, before the brokers that need them start. PLAIN users live in the JAAS file. */
    public static void beforeBrokersUseThem(Workspace ws, Cluster cluster, ClusterSecurity security, PrintWriter out) throws IOException {
        List<KafkaUser> scram = security.users().stream().filter(u -> u.mechanism().scram()).toList();
        if (scram.isEmpty()) return;
        SecureRandom random = new SecureRandom();
        try (ZooKeeperSession zk = connect(ws, cluster)) {
            ScramStore store = new ScramStore(zk);
            for (KafkaUser u : scram) {
                ScramCredential.Hash hash = ScramCredential.Hash.forMechanism(u.mechanism().kafkaName()).orElseThrow();
                ScramStore.Outcome outcome = store.ensure(u.principal(), hash, u.password().reveal(), ScramCredential.MIN_ITERATIONS, random);
                out.println("[scram] " + u.principal() + " " + hash + ": " + switch (outcome) {
                    case CREATED -> "created";
                    case CHANGED -> "password changed";
                    case UNCHANGED -> "unchanged";
                });
            }
        }
    }

    /** The inventory's ACLs written into ZooKeeper, where the authorizer reads them once it is on: no client is cut off by it. */
    public static void aclsBeforeTheAuthorizer(Workspace ws, Cluster cluster, ClusterSecurity security, PrintWriter out) throws IOException {
        try (ZooKeeperSession zk = connect(ws, cluster)) {
            AclStore store = new AclStore(zk, KafkaVersion.parse(cluster.kafka().version()).orElseThrow());
            AclDiff diff = AclDiff.of(security.acls(), store.list());
            store.add(diff.toAdd());
            report(diff, false, out);
        }
    }

    /**
     * The inventory's ACLs through the Admin API of a cluster whose authorizer is on; ACLs the inventory does not name are
     * reported and removed only when {@code prune}.
     */
    public static void acls(Admin admin, ClusterSecurity security, boolean prune, PrintWriter out) throws IOException {
        Acls acls = new Acls(admin);
        AclDiff diff = AclDiff.of(security.acls(), acls.list());
        acls.add(diff.toAdd());
        if (prune && !diff.notInInventory().isEmpty()) acls.remove(diff.notInInventory());
        report(diff, prune, out);
    }

    static void report(AclDiff diff, boolean pruned, PrintWriter out) {
        diff.toAdd().forEach(a -> out.println("[acl] added: " + a));
        for (AclEntry a : diff.notInInventory()) {
            out.println("[acl] " + (pruned ? "removed (--prune-acls): " : "not in the inventory (kept; --prune-acls removes it): ") + a);
        }
        if (diff.toAdd().isEmpty()) out.println("[acl] every ACL of the inventory is in place");
    }

    /** The brokers' ZooKeeper (chroot included), logged in as the brokers are when the ensemble takes digest logins. */
    static ZooKeeperSession connect(Workspace ws, Cluster cluster) throws IOException {
        NodeSettings node = ws.nodeSettings(cluster).forHost(cluster.brokers().get(0).host());
        return ZooKeeperSession.connect(node.zookeeperConnect(), ws.zookeeperLogin(cluster), ZOOKEEPER_TIMEOUT);
    }
}
