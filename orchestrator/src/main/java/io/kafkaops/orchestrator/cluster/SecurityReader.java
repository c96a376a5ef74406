package io.kafkaops.orchestrator.cluster;

import io.kafkaops.orchestrator.BadInput;
import io.kafkaops.orchestrator.SourceRef;
import io.kafkaops.orchestrator.security.AclRule;
import io.kafkaops.orchestrator.security.ClientAuth;
import io.kafkaops.orchestrator.security.ClusterSecurity;
import io.kafkaops.orchestrator.security.KafkaUser;
import io.kafkaops.orchestrator.security.Listener;
import io.kafkaops.orchestrator.security.Mechanism;
import io.kafkaops.orchestrator.security.Password;
import io.kafkaops.orchestrator.security.Protocol;
import io.kafkaops.orchestrator.security.Tls;
import io.kafkaops.orchestrator.security.TlsSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The inventory's security (cp-ansible's variables where it has them, docs/security.md for ours) read into one
 * {@link ClusterSecurity} for the cluster, with every check done before anything is rendered. Passwords stay unread:
 * each {@link Password} resolves its variable (decrypting a !vault value) only when revealed.
 */
public final class SecurityReader {
    static final String LISTENERS = "kafka_broker_listeners";
    static final String CUSTOM_LISTENERS = "kafka_broker_custom_listeners";
    static final String INTER_BROKER = "kafka_broker_inter_broker_listener_name";
    static final String CLIENT = "kafka_client_listener_name";
    static final String SUPER_USERS = "kafka_super_users";
    static final String ACLS = "kafka_acls";
    static final String ACLS_ENABLED = "kafka_acls_enabled";
    static final String DEFAULT_SSL_FILE_DIR = "/var/ssl/private/";
    static final String DEFAULT_CA_DIR = "generated_ssl_files";
    /** Our variables before cp-ansible's: each now has one way, named in the fix. */
    static final Map<String, String> REPLACED = new LinkedHashMap<>();
    static {
        REPLACED.put("kafka_sasl_scram", "sasl_protocol: scram (cp-ansible's name; scram256 or plain for the other mechanisms)");
        REPLACED.put("kafka_sasl_mechanism", "sasl_protocol: scram (SCRAM-SHA-512), scram256 (SCRAM-SHA-256) or plain");
        REPLACED.put("kafka_scram_admin_user", "sasl_scram_users: {admin: {principal: NAME, password: ...}} (cp-ansible's name)");
        REPLACED.put("kafka_scram_admin_password", "sasl_scram_users: {admin: {principal: NAME, password: ...}} (the same !vault"
                + " block moves under sasl_scram_users.admin.password)");
    }
    /** Variables that must be the same on every broker: the cluster has one security. */
    static final List<String> CLUSTER_WIDE = List.of("sasl_protocol", "ssl_enabled", "ssl_mutual_auth_enabled", "ssl_client_authentication",
            LISTENERS, CUSTOM_LISTENERS, INTER_BROKER, CLIENT, "sasl_scram_users", "sasl_scram256_users", "sasl_plain_users", SUPER_USERS,
            ACLS, ACLS_ENABLED, "kafka_port", "ssl_provided_keystore_and_truststore", "ssl_custom_certs", "self_signed", "ssl_ca_dir",
            "ssl_file_dir", "ssl_keystore_store_password", "ssl_keystore_key_password", "ssl_truststore_password");
    private static final List<String> UNSUPPORTED = List.of("kerberos", "gssapi", "oauth", "oauthbearer");
    /** A principal becomes a JAAS option name (user_NAME) and a SCRAM user name: a word to JAAS's parser. */
    private static final Pattern PRINCIPAL = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern LISTENER_NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    private final Cluster cluster;
    private final VariableResolver vars;
    private final String host;

    private SecurityReader(Cluster cluster, VariableResolver vars, String host) {
        this.cluster = cluster;
        this.vars = vars;
        this.host = host;
    }

    public static ClusterSecurity read(Cluster cluster, VariableResolver vars) {
        replacedVariables(cluster);
        List<ClusterNode> brokers = cluster.brokers();
        if (brokers.isEmpty()) return ClusterSecurity.plaintext(NodeSettingsReader.KAFKA_PORT);
        sameOnEveryBroker(cluster, brokers);
        return new SecurityReader(cluster, vars, brokers.get(0).host()).read();
    }

    private static void replacedVariables(Cluster cluster) {
        for (ClusterNode n : cluster.nodes()) {
            Map<String, Object> hv = cluster.inventory().hostVars(n.host());
            REPLACED.forEach((old, now) -> {
                if (hv.containsKey(old)) {
                    throw new BadInput(where(cluster, n.host(), old), old + " (host " + n.host() + ") is no longer read: security is"
                            + " described with cp-ansible's variables (docs/security.md)", "replace it with " + now);
                }
            });
        }
    }

    private static void sameOnEveryBroker(Cluster cluster, List<ClusterNode> brokers) {
        String first = brokers.get(0).host();
        for (String v : CLUSTER_WIDE) {
            Object want = cluster.inventory().hostVars(first).get(v);
            for (ClusterNode n : brokers) {
                Object got = cluster.inventory().hostVars(n.host()).get(v);
                if (!Objects.equals(want, got)) {
                    throw new BadInput(where(cluster, n.host(), v), v + " of broker " + n.host() + " differs from broker " + first
                            + "'s; the cluster has one security setup and every broker renders it",
                            "set " + v + " once for every broker (group_vars of the broker group or all.yml)");
                }
            }
        }
    }

    private ClusterSecurity read() {
        List<Mechanism> globalSasl = mechanisms("sasl_protocol", string("sasl_protocol"));
        boolean globalSsl = bool("ssl_enabled", false);
        ClientAuth globalAuth = clientAuth("", string("ssl_client_authentication"), bool("ssl_mutual_auth_enabled", false));
        List<Listener> listeners = listeners(globalSasl, globalSsl, globalAuth);
        Listener interBroker = pick(listeners, INTER_BROKER, () -> listeners.stream().filter(l -> l.key().equals("internal")).findFirst()
                .or(() -> listeners.size() == 1 ? Optional.of(listeners.get(0)) : Optional.empty())
                .orElseThrow(() -> bad(INTER_BROKER, "the inventory defines " + listeners.size() + " listeners but not which one the"
                        + " brokers talk to each other on", "set " + INTER_BROKER + " to one of " + keys(listeners))));
        Listener client = pick(listeners, CLIENT, () -> listeners.stream().filter(l -> !l.equals(interBroker)).findFirst().orElse(interBroker));
        List<Mechanism> enabled = ClusterSecurity.mechanisms(listeners, interBroker);
        List<KafkaUser> users = new ArrayList<>();
        for (Mechanism m : enabled) users.addAll(users(m));
        List<String> superUsers = superUsers(enabled, users, interBroker, client);
        List<AclRule> acls = acls();
        boolean aclsEnabled = bool(ACLS_ENABLED, !acls.isEmpty());
        if (aclsEnabled && enabled.isEmpty()) {
            throw bad(vars.resolve(host, ACLS_ENABLED).isPresent() ? ACLS_ENABLED : ACLS, "ACLs are asked for but no listener takes SASL"
                    + " logins: every client would be ANONYMOUS (or a certificate name, which the orchestrator does not map yet) and"
                    + " be refused, the brokers and the orchestrator included",
                    "set sasl_protocol (scram, scram256 or plain) with its users, or kafka_acls_enabled: false");
        }
        Optional<Tls> tls = listeners.stream().anyMatch(l -> l.protocol().ssl()) ? Optional.of(tls()) : Optional.empty();
        return new ClusterSecurity(listeners, interBroker, client, users, superUsers, aclsEnabled, acls, tls);
    }

    // ---------------------------------------------------------------- listeners

    private List<Listener> listeners(List<Mechanism> globalSasl, boolean globalSsl, ClientAuth globalAuth) {
        Map<String, Map<?, ?>> entries = new LinkedHashMap<>();
        for (String variable : List.of(LISTENERS, CUSTOM_LISTENERS)) {
            Optional<Object> v = vars.resolve(host, variable);
            if (v.isEmpty() || v.get() instanceof Map<?, ?> m && m.isEmpty()) continue;
            if (!(v.get() instanceof Map<?, ?> m)) {
                throw bad(variable, variable + " is not a dictionary", "give " + variable + " as {KEY: {name: NAME, port: PORT, ...}}");
            }
            m.forEach((k, e) -> {
                if (!(e instanceof Map<?, ?> entry)) {
                    throw bad(variable, variable + "." + k + " is not a dictionary", "give it as {name: NAME, port: PORT}");
                }
                Map<Object, Object> merged = new LinkedHashMap<>(entries.getOrDefault(String.valueOf(k), Map.of()));
                merged.putAll(entry); // cp-ansible combines the custom listeners over the default ones
                merged.put("__variable", variable);
                entries.put(String.valueOf(k), merged);
            });
        }
        if (entries.isEmpty()) {
            // today's single listener: named by its protocol, on kafka_port
            boolean sasl = !globalSasl.isEmpty();
            Protocol p = Protocol.of(globalSsl, sasl);
            int port = port("kafka_port", vars.resolve(host, "kafka_port").orElse(NodeSettingsReader.KAFKA_PORT));
            return List.of(Listener.single(p, port, p.ssl() ? globalAuth : ClientAuth.NONE, globalSasl));
        }
        List<Listener> out = new ArrayList<>();
        Map<Integer, String> ports = new LinkedHashMap<>();
        Set<String> names = new LinkedHashSet<>();
        entries.forEach((key, e) -> {
            String variable = String.valueOf(e.get("__variable"));
            String at = variable + "." + key;
            Object name = e.get("name");
            if (name == null || !LISTENER_NAME.matcher(String.valueOf(name)).matches()) {
                throw bad(variable, at + (name == null ? " has no name" : ".name is '" + name + "'"),
                        "give it a name of capital letters, digits and '_' (INTERNAL), as Kafka's listener names are written");
            }
            if (e.get("port") == null) throw bad(variable, at + " has no port", "give it a port (1-65535)");
            int port = port(variable, e.get("port"));
            if (ports.containsKey(port)) {
                throw bad(variable, at + " uses port " + port + ", as listener " + ports.get(port) + " does",
                        "give every listener its own port");
            }
            if (!names.add(String.valueOf(name))) throw bad(variable, at + ": another listener is named " + name, "give every listener its own name");
            ports.put(port, key);
            boolean ssl = e.containsKey("ssl_enabled") ? truth(e.get("ssl_enabled")) : globalSsl;
            List<Mechanism> mech = e.containsKey("sasl_protocol") ? mechanisms(variable, String.valueOf(e.get("sasl_protocol"))) : globalSasl;
            ClientAuth auth = e.containsKey("ssl_client_authentication") || e.containsKey("ssl_mutual_auth_enabled")
                    ? clientAuth(at + ".", Optional.ofNullable(e.get("ssl_client_authentication")).map(String::valueOf),
                    e.get("ssl_mutual_auth_enabled") != null && truth(e.get("ssl_mutual_auth_enabled")))
                    : globalAuth;
            out.add(new Listener(key, String.valueOf(name), Protocol.of(ssl, !mech.isEmpty()), port, ssl ? auth : ClientAuth.NONE, mech));
        });
        return out;
    }

    private Listener pick(List<Listener> listeners, String variable, java.util.function.Supplier<Listener> otherwise) {
        Optional<String> key = string(variable).map(String::strip);
        if (key.isEmpty()) return otherwise.get();
        return listeners.stream().filter(l -> l.key().equals(key.get())).findFirst().orElseThrow(() -> bad(variable, variable + " is '"
                + key.get() + "', which is not a listener key", "set it to one of " + keys(listeners) + " (the keys of " + LISTENERS + ")"));
    }

    private static String keys(List<Listener> listeners) {
        return String.join(", ", listeners.stream().map(Listener::key).toList());
    }

    private int port(String variable, Object value) {
        String s = String.valueOf(value).strip();
        if (s.matches("\\d{1,5}") && Integer.parseInt(s) >= 1 && Integer.parseInt(s) <= 65535) return Integer.parseInt(s);
        throw bad(variable, variable + " gives port '" + s + "'", "use a port number from 1 to 65535");
    }

    /** cp-ansible's sasl_protocol: none, plain, scram, scram256, or a comma list (the first is the listener's default). */
    private List<Mechanism> mechanisms(String variable, Optional<String> value) {
        return value.map(v -> mechanisms(variable, v)).orElse(List.of());
    }

    private List<Mechanism> mechanisms(String variable, String value) {
        List<Mechanism> out = new ArrayList<>();
        for (String word : value.split(",")) {
            String w = word.strip().toLowerCase(Locale.ROOT);
            if (w.equals("none") || w.isEmpty()) continue;
            if (UNSUPPORTED.contains(w)) {
                throw bad(variable, variable + " is '" + value + "': " + w + " is not supported by the orchestrator",
                        "use scram (SCRAM-SHA-512), scram256, plain or none");
            }
            Mechanism m = Mechanism.of(w).orElseThrow(() -> bad(variable, variable + " is '" + value + "': '" + w
                    + "' is not a SASL mechanism", "use scram (SCRAM-SHA-512), scram256 (SCRAM-SHA-256), plain or none"));
            if (!out.contains(m)) out.add(m);
        }
        return out;
    }

    private ClientAuth clientAuth(String prefix, Optional<String> w, boolean mutual) {
        if (w.isEmpty()) return mutual ? ClientAuth.REQUIRED : ClientAuth.NONE;
        String variable = prefix.isEmpty() ? "ssl_client_authentication" : LISTENERS;
        return ClientAuth.of(w.get()).orElseThrow(() -> bad(variable, prefix + "ssl_client_authentication is '" + w.get() + "'",
                "use none, requested or required"));
    }

    // ---------------------------------------------------------------- users

    private List<KafkaUser> users(Mechanism m) {
        String variable = m.usersVariable();
        String fix = "give " + variable + " as {admin: {principal: admin, password: ...}, NAME: {principal: NAME, password: ...}}"
                + " (passwords may be !vault); admin is the brokers' own login and the orchestrator's";
        Object raw = cluster.inventory().hostVars(host).get(variable);
        if (raw == null) {
            throw bad("sasl_protocol", m + " is enabled but the inventory has no " + variable, fix);
        }
        // Jinja around the whole dictionary: render it (this decrypts vault values inside, as Ansible would)
        Object shape = raw instanceof Map<?, ?> ? raw : vars.resolve(host, variable).orElse(null);
        if (!(shape instanceof Map<?, ?> users) || users.isEmpty()) throw bad(variable, variable + " is not a dictionary of users", fix);
        if (!users.containsKey(KafkaUser.ADMIN)) throw bad(variable, variable + " has no 'admin' entry", fix);
        List<KafkaUser> out = new ArrayList<>();
        users.forEach((k, e) -> {
            String key = String.valueOf(k);
            if (!(e instanceof Map<?, ?> entry) || entry.get("principal") == null) {
                throw bad(variable, variable + "." + key + " has no principal", fix);
            }
            if (!entry.containsKey("password") || entry.get("password") == null || "".equals(entry.get("password"))) {
                throw bad(variable, variable + "." + key + " has no password", "give " + variable + "." + key
                        + ".password (a !vault value keeps it encrypted at rest)");
            }
            Object p = entry.get("principal");
            String principal = p instanceof String s && !s.contains("{{") ? s
                    : String.valueOf(((Map<?, ?>) ((Map<?, ?>) vars.resolve(host, variable).orElseThrow()).get(k)).get("principal"));
            if (!PRINCIPAL.matcher(principal).matches()) {
                throw bad(variable, variable + "." + key + ".principal is '" + principal + "'",
                        "use letters, digits, '_' and '-' only (it becomes a JAAS option name and a SCRAM user name)");
            }
            String source = variable + "." + key + ".password";
            String h = host;
            out.add(new KafkaUser(key, principal, m, Password.of(source, () -> {
                Map<?, ?> resolved = (Map<?, ?>) vars.resolve(h, variable).orElseThrow();
                return String.valueOf(((Map<?, ?>) resolved.get(k)).get("password"));
            })));
        });
        return out;
    }

    private List<String> superUsers(List<Mechanism> enabled, List<KafkaUser> users, Listener interBroker, Listener client) {
        Optional<KafkaUser> admin = interBroker.mechanism().or(client::mechanism).or(() -> enabled.stream().findFirst())
                .flatMap(m -> users.stream().filter(u -> u.admin() && u.mechanism() == m).findFirst());
        Optional<Object> given = vars.resolve(host, SUPER_USERS);
        if (given.isEmpty()) return admin.map(a -> List.of(a.kafkaPrincipal())).orElse(List.of());
        List<String> list = given.get() instanceof List<?> l ? l.stream().map(String::valueOf).toList()
                : List.of(String.valueOf(given.get()).split("\\s*[,;]\\s*"));
        Set<String> defined = new LinkedHashSet<>(users.stream().map(KafkaUser::kafkaPrincipal).toList());
        List<String> out = new ArrayList<>();
        for (String s : list) {
            String p = s.strip().startsWith("User:") ? s.strip() : "User:" + s.strip();
            if (!defined.contains(p)) {
                throw bad(SUPER_USERS, SUPER_USERS + " names " + p + ", which is not a user of the inventory"
                        + (defined.isEmpty() ? " (no SASL mechanism is enabled)" : " (" + String.join(", ", defined) + ")"),
                        "name users defined in " + String.join(", ", enabled.stream().map(Mechanism::usersVariable).toList())
                                + ", or define the user there");
            }
            if (!out.contains(p)) out.add(p);
        }
        if (admin.isPresent() && !out.contains(admin.get().kafkaPrincipal())) {
            throw bad(SUPER_USERS, SUPER_USERS + " leaves out " + admin.get().kafkaPrincipal() + ", the brokers' own login: with ACLs on"
                    + " the brokers could not talk to each other", "add " + admin.get().kafkaPrincipal() + " to " + SUPER_USERS);
        }
        return out;
    }

    // ---------------------------------------------------------------- ACLs

    private List<AclRule> acls() {
        Optional<Object> v = vars.resolve(host, ACLS);
        if (v.isEmpty()) return List.of();
        if (!(v.get() instanceof List<?> list)) throw bad(ACLS, ACLS + " is not a list", "give " + ACLS + " as a list of {principal,"
                + " resource_type, name, operations, ...} (docs/security.md)");
        List<AclRule> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = ACLS + "[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> e)) throw bad(ACLS, at + " is not a dictionary", "give it as {principal: alice,"
                    + " resource_type: topic, name: orders, operations: [read]}");
            Object principal = e.get("principal");
            if (principal == null || String.valueOf(principal).isBlank()) throw bad(ACLS, at + " has no principal", "give it a principal"
                    + " (User:alice or alice)");
            String p = String.valueOf(principal).strip();
            AclRule.ResourceType type = word(AclRule.ResourceType.class, at, "resource_type", e.get("resource_type"), null);
            Object nameValue = e.get("name");
            if (nameValue == null && type != AclRule.ResourceType.CLUSTER) throw bad(ACLS, at + " has no name", "give the resource's name"
                    + " ('*' for every one)");
            String name = nameValue == null ? "kafka-cluster" : String.valueOf(nameValue);
            AclRule.PatternType pattern = word(AclRule.PatternType.class, at, "pattern_type", e.get("pattern_type"), AclRule.PatternType.LITERAL);
            Object ops = e.get("operations");
            if (!(ops instanceof List<?> opList) || opList.isEmpty()) throw bad(ACLS, at + " has no operations", "give operations as a list,"
                    + " e.g. [read, describe]");
            Set<AclRule.Operation> operations = EnumSet.noneOf(AclRule.Operation.class);
            for (Object op : opList) operations.add(word(AclRule.Operation.class, at, "operations", op, null));
            AclRule.Permission permission = word(AclRule.Permission.class, at, "permission", e.get("permission"), AclRule.Permission.ALLOW);
            String hostPattern = e.get("host") == null ? "*" : String.valueOf(e.get("host")).strip();
            out.add(new AclRule(p.startsWith("User:") ? p : "User:" + p, type, name, pattern, operations, permission, hostPattern));
        }
        return out;
    }

    /** An enum word as an operator writes it: read, DESCRIBE_CONFIGS, DescribeConfigs, transactional-id. */
    private <E extends Enum<E>> E word(Class<E> type, String at, String field, Object value, E otherwise) {
        String choices = String.join(", ", java.util.Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList());
        if (value == null) {
            if (otherwise != null) return otherwise;
            throw bad(ACLS, at + " has no " + field, "give " + field + ": one of " + choices);
        }
        String w = String.valueOf(value).strip().replaceAll("([a-z])([A-Z])", "$1_$2").replace('-', '_').replace(' ', '_')
                .toUpperCase(Locale.ROOT);
        for (E c : type.getEnumConstants()) if (c.name().equals(w)) return c;
        throw bad(ACLS, at + "." + field + " is '" + value + "', which Kafka does not know", "use one of " + choices);
    }

    // ---------------------------------------------------------------- TLS

    private Tls tls() {
        boolean provided = bool("ssl_provided_keystore_and_truststore", false);
        boolean custom = bool("ssl_custom_certs", false);
        boolean selfSigned = bool("self_signed", false);
        String ways = "name your stores (ssl_provided_keystore_and_truststore: true with ssl_keystore_filepath and"
                + " ssl_truststore_filepath), your PEM certificates (ssl_custom_certs: true with ssl_ca_cert_filepath,"
                + " ssl_signed_cert_filepath and ssl_key_filepath), or ask for a generated CA (self_signed: true, ssl_ca_dir)";
        int asked = (provided ? 1 : 0) + (custom ? 1 : 0) + (selfSigned ? 1 : 0);
        if (asked == 0) throw bad("ssl_enabled", "a listener speaks TLS but the inventory says neither where its stores come from nor"
                + " that a CA may be generated", ways);
        if (asked > 1) throw bad(provided ? "ssl_provided_keystore_and_truststore" : "ssl_custom_certs", "more than one source of TLS"
                + " stores is asked for", "keep one: " + ways);
        TlsSource source;
        if (provided) {
            Map<String, TlsSource.Stores> hosts = new LinkedHashMap<>();
            for (ClusterNode b : cluster.brokers()) hosts.put(b.host(), new TlsSource.Stores(controlFile(b.host(), "ssl_keystore_filepath"),
                    controlFile(b.host(), "ssl_truststore_filepath")));
            source = new TlsSource.ProvidedStores(hosts);
        } else if (custom) {
            Map<String, TlsSource.Pem> hosts = new LinkedHashMap<>();
            for (ClusterNode b : cluster.brokers()) {
                String h = b.host();
                Optional<Password> keyPassword = vars.resolve(h, "ssl_key_password").isPresent() || cluster.inventory().hostVars(h)
                        .containsKey("ssl_key_password") ? Optional.of(password(h, "ssl_key_password")) : Optional.empty();
                hosts.put(h, new TlsSource.Pem(controlFile(h, "ssl_ca_cert_filepath"), controlFile(h, "ssl_signed_cert_filepath"),
                        controlFile(h, "ssl_key_filepath"), keyPassword));
            }
            source = new TlsSource.CustomCerts(hosts);
        } else {
            source = new TlsSource.SelfSigned(string("ssl_ca_dir").map(Path::of).orElse(inventoryDir().resolve(DEFAULT_CA_DIR)));
        }
        Password store = requiredPassword("ssl_keystore_store_password");
        Password key = cluster.inventory().hostVars(host).containsKey("ssl_keystore_key_password")
                ? password(host, "ssl_keystore_key_password") : store;
        return new Tls(source, string("ssl_file_dir").orElse(DEFAULT_SSL_FILE_DIR), store, key, requiredPassword("ssl_truststore_password"));
    }

    private Path inventoryDir() {
        Path source = cluster.inventory().source().toAbsolutePath();
        return Files.isDirectory(source) ? source : source.getParent();
    }

    private Path controlFile(String h, String variable) {
        return vars.resolve(h, variable).map(String::valueOf).filter(s -> !s.isBlank()).map(Path::of).orElseThrow(() -> new BadInput(
                where(cluster, h, variable, "ssl_provided_keystore_and_truststore", "ssl_custom_certs"), "broker " + h + " has no " + variable, "set " + variable + " (a file on this machine,"
                + " often with {{ inventory_hostname }} in it)"));
    }

    private Password requiredPassword(String variable) {
        if (!cluster.inventory().hostVars(host).containsKey(variable)) {
            throw bad(variable, "the brokers' TLS stores need " + variable, "set " + variable + " (may be !vault): the password of the"
                    + " stores on the hosts, given or generated");
        }
        return password(host, variable);
    }

    private Password password(String h, String variable) {
        return Password.of(variable, () -> vars.resolve(h, variable).map(String::valueOf).orElseThrow());
    }

    // ---------------------------------------------------------------- values

    private Optional<String> string(String variable) {
        return vars.resolve(host, variable).map(String::valueOf);
    }

    private boolean bool(String variable, boolean otherwise) {
        return vars.resolve(host, variable).map(SecurityReader::truth).orElse(otherwise);
    }

    private static boolean truth(Object v) {
        return v instanceof Boolean b ? b : List.of("true", "yes", "on", "1").contains(String.valueOf(v).strip().toLowerCase(Locale.ROOT));
    }

    private BadInput bad(String variable, String problem, String fix) {
        return new BadInput(where(cluster, host, variable), problem, fix);
    }

    /** Where the first of these variables is set (a missing one is reported at the variable that asked for it). */
    private static SourceRef where(Cluster cluster, String host, String... variables) {
        for (String v : variables) {
            Optional<SourceRef> at = cluster.inventory().origin(host, v);
            if (at.isPresent()) return at.get();
        }
        for (String v : ASKING) {
            Optional<SourceRef> at = cluster.inventory().origin(host, v);
            if (at.isPresent()) return at.get();
        }
        return new SourceRef(cluster.inventory().source(), null);
    }

    /** The variables that ask for listeners, TLS or SASL: a missing companion variable is reported where these are. */
    private static final List<String> ASKING = List.of("ssl_provided_keystore_and_truststore", "ssl_custom_certs", "self_signed",
            LISTENERS, CUSTOM_LISTENERS, "ssl_enabled", "sasl_protocol");
}
