package io.kafkaops.orchestrator;

import io.kafkaops.orchestrator.cluster.Cluster;
import io.kafkaops.orchestrator.cluster.ClusterNode;
import io.kafkaops.orchestrator.security.ClientSettings;
import io.kafkaops.orchestrator.security.ClusterSecurity;
import io.kafkaops.orchestrator.security.KafkaUser;
import io.kafkaops.orchestrator.security.Listener;
import io.kafkaops.orchestrator.security.TlsSource;
import io.kafkaops.orchestrator.cluster.ClusterReader;
import io.kafkaops.orchestrator.cluster.GroupMapping;
import io.kafkaops.orchestrator.cluster.NodeSettingsReader;
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

    /** Where the generated CA keeps the truststore clients use (tls/CertificateAuthority writes it). */
    public static final String SELF_SIGNED_TRUSTSTORE = "truststore.p12";

    public ProvisionPlan plan() {
        Cluster cluster = cluster();
        return new PlanBuilder(FileSpec.load(home.templates().resolve("index.yml")), renderer()).build(cluster, nodeSettings(cluster));
    }

    public TemplateRenderer renderer() {
        return templates();
    }

    private InventoryTemplates templates() {
        return new InventoryTemplates(inventory, templating, home.templates(), vaultPasswordFile);
    }
}
