package io.kafkaops.orchestrator.cluster;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The group and variable names the orchestrator recognises by default (role-groups.yml), per role. */
public record RoleGroups(Map<Role, List<String>> groups, Map<Role, List<String>> idVariables, List<String> rackVariables,
                         List<String> clusterIdVariables) {

    /** role-groups.yml's block per role. */
    private static final Map<Role, String> BLOCK = Map.of(Role.ZOOKEEPER, "zookeeper", Role.BROKER, "broker",
            Role.CONTROLLER, "controller");

    public RoleGroups {
        groups = Map.copyOf(groups);
        idVariables = Map.copyOf(idVariables);
        rackVariables = List.copyOf(rackVariables);
        clusterIdVariables = List.copyOf(clusterIdVariables);
    }

    @SuppressWarnings("unchecked")
    public static RoleGroups builtIn() {
        try (InputStream in = RoleGroups.class.getResourceAsStream("/role-groups.yml")) {
            Map<String, Object> doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            Map<Role, List<String>> groups = new EnumMap<>(Role.class);
            Map<Role, List<String>> ids = new EnumMap<>(Role.class);
            BLOCK.forEach((role, block) -> {
                Map<String, List<String>> b = (Map<String, List<String>>) doc.get(block);
                groups.put(role, List.copyOf(b.get("groups")));
                ids.put(role, List.copyOf(b.get("id_variables")));
            });
            return new RoleGroups(groups, ids, (List<String>) doc.get("rack_variables"),
                    (List<String>) doc.get("cluster_id_variables"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<String> groupsFor(Role role) {
        return groups.get(role);
    }

    public List<String> idVariablesFor(Role role) {
        return idVariables.get(role);
    }
}
