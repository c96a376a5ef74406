package io.kafkaops.orchestrator.cluster;

import io.kafkaops.orchestrator.install.InstallLayout;
import io.kafkaops.orchestrator.profile.SizingRules;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Turns the cluster model into the `node` dictionary each host's templates get. */
public final class NodeSettingsReader {
    static final int KAFKA_PORT = 9092;
    static final int ZOOKEEPER_CLIENT_PORT = 2181;
    static final int ZOOKEEPER_PEER_PORT = 2888;
    static final int ZOOKEEPER_ELECTION_PORT = 3888;
    static final int JMX_PORT = 9999;

    private final Cluster cluster;
    private final VariableResolver vars;

    public NodeSettingsReader(Cluster cluster, VariableResolver vars) {
        this.cluster = cluster;
        this.vars = vars;
    }

    public NodeSettings forHost(String host) {
        ClusterNode n = cluster.node(host);
        var profile = n.profile();
        boolean scram = bool(host, "kafka_sasl_scram");
        String protocol = scram ? "SASL_PLAINTEXT" : "PLAINTEXT";
        int port = integer(host, "kafka_port").orElse(KAFKA_PORT);
        int zkPort = integer(host, "zookeeper_client_port").orElse(ZOOKEEPER_CLIENT_PORT);
        String advertisedHost = string(host, "kafka_advertised_host").orElse(n.address());
        List<NodeSettings.ZooKeeperServer> servers = cluster.zookeeperNodes().stream()
                .map(z -> new NodeSettings.ZooKeeperServer(z.myid().orElseThrow().value(), z.address(),
                        ZOOKEEPER_PEER_PORT, ZOOKEEPER_ELECTION_PORT, zkPort))
                .toList();
        String connect = servers.stream().map(s -> s.host() + ":" + s.clientPort()).collect(Collectors.joining(","))
                + cluster.zookeeperChroot().map(c -> c.startsWith("/") ? c : "/" + c).orElse("");
        List<String> logDirs = list(host, "kafka_log_dirs").orElse(SizingRules.logDirs(profile));
        return new NodeSettings(
                host, n.address(), n.is(Role.BROKER), n.is(Role.ZOOKEEPER),
                n.brokerId().map(AssignedId::value).orElse(null),
                n.myid().map(AssignedId::value).orElse(null),
                n.rack().orElse(null),
                n.is(Role.BROKER) ? protocol + "://0.0.0.0:" + port : null,
                n.is(Role.BROKER) ? protocol + "://" + advertisedHost + ":" + port : null,
                n.is(Role.BROKER) ? protocol + ":" + protocol : null,
                n.is(Role.BROKER) ? protocol : null,
                logDirs,
                SizingRules.numNetworkThreads(profile),
                SizingRules.numIoThreads(profile),
                SizingRules.numRecoveryThreadsPerDataDir(profile),
                n.is(Role.BROKER) ? string(host, "kafka_heap_opts").orElse(SizingRules.heapOpts(SizingRules.kafkaHeapMb(profile))) : null,
                n.is(Role.ZOOKEEPER) ? string(host, "zookeeper_heap_opts")
                        .orElse(SizingRules.heapOpts(SizingRules.zookeeperHeapMb(profile))) : null,
                connect,
                servers,
                string(host, "zookeeper_data_dir").orElse(SizingRules.zookeeperDataDir(profile)),
                zkPort,
                cluster.defaultReplicationFactor(),
                cluster.minInsyncReplicas(),
                string(host, "inter_broker_protocol_version").orElse(null),
                string(host, "log_message_format_version").orElse(null),
                InstallLayout.KAFKA_HOME,
                InstallLayout.ZOOKEEPER_HOME,
                integer(host, "kafka_jmx_port").orElse(JMX_PORT),
                scram);
    }

    private Optional<String> string(String host, String variable) {
        return vars.resolve(host, variable).map(String::valueOf);
    }

    private Optional<Integer> integer(String host, String variable) {
        return string(host, variable).map(String::strip).filter(s -> s.matches("\\d{1,9}")).map(Integer::parseInt);
    }

    private boolean bool(String host, String variable) {
        return vars.resolve(host, variable).map(v -> v instanceof Boolean b ? b
                : List.of("true", "yes", "on", "1").contains(String.valueOf(v).strip().toLowerCase())).orElse(false);
    }

    /** A list variable, or a comma-separated string as server.properties writes it. */
    private Optional<List<String>> list(String host, String variable) {
        return vars.resolve(host, variable).map(v -> v instanceof List<?> l
                ? l.stream().map(String::valueOf).toList()
                : List.of(String.valueOf(v).split("\\s*,\\s*")));
    }
}
