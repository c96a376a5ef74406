package io.kafkaops.orchestrator.plan;

import io.kafkaops.orchestrator.BadInput;
import io.kafkaops.orchestrator.DataFile;
import io.kafkaops.orchestrator.cluster.NodeSettings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One entry of templates/index.yml: which template becomes which file, where, for which hosts. */
public record FileSpec(String template, String file, String dest, List<String> when, String owner, String mode, boolean secret) {

    /** All `when` flags of the entry are true in the host's node dictionary. */
    public boolean appliesTo(NodeSettings node) {
        Map<String, Object> vars = node.toTemplateVars();
        return when.stream().allMatch(flag -> Boolean.TRUE.equals(vars.get(flag)));
    }

    public static List<FileSpec> load(Path index) {
        Object doc = DataFile.readYaml(index);
        if (!(doc instanceof List<?> entries)) {
            throw new BadInput(index, 1, "expected a list of {template, file, dest, when, owner, mode}", "restore templates/index.yml");
        }
        List<FileSpec> specs = new ArrayList<>();
        for (Object e : entries) {
            @SuppressWarnings("unchecked") Map<String, Object> m = (Map<String, Object>) e;
            for (String key : List.of("template", "file", "dest", "when", "owner", "mode")) {
                if (!m.containsKey(key)) {
                    throw new BadInput(index, null, "entry " + m.get("template") + " lacks '" + key + "'",
                            "give every entry template, file, dest, when, owner and mode");
                }
            }
            @SuppressWarnings("unchecked") List<String> when = (List<String>) m.get("when");
            specs.add(new FileSpec(String.valueOf(m.get("template")), String.valueOf(m.get("file")), String.valueOf(m.get("dest")),
                    List.copyOf(when), String.valueOf(m.get("owner")), String.valueOf(m.get("mode")),
                            Boolean.TRUE.equals(m.get("secret"))));
        }
        return List.copyOf(specs);
    }
}
