package io.kafkaops.orchestrator.provision;

import io.kafkaops.orchestrator.cluster.Cluster;
import io.kafkaops.orchestrator.cluster.VariableResolver;
import io.kafkaops.orchestrator.gate.MetadataQuorum.KRaftQuorum;
import io.kafkaops.orchestrator.kafka.KRaftReads;
import io.kafkaops.orchestrator.kafka.KafkaClients;
import io.kafkaops.orchestrator.kafka.KafkaConnection;
import org.apache.kafka.clients.admin.Admin;
import io.kafkaops.orchestrator.kafka.KafkaProbe;
import io.kafkaops.orchestrator.kafka.KafkaProbe.ClusterView;
import io.kafkaops.orchestrator.ssh.HostKeyPolicy;
import io.kafkaops.orchestrator.ssh.HostUnreachable;
import io.kafkaops.orchestrator.ssh.RemoteHost;
import io.kafkaops.orchestrator.ssh.SshRemoteHost;
import io.kafkaops.orchestrator.ssh.SshTarget;
import io.kafkaops.orchestrator.ssh.SshTargets;
import io.kafkaops.orchestrator.zookeeper.FourLetterWords;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Everything provision reaches over the network: a session per host, and the two services' own answers once the
 * hosts are done. The one seam between the use case and the wire, so a test stands fake hosts and services in.
 */
public interface ClusterAccess {
    long QUORUM_TIMEOUT_MS = 5_000;

    /** Opens the session to a host; {@link HostUnreachable} when none can be opened. */
    RemoteHost connect(String host) throws IOException;

    /** "leader", "follower", "standalone", or empty when the node does not answer. */
    Optional<String> zooKeeperMode(String address, int clientPort);

    /** An Admin-API view of the brokers, opened once per check. */
    Brokers brokers();

    /** KRaft: the metadata quorum as the controllers describe it (describeMetadataQuorum over bootstrap.controllers). */
    default KRaftQuorum quorum() throws Exception {
        throw new UnsupportedOperationException("this cluster has no KRaft controllers");
    }

    /** What the broker check asks of the cluster. */
    interface Brokers extends AutoCloseable {
        ClusterView describe() throws Exception;

        /** Produces a record with acks=all and reads it back; says what it did. */
        String canary(int brokers, int minInsyncReplicas) throws Exception;

        @Override
        void close();
    }

    /** SSH as the inventory says, four-letter words to ZooKeeper, the Admin API through the inventory's Kafka connection. */
    static ClusterAccess overNetwork(Cluster cluster, VariableResolver vars, HostKeyPolicy hostKeys, KafkaConnection kafka,
                                     Optional<KafkaConnection> controllers) {
        Map<String, SshTarget> targets = new LinkedHashMap<>();
        cluster.nodes().forEach(n -> targets.put(n.host(), SshTargets.of(n, vars)));
        return new ClusterAccess() {
            @Override
            public RemoteHost connect(String host) throws IOException {
                return SshRemoteHost.connect(targets.get(host), hostKeys);
            }

            @Override
            public Optional<String> zooKeeperMode(String address, int clientPort) {
                return FourLetterWords.mode(address, clientPort);
            }

            @Override
            public KRaftQuorum quorum() throws Exception {
                try (Admin admin = KafkaClients.controllerAdmin(controllers.orElseThrow(), KafkaClients.CHECKING)) {
                    return KRaftReads.quorum(admin, QUORUM_TIMEOUT_MS);
                }
            }

            @Override
            public Brokers brokers() {
                KafkaProbe probe = new KafkaProbe(kafka);
                return new Brokers() {
                    @Override public ClusterView describe() throws Exception { return probe.describe(); }
                    @Override public String canary(int brokers, int minIsr) throws Exception { return probe.canary(brokers, minIsr); }
                    @Override public void close() { probe.close(); }
                };
            }
        };
    }
}
