package io.kafkaops.orchestrator.dist;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How to assemble one distribution, as read from distributions.yml: the Maven artifacts whose
 * runtime closure becomes the jars folder, the launcher/config layers copied on top, the tool
 * wrappers to generate and the placeholder values for the layer files.
 */
public record Recipe(
        Product product,
        String version,
        Optional<String> scala,
        String directoryName,
        String extension,
        String jarsFolder,
        List<String> artifacts,
        Map<String, List<String>> exclusions,
        List<String> layers,
        Map<String, String> tools,
        Map<String, String> vars) {

    public Recipe {
        artifacts = List.copyOf(artifacts);
        exclusions = Map.copyOf(exclusions);
        layers = List.copyOf(layers);
        tools = Map.copyOf(tools);
        vars = Map.copyOf(vars);
    }

    public String tarballName() { return directoryName + extension; }

    /** A stable text of everything in the recipe, for the cache stamp. */
    public String fingerprint() {
        return String.join("\n",
                product.key(), version, scala.orElse(""), directoryName, extension, jarsFolder,
                String.join(",", artifacts),
                new TreeMap<>(exclusions).toString(),
                String.join(",", layers),
                new TreeMap<>(tools).toString(),
                new TreeMap<>(vars).toString());
    }

    /** Replaces @version@, @scala@ and the recipe's @var@ placeholders. */
    public String substitute(String text) {
        String out = text.replace("@version@", version).replace("@scala@", scala.orElse(""));
        for (Map.Entry<String, String> v : vars.entrySet()) {
            out = out.replace("@" + v.getKey() + "@", v.getValue());
        }
        return out;
    }
}
