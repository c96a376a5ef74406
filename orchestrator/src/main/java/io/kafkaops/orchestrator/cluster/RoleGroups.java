package io.kafkaops.orchestrator.cluster;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** The group and variable names the orchestrator recognises by default (role-groups.yml). */
public record RoleGroups(List<String> zookeeperGroups, List<String> zookeeperIdVariables,
                         List<String> brokerGroups, List<String> brokerIdVariables,
                         List<String> rackVariables) {

    @SuppressWarnings("unchecked")
    public static RoleGroups builtIn() {
        try (InputStream in = RoleGroups.class.getResourceAsStream("/role-groups.yml")) {
            Map<String, Object> doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            Map<String, List<String>> zk = (Map<String, List<String>>) doc.get("zookeeper");
            Map<String, List<String>> br = (Map<String, List<String>>) doc.get("broker");
            return new RoleGroups(zk.get("groups"), zk.get("id_variables"), br.get("groups"), br.get("id_variables"),
                    (List<String>) doc.get("rack_variables"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<String> groupsFor(Role role) {
        return role == Role.ZOOKEEPER ? zookeeperGroups : brokerGroups;
    }

    public List<String> idVariablesFor(Role role) {
        return role == Role.ZOOKEEPER ? zookeeperIdVariables : brokerIdVariables;
    }
}
