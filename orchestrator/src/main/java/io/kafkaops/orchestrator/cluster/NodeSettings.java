package io.kafkaops.orchestrator.cluster;

import io.kafkaops.orchestrator.install.InstallLayout;
import io.kafkaops.orchestrator.security.BrokerSecurity;
import io.kafkaops.orchestrator.version.ClusterMode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the orchestrator decided for one host, handed to every template as the variable `node`
 * (the inventory's own variables stay visible as in Ansible). Ansible gets the same dictionary
 * per host, so both render identically.
 */
public record NodeSettings(
        String host,
        String address,
        boolean broker,
        boolean zookeeper,
        Integer brokerId,
        Integer myid,
        String rack,
        List<String> logDirs,
        int numNetworkThreads,
        int numIoThreads,
        int numRecoveryThreadsPerDataDir,
        String kafkaHeapOpts,
        String zookeeperHeapOpts,
        String zookeeperConnect,
        List<ZooKeeperServer> zookeeperServers,
        String zookeeperDataDir,
        int zookeeperClientPort,
        int defaultReplicationFactor,
        int minInsyncReplicas,
        String interBrokerProtocolVersion,
        String logMessageFormatVersion,
        String kafkaHome,
        String zookeeperHome,
        int jmxPort,
        BrokerSecurity security,
        Services services,
        KRaft kraft) {

    /** A host of a ZooKeeper-mode cluster: no KRaft settings. */
    public NodeSettings(String host, String address, boolean broker, boolean zookeeper, Integer brokerId, Integer myid, String rack,
                        List<String> logDirs, int numNetworkThreads, int numIoThreads, int numRecoveryThreadsPerDataDir,
                        String kafkaHeapOpts, String zookeeperHeapOpts, String zookeeperConnect, List<ZooKeeperServer> zookeeperServers,
                        String zookeeperDataDir, int zookeeperClientPort, int defaultReplicationFactor, int minInsyncReplicas,
                        String interBrokerProtocolVersion, String logMessageFormatVersion, String kafkaHome, String zookeeperHome,
                        int jmxPort, BrokerSecurity security, Services services) {
        this(host, address, broker, zookeeper, brokerId, myid, rack, logDirs, numNetworkThreads, numIoThreads,
                numRecoveryThreadsPerDataDir, kafkaHeapOpts, zookeeperHeapOpts, zookeeperConnect, zookeeperServers, zookeeperDataDir,
                zookeeperClientPort, defaultReplicationFactor, minInsyncReplicas, interBrokerProtocolVersion, logMessageFormatVersion,
                kafkaHome, zookeeperHome, jmxPort, security, services, null);
    }

    /**
     * What a Kafka node needs beyond ZooKeeper mode: its KRaft identity, its roles and how it reaches the quorum. Null on
     * ZooKeeper hosts and on brokers of a cluster without controllers.
     *
     * @param nodeId                 node.id (a broker's is its broker.id)
     * @param processRoles           process.roles in Kafka's order: [broker], [controller] or [broker, controller]
     * @param mode                   which config this render is for: ZOOKEEPER (a broker not yet migrating), MIGRATION or KRAFT
     * @param controllerListenerName controller.listener.names (one name)
     * @param controllerPort         the port the controller listener binds (kafka_controller_port)
     * @param controllerProtocol     the controller listener's security protocol (PLAINTEXT, SASL_PLAINTEXT, SSL, SASL_SSL)
     * @param quorumVoters           controller.quorum.voters: "id@host:port,..." (static quorum)
     * @param log4j2                 Kafka 4.x: logging is log4j2 only (KIP-653), configured by the release's own config/log4j2.yaml,
     *                               so no log4j.properties is written
     * @param brokerListenerName     a controller in migration mode: the brokers' inter-broker listener it reaches them on (else null)
     * @param brokerProtocolMap      with it: the brokers' listener.security.protocol.map
     */
    public record KRaft(int nodeId, List<String> processRoles, ClusterMode mode, String controllerListenerName, int controllerPort,
                        String controllerProtocol, String quorumVoters, boolean log4j2, String brokerListenerName,
                        String brokerProtocolMap) {
        public KRaft {
            processRoles = List.copyOf(processRoles);
        }

        public boolean controller() { return processRoles.contains("controller"); }

        public boolean broker() { return processRoles.contains("broker"); }

    }

    /** A KRaft controller (dedicated or combined). */
    public boolean controller() { return kraft != null && kraft.controller(); }

    /** Runs Kafka's server at all: a broker or a controller (both run the kafka-server unit). */
    public boolean kafka() { return broker || controller(); }

    /** A Kafka node before 4.0: it reads the log4j.properties the orchestrator writes (4.x reads only its own log4j2.yaml). */
    public boolean log4j1() {
        return kafka() && (kraft == null || !kraft.log4j2());
    }

    /** The file the kafka-server unit starts with: a dedicated controller's controller.properties, else server.properties. */
    public String kafkaProperties() {
        return controller() && !broker ? "controller.properties" : "server.properties";
    }

    /** The same host with the protocol pins an upgrade phase wants (null = not pinned). */
    public NodeSettings withPins(String ibp, String lmf) {
        return new NodeSettings(host, address, broker, zookeeper, brokerId, myid, rack, logDirs, numNetworkThreads, numIoThreads,
                numRecoveryThreadsPerDataDir, kafkaHeapOpts, zookeeperHeapOpts, zookeeperConnect, zookeeperServers, zookeeperDataDir,
                zookeeperClientPort, defaultReplicationFactor, minInsyncReplicas, ibp, lmf, kafkaHome, zookeeperHome, jmxPort, security,
                services, kraft);
    }

    /** The same broker with other listeners, mechanisms or authorizer: a stage of a live security switch, or another version's. */
    public NodeSettings withSecurity(BrokerSecurity security) {
        if (!broker) throw new IllegalStateException(host + " is not a broker");
        return new NodeSettings(host, address, broker, zookeeper, brokerId, myid, rack, logDirs, numNetworkThreads, numIoThreads,
                numRecoveryThreadsPerDataDir, kafkaHeapOpts, zookeeperHeapOpts, zookeeperConnect, zookeeperServers, zookeeperDataDir,
                zookeeperClientPort, defaultReplicationFactor, minInsyncReplicas, interBrokerProtocolVersion, logMessageFormatVersion,
                kafkaHome, zookeeperHome, jmxPort, security, services, kraft);
    }

    /** Some listener of this broker takes SASL logins. */
    public boolean sasl() {
        return security != null && security.sasl();
    }

    public record ZooKeeperServer(int myid, String host, int peerPort, int electionPort, int clientPort) {}

    /**
     * How the services run and what they let in: the users that own their files, how long systemd waits for a stop
     * before giving up (never a SIGKILL by default), where JMX listens, and whether ZooKeeper wants a SASL login.
     *
     * @param stopTimeout          systemd's TimeoutStopSec of the broker's unit: "infinity" or whole seconds
     * @param zookeeperStopTimeout the same for ZooKeeper's unit
     * @param jmxHost              the only address the broker's JMX port listens on
     * @param jmxPasswordFile      JMX logins (a file on the host); null: no login, and then JMX listens on loopback only
     * @param jmxAccessFile        what each JMX login may do (a file on the host), given with the password file
     * @param zookeeperSasl        the ensemble takes SASL (DIGEST-MD5) logins and the brokers log in and set ACLs
     * @param zookeeperEnforceAuth ZooKeeper refuses every session that did not log in (3.7+)
     */
    public record Services(String kafkaUser, String kafkaGroup, String zookeeperUser, String zookeeperGroup, String stopTimeout,
                           String zookeeperStopTimeout, String jmxHost, String jmxPasswordFile, String jmxAccessFile,
                           boolean zookeeperSasl, boolean zookeeperEnforceAuth) {
        public static final String NO_TIMEOUT = "infinity";
        public static final Services DEFAULTS = new Services(InstallLayout.KAFKA_USER, InstallLayout.KAFKA_USER,
                InstallLayout.ZOOKEEPER_USER, InstallLayout.ZOOKEEPER_USER, NO_TIMEOUT, NO_TIMEOUT, "127.0.0.1", null, null, false, false);
    }

    /** host:port clients (and the orchestrator) reach this broker at: its client listener's advertised address. */
    public String advertisedAddress() {
        if (security == null) throw new IllegalStateException(host + " is not a broker");
        return security.clientAddress();
    }

    /** The `node` dictionary: snake_case keys; absent values are left out so templates test `node.x is defined`. */
    public Map<String, Object> toTemplateVars() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("host", host);
        m.put("address", address);
        m.put("is_broker", broker);
        m.put("is_zookeeper", zookeeper);
        // every Kafka process (broker or KRaft controller) runs the kafka-server unit, with its jmx, log4j and properties file
        m.put("is_kafka", kafka());
        m.put("is_controller", controller() && !broker);
        if (kafka()) m.put("kafka_properties", kafkaProperties());
        if (kraft != null) {
            m.put("metadata_mode", kraft.mode().name().toLowerCase(Locale.ROOT));
            m.put("node_id", kraft.nodeId());
            m.put("process_roles", String.join(",", kraft.processRoles()));
            m.put("controller_listener_name", kraft.controllerListenerName());
            m.put("controller_port", kraft.controllerPort());
            m.put("controller_protocol", kraft.controllerProtocol());
            m.put("controller_quorum_voters", kraft.quorumVoters());
            putIfPresent(m, "migration_inter_broker_listener_name", kraft.brokerListenerName());
            putIfPresent(m, "migration_listener_security_protocol_map", kraft.brokerProtocolMap());
        }
        m.put("kafka_log4j1", log4j1());
        putIfPresent(m, "broker_id", brokerId);
        putIfPresent(m, "myid", myid);
        putIfPresent(m, "rack", rack);
        // listeners, mechanisms, authorizer and stores (no password: templates read those from the inventory)
        if (security != null) m.putAll(security.templateVars());
        m.put("log_dirs", logDirs);
        m.put("num_network_threads", numNetworkThreads);
        m.put("num_io_threads", numIoThreads);
        m.put("num_recovery_threads_per_data_dir", numRecoveryThreadsPerDataDir);
        putIfPresent(m, "kafka_heap_opts", kafkaHeapOpts);
        putIfPresent(m, "zookeeper_heap_opts", zookeeperHeapOpts);
        putIfPresent(m, "zookeeper_connect", zookeeperConnect);
        m.put("zookeeper_servers", zookeeperServers.stream().map(s -> {
            Map<String, Object> z = new LinkedHashMap<>();
            z.put("myid", s.myid());
            z.put("host", s.host());
            z.put("peer_port", s.peerPort());
            z.put("election_port", s.electionPort());
            z.put("client_port", s.clientPort());
            return z;
        }).toList());
        m.put("zookeeper_data_dir", zookeeperDataDir);
        m.put("zookeeper_client_port", zookeeperClientPort);
        m.put("default_replication_factor", defaultReplicationFactor);
        m.put("min_insync_replicas", minInsyncReplicas);
        putIfPresent(m, "inter_broker_protocol_version", interBrokerProtocolVersion);
        putIfPresent(m, "log_message_format_version", logMessageFormatVersion);
        m.put("kafka_home", kafkaHome);
        m.put("zookeeper_home", zookeeperHome);
        // the unit files are not per host: they come from the layout, so index.yml names no path of its own
        m.put("kafka_unit_file", InstallLayout.unitFile(InstallLayout.KAFKA_UNIT));
        m.put("zookeeper_unit_file", InstallLayout.unitFile(InstallLayout.ZOOKEEPER_UNIT));
        m.put("jmx_port", jmxPort);
        m.put("kafka_user", services.kafkaUser());
        m.put("kafka_group", services.kafkaGroup());
        m.put("zookeeper_user", services.zookeeperUser());
        m.put("zookeeper_group", services.zookeeperGroup());
        m.put("kafka_stop_timeout", services.stopTimeout());
        m.put("zookeeper_stop_timeout", services.zookeeperStopTimeout());
        m.put("jmx_host", services.jmxHost());
        putIfPresent(m, "jmx_password_file", services.jmxPasswordFile());
        putIfPresent(m, "jmx_access_file", services.jmxAccessFile());
        m.put("zookeeper_sasl", services.zookeeperSasl());
        m.put("zookeeper_enforce_auth", services.zookeeperEnforceAuth());
        // the broker's JAAS file carries its SASL logins (KafkaServer), its ZooKeeper login (Client), or both
        m.put("kafka_jaas", broker && (sasl() || services.zookeeperSasl()));
        return m;
    }

    private static void putIfPresent(Map<String, Object> m, String key, Object value) {
        if (value != null) m.put(key, value);
    }
}
