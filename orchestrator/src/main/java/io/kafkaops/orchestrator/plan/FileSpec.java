package io.kafkaops.orchestrator.plan;

import io.kafkaops.orchestrator.BadInput;
import io.kafkaops.orchestrator.cluster.Role;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One entry of templates/files.yml: which template becomes which file on which role's hosts. */
public record FileSpec(String template, Role role, String path, String owner, String mode,
                       Optional<String> when, boolean secret) {

    public static List<FileSpec> load(Path file) {
        Object doc;
        try {
            doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            throw new BadInput(file, null, "cannot read the template file list: " + e.getMessage(),
                    "restore templates/files.yml from the repository");
        }
        if (!(doc instanceof List<?> entries)) {
            throw new BadInput(file, 1, "expected a list of {template, role, path, owner, mode}", "restore templates/files.yml");
        }
        List<FileSpec> specs = new ArrayList<>();
        for (Object e : entries) {
            @SuppressWarnings("unchecked") Map<String, Object> m = (Map<String, Object>) e;
            Role role = switch (String.valueOf(m.get("role"))) {
                case "zookeeper" -> Role.ZOOKEEPER;
                case "broker" -> Role.BROKER;
                default -> throw new BadInput(file, null, "unknown role '" + m.get("role") + "' for " + m.get("template"),
                        "use role: zookeeper or role: broker");
            };
            specs.add(new FileSpec(String.valueOf(m.get("template")), role, String.valueOf(m.get("path")),
                    String.valueOf(m.get("owner")), String.valueOf(m.get("mode")),
                    Optional.ofNullable(m.get("when")).map(String::valueOf), Boolean.TRUE.equals(m.get("secret"))));
        }
        return List.copyOf(specs);
    }
}
