package io.kafkaops.orchestrator;

import io.kafkaops.orchestrator.cluster.Cluster;
import io.kafkaops.orchestrator.cluster.ClusterNode;
import io.kafkaops.orchestrator.security.ClientSettings;
import io.kafkaops.orchestrator.security.ClusterSecurity;
import io.kafkaops.orchestrator.security.KafkaUser;
import io.kafkaops.orchestrator.security.Listener;
import io.kafkaops.orchestrator.security.SecuritySummary;
import io.kafkaops.orchestrator.security.Tls;
import io.kafkaops.orchestrator.security.TlsSource;
import io.kafkaops.orchestrator.plan.HostPlan;
import io.kafkaops.orchestrator.plan.PlannedFile;
import io.kafkaops.orchestrator.tls.CertificateAuthority;
import io.kafkaops.orchestrator.tls.CertificateInfo;
import io.kafkaops.orchestrator.tls.HostStores;
import io.kafkaops.orchestrator.tls.Truststores;
import io.kafkaops.orchestrator.cluster.ClusterReader;
import io.kafkaops.orchestrator.cluster.GroupMapping;
import io.kafkaops.orchestrator.cluster.NodeSettingsReader;
import io.kafkaops.orchestrator.cluster.RenderModes;
import io.kafkaops.orchestrator.cluster.RoleGroups;
import io.kafkaops.orchestrator.cluster.VariableResolver;
import io.kafkaops.orchestrator.install.KnownReleases;
import io.kafkaops.orchestrator.inventory.AnsibleInventory;
import io.kafkaops.orchestrator.inventory.InventoryLoader;
import io.kafkaops.orchestrator.kafka.KafkaConnection;
import io.kafkaops.orchestrator.plan.FileSpec;
import io.kafkaops.orchestrator.plan.PlanBuilder;
import io.kafkaops.orchestrator.plan.ProvisionPlan;
import io.kafkaops.orchestrator.plan.TemplateRenderer;
import io.kafkaops.orchestrator.profile.HardwareProfiles;
import io.kafkaops.orchestrator.template.AnsibleTemplating;
import io.kafkaops.orchestrator.template.InventoryTemplates;
import io.kafkaops.orchestrator.zookeeper.ZooKeeperSession;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a command needs from the user's files: the inventory (Ansible semantics), the
 * group mapping, profiles, releases, and one template engine - loaded the same way for every command.
 */
public record Workspace(Home home, AnsibleInventory inventory, GroupMapping mapping, HardwareProfiles profiles,
                        KnownReleases releases, AnsibleTemplating templating, Optional<Path> vaultPasswordFile) {

    public static Workspace load(Path inventoryPath, GroupMapping options, Optional<Path> vaultPasswordFile) {
        Home home = Home.locate();
        AnsibleInventory inventory = InventoryLoader.load(inventoryPath);
        return new Workspace(home, inventory, GroupMapping.forInventory(inventoryPath, options),
                HardwareProfiles.load(home.hardwareProfiles()), KnownReleases.load(home.upgrade().resolve("versions.yml")),
                new AnsibleTemplating(), vaultPasswordFile);
    }

    /** Inventory variables as templates see them: Jinja rendered, vault values decrypted only if a password file was given. */
    public VariableResolver variables() {
        return templates();
    }

    public Cluster cluster() {
        return new ClusterReader(inventory, mapping, variables(), profiles, releases, RoleGroups.builtIn()).read();
    }

    public NodeSettingsReader nodeSettings(Cluster cluster) {
        return new NodeSettingsReader(cluster, variables());
    }

    /** The same rendering brokers and controllers in a migration step's modes. */
    public NodeSettingsReader nodeSettings(Cluster cluster, RenderModes modes) {
        return new NodeSettingsReader(cluster, variables(), modes);
    }

    /** The security the inventory asks for (checked: bad input before any connection). */
    public ClusterSecurity security(Cluster cluster) {
        return nodeSettings(cluster).security();
    }

    /**
     * How the orchestrator's own clients reach the brokers: the client listener of every broker, logged in as the inventory's
     * admin user (a super user) where it takes logins, trusting the cluster's CA where it speaks TLS.
     */
    public KafkaConnection kafka(Cluster cluster) {
        return kafka(cluster, security(cluster).client());
    }

    /** KRaft: the controllers' listener addresses (bootstrap.controllers), PLAINTEXT; empty for a ZooKeeper-mode cluster. */
    public Optional<KafkaConnection> controllers(Cluster cluster) {
        return controllers(cluster, nodeSettings(cluster));
    }

    /** The same for nodes rendered in a migration step's modes: empty while the controllers run nothing. */
    public Optional<KafkaConnection> controllers(Cluster cluster, NodeSettingsReader nodes) {
        List<String> addresses = new ArrayList<>();
        for (var c : cluster.controllers()) {
            var kraft = nodes.forHost(c.host()).kraft();
            if (kraft == null) return Optional.empty();
            addresses.add(c.address() + ":" + kraft.controllerPort());
        }
        return addresses.isEmpty() ? Optional.empty() : Optional.of(KafkaConnection.plaintext(String.join(",", addresses)));
    }

    /** The same through another listener (a live security switch reaches the brokers through the old one first). */
    public KafkaConnection kafka(Cluster cluster, Listener listener) {
        ClusterSecurity s = security(cluster);
        return kafkaAs(cluster, listener, listener.mechanism().flatMap(s::admin));
    }

    /** A user's connection through a listener: the settings `client-config` writes. */
    public KafkaConnection kafkaAs(Cluster cluster, Listener listener, Optional<KafkaUser> user) {
        String bootstrap = String.join(",", brokerAddresses(cluster, listener).values());
        return new KafkaConnection(bootstrap, ClientSettings.of(listener, user, clientTruststore(security(cluster))));
    }

    /** broker id -> host:port of a listener, as the brokers advertise it. */
    public Map<Integer, String> brokerAddresses(Cluster cluster, Listener listener) {
        NodeSettingsReader nodes = nodeSettings(cluster);
        Map<Integer, String> out = new LinkedHashMap<>();
        for (ClusterNode n : cluster.brokers()) out.put(n.brokerId().orElseThrow().value(), nodes.advertisedHost(n.host()) + ":" + listener.port());
        return out;
    }

    /**
     * The login the brokers use with ZooKeeper (zookeeper_digest_users.kafka_broker), when the ensemble takes digest logins:
     * the orchestrator's own ZooKeeper writes use it, so the brokers own what it creates.
     */
    public Optional<ZooKeeperSession.DigestLogin> zookeeperLogin(Cluster cluster) {
        if (cluster.brokers().isEmpty()) return Optional.empty();
        String host = cluster.brokers().get(0).host();
        if (!nodeSettings(cluster).forHost(host).services().zookeeperSasl()) return Optional.empty();
        Map<?, ?> users = (Map<?, ?>) variables().resolve(host, "zookeeper_digest_users").orElseThrow();
        Map<?, ?> broker = (Map<?, ?>) users.get("kafka_broker");
        return Optional.of(new ZooKeeperSession.DigestLogin(String.valueOf(broker.get("principal")), String.valueOf(broker.get("password"))));
    }

    /** The truststore a client on this machine checks the brokers' certificates with: the CA's, or the operator's own. */
    private static Optional<ClientSettings.Truststore> clientTruststore(ClusterSecurity s) {
        return s.tls().map(t -> {
            if (t.source() instanceof TlsSource.SelfSigned self) {
                return new ClientSettings.Truststore(self.caDir().resolve(SELF_SIGNED_TRUSTSTORE).toString(),
                        Optional.of(t.truststorePassword()), "PKCS12");
            }
            if (t.source() instanceof TlsSource.ProvidedStores provided) {
                Path store = provided.hosts().values().iterator().next().truststore();
                return new ClientSettings.Truststore(store.toString(), Optional.of(t.truststorePassword()),
                        store.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".jks") ? "JKS" : "PKCS12");
            }
            // the operator's CA bundle as is: Java clients read PEM truststores since Kafka 2.7 (KIP-651)
            TlsSource.CustomCerts custom = (TlsSource.CustomCerts) t.source();
            return new ClientSettings.Truststore(custom.hosts().values().iterator().next().caCert().toString(), Optional.empty(), "PEM");
        });
    }

    /** The generated CA's truststore for clients on this machine, under the inventory's ssl_truststore_password. */
    public static final String SELF_SIGNED_TRUSTSTORE = "client-truststore.p12";

    /**
     * The plan: the rendered files of every host, plus each broker's TLS stores (made now from the control machine's CA when
     * the inventory asks for a generated one) and what the cluster's security is, certificates and their expiry included.
     */
    public ProvisionPlan plan() {
        Cluster cluster = cluster();
        return plan(cluster, nodeSettings(cluster));
    }

    /** The plan with the nodes rendered as {@code nodes} says (a migration step's modes). */
    public ProvisionPlan plan(Cluster cluster, NodeSettingsReader nodes) {
        ProvisionPlan plan = new PlanBuilder(FileSpec.load(home.templates().resolve("index.yml")), renderer()).build(cluster, nodes);
        ClusterSecurity security = nodes.security();
        List<String> lines = new ArrayList<>(SecuritySummary.lines(security, cluster.kafka().version()));
        if (security.tls().isEmpty()) return plan.with(plan.hosts(), security.secured() ? lines : List.of());
        Tls tls = security.tls().get();
        List<HostPlan> hosts = new ArrayList<>();
        for (HostPlan h : plan.hosts()) {
            if (!h.node().broker()) {
                hosts.add(h);
                continue;
            }
            HostStores stores = brokerStores(cluster, h.host());
            CertificateInfo cert = CertificateInfo.hostCertificate(stores.keystore(), tls.keystorePassword().reveal().toCharArray());
            String advertised = nodes.advertisedHost(h.host());
            cert.missingSan(advertised).ifPresent(why -> {
                throw new BadInput(new SourceRef(inventory.source(), null), "the keystore of broker " + h.host() + ": " + why,
                        "issue its certificate with " + advertised + " among the subject alternative names (clients check it: "
                                + "hostname verification stays on)");
            });
            long days = Duration.between(Instant.now(), cert.notAfter()).toDays();
            lines.add("certificate of " + h.host() + ": " + cert.subject() + ", SANs " + cert.sans() + ", issued by " + cert.issuer()
                    + ", expires " + cert.notAfter().toString().substring(0, 10) + " (in " + days + " days)"
                    + (days < CERTIFICATE_WARNING_DAYS ? " - RENEW SOON" : ""));
            List<PlannedFile> files = new ArrayList<>(h.files());
            String owner = h.node().services().kafkaUser();
            files.add(PlannedFile.binary(tls.keystoreLocation(), owner, "0600", stores.keystore(), "tls"));
            files.add(PlannedFile.binary(tls.truststoreLocation(), owner, "0600", stores.truststore(), "tls"));
            hosts.add(new HostPlan(h.host(), h.address(), h.roles(), h.node(), files));
        }
        stores(cluster).ifPresent(t -> lines.add("clients on this machine trust " + t));
        return plan.with(hosts, lines);
    }

    /** Fewer days than this before a broker certificate ends, and plan says to renew it. */
    static final int CERTIFICATE_WARNING_DAYS = 30;

    /**
     * A broker's keystore and truststore, from where the inventory says: the generated CA (issued once, kept while its SANs
     * and expiry hold), the operator's PEM files, or the operator's own stores as they are.
     */
    public HostStores brokerStores(Cluster cluster, String host) {
        NodeSettingsReader nodes = nodeSettings(cluster);
        Tls tls = nodes.security().tls().orElseThrow();
        char[] store = tls.keystorePassword().reveal().toCharArray();
        char[] trust = tls.truststorePassword().reveal().toCharArray();
        if (tls.source() instanceof TlsSource.SelfSigned self) {
            CertificateAuthority ca = CertificateAuthority.loadOrCreate(self.caDir(), clusterName(), Clock.systemUTC());
            List<String> names = new ArrayList<>(List.of(nodes.advertisedHost(host), host, cluster.node(host).address()));
            List<String> ips = names.stream().filter(Workspace::isAddress).distinct().toList();
            List<String> dns = names.stream().filter(n -> !isAddress(n)).distinct().toList();
            HostStores issued = ca.storesFor(host, dns, ips, store);
            byte[] truststore = Truststores.of(ca, trust);
            Truststores.keep(self.caDir().resolve(SELF_SIGNED_TRUSTSTORE), truststore);
            return new HostStores(issued.keystore(), issued.keystoreType(), truststore, issued.truststoreType(), Optional.empty());
        }
        if (tls.source() instanceof TlsSource.CustomCerts custom) {
            TlsSource.Pem pem = custom.hosts().get(host);
            HostStores made = HostStores.fromPem(pem.caCert(), pem.signedCert(), pem.key(),
                    pem.keyPassword().map(p -> p.reveal().toCharArray()), store);
            return new HostStores(made.keystore(), made.keystoreType(), Truststores.fromPem(pem.caCert(), trust), made.truststoreType(),
                    Optional.empty());
        }
        TlsSource.Stores given = ((TlsSource.ProvidedStores) tls.source()).hosts().get(host);
        return HostStores.provided(given.keystore(), store, given.truststore(), trust);
    }

    /** Where clients on this machine find the truststore, when the cluster speaks TLS. */
    private Optional<String> stores(Cluster cluster) {
        return clientTruststore(security(cluster)).map(t -> t.location() + " (" + t.type() + ")");
    }

    private String clusterName() {
        String file = String.valueOf(inventory.source().toAbsolutePath().getFileName());
        return file.replaceFirst("\\.(ya?ml|ini|json)$", "");
    }

    private static boolean isAddress(String name) {
        return name.matches("\\d{1,3}(\\.\\d{1,3}){3}") || name.contains(":");
    }

    public TemplateRenderer renderer() {
        return templates();
    }

    private InventoryTemplates templates() {
        return new InventoryTemplates(inventory, templating, home.templates(), vaultPasswordFile);
    }
}
