package io.kafkaops.orchestrator.cluster;

import io.kafkaops.orchestrator.BadInput;
import io.kafkaops.orchestrator.SourceRef;
import io.kafkaops.orchestrator.install.InstallLayout;
import io.kafkaops.orchestrator.profile.SizingRules;
import io.kafkaops.orchestrator.security.BrokerSecurity;
import io.kafkaops.orchestrator.security.ClusterSecurity;
import io.kafkaops.orchestrator.version.ClusterMode;
import io.kafkaops.orchestrator.version.KafkaVersion;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Turns the cluster model into the `node` dictionary each host's templates get. */
public final class NodeSettingsReader {
    static final int KAFKA_PORT = 9092;
    static final int ZOOKEEPER_CLIENT_PORT = 2181;
    static final int ZOOKEEPER_PEER_PORT = 2888;
    static final int ZOOKEEPER_ELECTION_PORT = 3888;
    static final int JMX_PORT = 9999;
    /** cp-ansible's default for kafka_controller_port, and Apache's config/controller.properties'. */
    static final int CONTROLLER_PORT = 9093;
    static final String CONTROLLER_LISTENER = "CONTROLLER";
    /** cp-ansible's names: the newer one first, then the one it deprecated. */
    static final List<String> ZOOKEEPER_AUTH_VARIABLES = List.of("zookeeper_client_authentication_type", "zookeeper_sasl_protocol");
    static final String DIGEST_USERS = "zookeeper_digest_users";
    /** The entry of zookeeper_digest_users the brokers log in with (cp-ansible's). */
    static final String BROKER_DIGEST_USER = "kafka_broker";
    /** What useradd accepts (its default NAME_REGEX). */
    private static final Pattern USER_NAME = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
    /** A JAAS option name is user_<principal>: a word to JAAS's parser. */
    private static final Pattern PRINCIPAL = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final List<String> LOOPBACK = List.of("127.0.0.1", "localhost", "::1");

    private final Cluster cluster;
    private final VariableResolver vars;
    /** One answer for the whole cluster: the ensemble and every broker must agree on it. */
    private final boolean zookeeperSasl;
    /** One answer for the whole cluster too: listeners, users, ACLs and stores (checked here, before anything renders). */
    private final ClusterSecurity security;
    /** The mode each kind of node renders for: the cluster's own, or a step of its migration. */
    private final RenderModes modes;

    public NodeSettingsReader(Cluster cluster, VariableResolver vars) {
        this(cluster, vars, RenderModes.of(cluster));
    }

    /** Renders brokers and controllers in the given modes (a migration step); checked like the cluster's own. */
    public NodeSettingsReader(Cluster cluster, VariableResolver vars, RenderModes modes) {
        this.cluster = cluster;
        this.vars = vars;
        this.modes = modes;
        this.zookeeperSasl = zookeeperSasl();
        this.security = SecurityReader.read(cluster, vars);
        if (modes.kraftAnywhere() && security.secured()) {
            throw new BadInput(cluster.inventory().source(), null, "the inventory asks for a secured KRaft cluster (listeners "
                    + security.listeners().stream().map(l -> l.name() + ":" + l.protocol()).toList() + "); this version provisions "
                    + "KRaft clusters with PLAINTEXT listeners only", "leave the listeners PLAINTEXT for a KRaft cluster for now, "
                    + "or keep the secured cluster on ZooKeeper (docs/kraft.md)");
        }
    }

    /** The controller hosts run a controller: a KRaft cluster's always, a ZooKeeper cluster's from its migration on. */
    private boolean kraft() {
        return modes.controllers() != ClusterMode.ZOOKEEPER && !cluster.controllers().isEmpty();
    }

    /** The mode this node's configs are rendered for. */
    private ClusterMode modeOf(ClusterNode n) {
        return n.is(Role.CONTROLLER) ? modes.controllers() : modes.brokers();
    }

    /** The modes these settings render for. */
    public RenderModes modes() {
        return modes;
    }

    /** The cluster's security as the inventory describes it. */
    public ClusterSecurity security() {
        return security;
    }

    /** A host's settings for the inventory's Kafka version. */
    public NodeSettings forHost(String host) {
        return forHost(host, cluster.kafka().version());
    }

    /** A host's settings for a broker that runs kafkaVersion (an upgrade renders each phase for its version). */
    public NodeSettings forHost(String host, String kafkaVersion) {
        ClusterNode n = cluster.node(host);
        var profile = n.profile();
        int zkPort = integer(host, "zookeeper_client_port").orElse(ZOOKEEPER_CLIENT_PORT);
        List<NodeSettings.ZooKeeperServer> servers = cluster.zookeeperNodes().stream()
                .map(z -> new NodeSettings.ZooKeeperServer(z.myid().orElseThrow().value(), z.address(),
                        ZOOKEEPER_PEER_PORT, ZOOKEEPER_ELECTION_PORT, zkPort))
                .toList();
        String connect = servers.stream().map(s -> s.host() + ":" + s.clientPort()).collect(Collectors.joining(","))
                + cluster.zookeeperChroot().map(c -> c.startsWith("/") ? c : "/" + c).orElse("");
        List<String> logDirs = list(host, "kafka_log_dirs").orElse(SizingRules.logDirs(profile));
        // a controller keeps only the metadata log: one dir (the first), however many disks its profile has
        if (n.is(Role.CONTROLLER) && !logDirs.isEmpty()) logDirs = logDirs.subList(0, 1);
        // controllers beside a ZooKeeper ensemble run nothing until the migration
        boolean kafka = n.is(Role.BROKER) || (kraft() && n.is(Role.CONTROLLER));
        return new NodeSettings(
                host, n.address(), n.is(Role.BROKER), n.is(Role.ZOOKEEPER),
                n.brokerId().map(AssignedId::value).orElse(null),
                n.myid().map(AssignedId::value).orElse(null),
                n.rack().orElse(null),
                logDirs,
                SizingRules.numNetworkThreads(profile),
                SizingRules.numIoThreads(profile),
                SizingRules.numRecoveryThreadsPerDataDir(profile),
                kafka ? string(host, "kafka_heap_opts").orElse(SizingRules.heapOpts(SizingRules.kafkaHeapMb(profile))) : null,
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
                n.is(Role.BROKER) ? brokerSecurity(host, kafkaVersion) : null,
                services(host, n),
                kafka && !cluster.controllers().isEmpty() && modeOf(n) != ClusterMode.ZOOKEEPER ? kraft(n, kafkaVersion) : null);
    }

    /** node.id, roles and the static quorum every node of a KRaft cluster names (docs/kraft.md: why static). */
    private NodeSettings.KRaft kraft(ClusterNode n, String kafkaVersion) {
        String voters = cluster.controllers().stream()
                .map(c -> c.nodeId().orElseThrow().value() + "@" + c.address() + ":" + controllerPort(c.host()))
                .collect(Collectors.joining(","));
        // a controller in migration mode sends the ZooKeeper-mode brokers their metadata through their inter-broker listener
        String brokerListener = null;
        String brokerProtocols = null;
        if (n.is(Role.CONTROLLER) && modeOf(n) == ClusterMode.MIGRATION && !cluster.brokers().isEmpty()) {
            Map<String, Object> b = brokerSecurity(cluster.brokers().get(0).host(), kafkaVersion).templateVars();
            brokerListener = String.valueOf(b.get("inter_broker_listener_name"));
            brokerProtocols = String.valueOf(b.get("listener_security_protocol_map"));
        }
        return new NodeSettings.KRaft(n.kafkaNodeId().orElseThrow().value(),
                List.of(n.is(Role.CONTROLLER) ? "controller" : "broker"), modeOf(n), CONTROLLER_LISTENER,
                controllerPort(n.host()), "PLAINTEXT", voters,
                KafkaVersion.parse(kafkaVersion).map(v -> v.major() >= 4).orElse(false), brokerListener, brokerProtocols);
    }

    private int controllerPort(String host) {
        return integer(host, "kafka_controller_port").orElse(CONTROLLER_PORT);
    }

    /** What a broker renders of the cluster's security when it runs kafkaVersion (the authorizer class follows the version). */
    public BrokerSecurity brokerSecurity(String host, String kafkaVersion) {
        return BrokerSecurity.of(security, advertisedHost(host), kafkaVersion);
    }

    /** The name or address clients reach a broker at: kafka_advertised_host, else its address. */
    public String advertisedHost(String host) {
        return string(host, "kafka_advertised_host").orElse(cluster.node(host).address());
    }

    /** Users, stop timeouts, JMX and ZooKeeper logins of one host, checked before anything is rendered. */
    private NodeSettings.Services services(String host, ClusterNode n) {
        String kafkaUser = userName(host, "kafka_user").orElse(InstallLayout.KAFKA_USER);
        String zookeeperUser = userName(host, "zookeeper_user").orElse(InstallLayout.ZOOKEEPER_USER);
        Optional<String> passwordFile = string(host, "kafka_jmx_password_file").filter(s -> !s.isBlank());
        Optional<String> accessFile = string(host, "kafka_jmx_access_file").filter(s -> !s.isBlank());
        if (passwordFile.isPresent() != accessFile.isPresent()) {
            String given = passwordFile.isPresent() ? "kafka_jmx_password_file" : "kafka_jmx_access_file";
            throw new BadInput(where(host, given), "host " + host + " sets " + given + " alone; JMX logins need both files",
                    "set kafka_jmx_password_file and kafka_jmx_access_file (files on the host), or neither");
        }
        String jmxHost = string(host, "kafka_jmx_host").map(String::strip).orElse("127.0.0.1");
        if ((n.is(Role.BROKER) || (kraft() && n.is(Role.CONTROLLER))) && passwordFile.isEmpty() && !LOOPBACK.contains(jmxHost)) {
            throw new BadInput(where(host, "kafka_jmx_host"), "host " + host + " would open JMX on " + jmxHost
                    + " without a login: anyone who reaches the port can run code in the broker",
                    "leave kafka_jmx_host unset (127.0.0.1), or set kafka_jmx_password_file and kafka_jmx_access_file too");
        }
        if (zookeeperSasl) digestUsers(host, n);
        return new NodeSettings.Services(kafkaUser, userName(host, "kafka_group").orElse(kafkaUser),
                zookeeperUser, userName(host, "zookeeper_group").orElse(zookeeperUser),
                stopTimeout(host, "kafka_stop_timeout_sec"), stopTimeout(host, "zookeeper_stop_timeout_sec"),
                jmxHost, passwordFile.orElse(null), accessFile.orElse(null),
                zookeeperSasl, zookeeperSasl && enforceAuth(host));
    }

    /** The ensemble asks for SASL logins when the inventory says digest; every host of the cluster must say the same. */
    private boolean zookeeperSasl() {
        String first = null;
        String firstHost = null;
        for (ClusterNode n : cluster.nodes()) {
            Optional<String> variable = ZOOKEEPER_AUTH_VARIABLES.stream().filter(v -> vars.resolve(n.host(), v).isPresent()).findFirst();
            String value = variable.flatMap(v -> string(n.host(), v)).map(s -> s.strip().toLowerCase(Locale.ROOT)).orElse("none");
            if (!value.equals("none") && !value.equals("digest")) {
                throw new BadInput(where(n.host(), variable.orElseThrow()), variable.orElseThrow() + " of host " + n.host() + " is '"
                        + value + "'; the orchestrator sets up ZooKeeper logins with digest (SASL DIGEST-MD5) only",
                        "set " + variable.orElseThrow() + ": digest (with " + DIGEST_USERS + "), or none");
            }
            if (first == null) {
                first = value;
                firstHost = n.host();
            } else if (!first.equals(value)) {
                String v = variable.orElse(ZOOKEEPER_AUTH_VARIABLES.get(0));
                throw new BadInput(where(n.host(), v), "ZooKeeper authentication is '" + value + "' on " + n.host() + " but '" + first
                        + "' on " + firstHost + "; the ensemble and every broker must agree",
                        "set " + v + " once for the whole inventory (group_vars/all.yml)");
            }
        }
        return "digest".equals(first);
    }

    /**
     * zookeeper_digest_users as cp-ansible has it ({NAME: {principal, password}}; the brokers use kafka_broker). Only its
     * shape is checked, on the raw inventory value: passwords (often !vault) stay unread until a template needs them.
     */
    private void digestUsers(String host, ClusterNode n) {
        Object raw = cluster.inventory().hostVars(host).get(DIGEST_USERS);
        String fix = "give " + DIGEST_USERS + " as {" + BROKER_DIGEST_USER + ": {principal: kafka, password: ...}, ...}"
                + " (passwords may be !vault)";
        if (raw == null) {
            throw new BadInput(where(host, ZOOKEEPER_AUTH_VARIABLES.get(0)), "ZooKeeper digest authentication is asked for, but host "
                    + host + " has no " + DIGEST_USERS, fix);
        }
        if (!(raw instanceof Map<?, ?> users)) return; // a Jinja expression: the templates say what is wrong with it
        if (users.isEmpty()) throw new BadInput(where(host, DIGEST_USERS), DIGEST_USERS + " of host " + host + " is empty", fix);
        if (n.is(Role.BROKER) && !users.containsKey(BROKER_DIGEST_USER)) {
            throw new BadInput(where(host, DIGEST_USERS), DIGEST_USERS + " of host " + host + " has no '" + BROKER_DIGEST_USER
                    + "' entry, the login the brokers use", fix);
        }
        users.forEach((name, entry) -> {
            Object principal = entry instanceof Map<?, ?> e ? e.get("principal") : null;
            if (!(entry instanceof Map<?, ?> e) || principal == null || !e.containsKey("password")) {
                throw new BadInput(where(host, DIGEST_USERS), DIGEST_USERS + "." + name + " of host " + host
                        + " needs a principal and a password", fix);
            }
            if (principal instanceof String p && !p.contains("{{") && !PRINCIPAL.matcher(p).matches()) {
                throw new BadInput(where(host, DIGEST_USERS), DIGEST_USERS + "." + name + ".principal of host " + host + " is '" + p
                        + "'", "use letters, digits, '_' and '-' only (it becomes a JAAS option name)");
            }
        });
    }

    /** Refusing sessions that did not log in needs ZooKeeper 3.7 (enforce.auth); older ones only protect ACL'd znodes. */
    private boolean enforceAuth(String host) {
        return bool(host, "zookeeper_enforce_auth", true) && refusesAnonymousSessions(cluster.zookeeper().version());
    }

    /** ZooKeeper 3.7 and later can refuse every session that did not log in (enforce.auth.enabled). */
    public static boolean refusesAnonymousSessions(String zookeeperVersion) {
        String[] p = zookeeperVersion.split("[.-]");
        try {
            int major = Integer.parseInt(p[0]);
            int minor = p.length > 1 ? Integer.parseInt(p[1]) : 0;
            return major > 3 || (major == 3 && minor >= 7);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** systemd's TimeoutStopSec: "infinity" (the default: systemd waits, never SIGKILLs) or whole seconds. */
    private String stopTimeout(String host, String variable) {
        Optional<String> v = string(host, variable).map(String::strip);
        if (v.isEmpty()) return NodeSettings.Services.NO_TIMEOUT;
        if (v.get().equals(NodeSettings.Services.NO_TIMEOUT) || v.get().matches("[1-9]\\d{0,8}")) return v.get();
        throw new BadInput(where(host, variable), variable + " of host " + host + " is '" + v.get() + "'",
                "set " + variable + " to infinity (systemd never SIGKILLs a stopping service) or to whole seconds");
    }

    private Optional<String> userName(String host, String variable) {
        Optional<String> v = string(host, variable).map(String::strip);
        if (v.isPresent() && !USER_NAME.matcher(v.get()).matches()) {
            throw new BadInput(where(host, variable), variable + " of host " + host + " is '" + v.get() + "', not a user or group name",
                    "use lower-case letters, digits, '_' and '-', starting with a letter or '_' (at most 32)");
        }
        return v;
    }

    private SourceRef where(String host, String variable) {
        return cluster.inventory().origin(host, variable).orElse(new SourceRef(cluster.inventory().source(), null));
    }

    private Optional<String> string(String host, String variable) {
        return vars.resolve(host, variable).map(String::valueOf);
    }

    private Optional<Integer> integer(String host, String variable) {
        return string(host, variable).map(String::strip).filter(s -> s.matches("\\d{1,9}")).map(Integer::parseInt);
    }

    private boolean bool(String host, String variable, boolean otherwise) {
        return vars.resolve(host, variable).map(v -> v instanceof Boolean b ? b
                : List.of("true", "yes", "on", "1").contains(String.valueOf(v).strip().toLowerCase())).orElse(otherwise);
    }

    /** Whether the ensemble and the brokers use ZooKeeper logins (the same for every host). */
    public boolean zookeeperSaslAsked() {
        return zookeeperSasl;
    }

    /** A list variable, or a comma-separated string as server.properties writes it. */
    private Optional<List<String>> list(String host, String variable) {
        return vars.resolve(host, variable).map(v -> v instanceof List<?> l
                ? l.stream().map(String::valueOf).toList()
                : List.of(String.valueOf(v).split("\\s*,\\s*")));
    }
}
