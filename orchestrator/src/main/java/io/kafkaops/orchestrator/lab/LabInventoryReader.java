package io.kafkaops.orchestrator.lab;

import io.kafkaops.orchestrator.BadInput;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The little the lab needs from an Ansible YAML inventory: each distinct host and its
 * ansible_host, if any. Deliberately minimal (host-level ansible_host only, no group vars,
 * no INI) so the full inventory parser can replace it.
 */
public final class LabInventoryReader {

    private LabInventoryReader() {}

    public static Map<String, Optional<String>> hosts(Path inventory) {
        String file = inventory.getFileName() == null ? "" : inventory.getFileName().toString();
        if (!Files.isRegularFile(inventory)) {
            throw new BadInput(inventory.toString(), null, "inventory file not found",
                    "give the path of a YAML inventory, e.g. inventory/lab.yml");
        }
        if (!(file.endsWith(".yml") || file.endsWith(".yaml"))) {
            throw new BadInput(inventory.toString(), null, "lab up reads YAML inventories only", "give a .yml/.yaml inventory");
        }
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(inventory));
        } catch (IOException e) {
            throw new BadInput(inventory.toString(), null, "cannot read inventory: " + e.getMessage(), "check the file's permissions");
        } catch (RuntimeException e) {
            throw new BadInput(inventory.toString(), null, "not valid YAML: " + e.getMessage().lines().findFirst().orElse(""),
                    "fix the YAML syntax");
        }
        Map<String, Optional<String>> hosts = new LinkedHashMap<>();
        if (root instanceof Map<?, ?> groups) {
            groups.values().forEach(group -> collect(group, hosts));
        }
        if (hosts.isEmpty()) {
            throw new BadInput(inventory.toString(), null, "the inventory has no hosts", "add hosts under all: / children:");
        }
        return hosts;
    }

    private static void collect(Object group, Map<String, Optional<String>> hosts) {
        if (!(group instanceof Map<?, ?> g)) return;
        if (g.get("hosts") instanceof Map<?, ?> hs) {
            hs.forEach((host, vars) -> {
                Optional<String> address = vars instanceof Map<?, ?> v && v.get("ansible_host") != null
                        ? Optional.of(String.valueOf(v.get("ansible_host"))) : Optional.empty();
                Optional<String> known = hosts.get(String.valueOf(host));
                hosts.put(String.valueOf(host), known != null && known.isPresent() ? known : address);
            });
        }
        if (g.get("children") instanceof Map<?, ?> children) {
            children.values().forEach(child -> collect(child, hosts));
        }
    }
}
