package io.kafkaops.orchestrator;

import io.kafkaops.orchestrator.cluster.Cluster;
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

import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Collectors;

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

    /** How clients reach the cluster's brokers: every broker's advertised address, and the inventory's client settings. */
    public KafkaConnection kafka(Cluster cluster) {
        NodeSettingsReader nodes = nodeSettings(cluster);
        return KafkaConnection.plaintext(cluster.brokers().stream()
                .map(n -> nodes.forHost(n.host()).advertisedAddress()).collect(Collectors.joining(",")));
    }

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
