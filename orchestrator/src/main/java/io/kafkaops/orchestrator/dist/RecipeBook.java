package io.kafkaops.orchestrator.dist;

import io.kafkaops.orchestrator.BadInput;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The recipes of distributions.yml, by product and version. */
public record RecipeBook(String mavenPlugin, Map<Product, Map<String, Recipe>> recipes) {

    /** Where the recipes live, on the classpath and in the source tree (for messages). */
    public static final String RESOURCE = "distributions.yml";
    public static final String SOURCE = "orchestrator/src/main/resources/" + RESOURCE;

    public static RecipeBook load() {
        try (InputStream in = RecipeBook.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
    }

    public static RecipeBook parse(String yamlText) {
        Object root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(options).load(yamlText);
        } catch (YAMLException e) {
            throw new BadInput(SOURCE, null, "not valid YAML: " + e.getMessage().lines().findFirst().orElse(""),
                    "fix the YAML syntax");
        }
        Map<String, Object> top = map(root, "the top level");
        String plugin = text(top.get("maven_plugin"), "maven_plugin");
        Map<Product, Map<String, Recipe>> byProduct = new LinkedHashMap<>();
        for (Product product : Product.values()) {
            Map<String, Object> section = map(top.get(product.key()), product.key());
            String directory = text(section.get("directory"), product.key() + ".directory");
            String extension = text(section.get("extension"), product.key() + ".extension");
            String jars = text(section.get("jars"), product.key() + ".jars");
            Map<String, Recipe> versions = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : map(section.get("versions"), product.key() + ".versions").entrySet()) {
                versions.put(e.getKey(), recipe(product, e.getKey(), directory, extension, jars,
                        map(e.getValue(), product.key() + " " + e.getKey())));
            }
            byProduct.put(product, Map.copyOf(versions));
        }
        return new RecipeBook(plugin, Map.copyOf(byProduct));
    }

    private static Recipe recipe(Product product, String version, String directory, String extension,
                                 String jars, Map<String, Object> r) {
        String where = product.key() + " " + version;
        Optional<String> scala = Optional.ofNullable(r.get("scala")).map(s -> text(s, where + ".scala"));
        if (product == Product.KAFKA && scala.isEmpty()) {
            throw new BadInput(SOURCE, null, where + " has no scala", "add scala: \"2.12\" or \"2.13\"");
        }
        List<String> artifacts = strings(r.get("artifacts"), where + ".artifacts");
        if (artifacts.isEmpty()) throw new BadInput(SOURCE, null, where + " has no artifacts",
                "list at least one groupId:artifactId:version");
        for (String a : artifacts) {
            if (a.split(":").length != 3) {
                throw new BadInput(SOURCE, null, where + ": artifact '" + a + "' is not groupId:artifactId:version",
                        "write it as groupId:artifactId:version");
            }
        }
        Map<String, List<String>> exclusions = new LinkedHashMap<>();
        if (r.get("exclusions") != null) {
            for (Map.Entry<String, Object> e : map(r.get("exclusions"), where + ".exclusions").entrySet()) {
                exclusions.put(e.getKey(), strings(e.getValue(), where + ".exclusions." + e.getKey()));
            }
        }
        Map<String, String> tools = stringMap(r.get("tools"), where + ".tools");
        Map<String, String> vars = stringMap(r.get("vars"), where + ".vars");
        Recipe draft = new Recipe(product, version, scala, "", extension, jars, artifacts, exclusions,
                strings(r.get("layers"), where + ".layers"), tools, vars);
        return new Recipe(product, version, scala, draft.substitute(directory), extension, jars, artifacts,
                exclusions, draft.layers(), tools, vars);
    }

    /** The recipe for this product and version, or a BadInput naming the known versions. */
    public Recipe get(Product product, String version) {
        Recipe r = recipes.getOrDefault(product, Map.of()).get(version);
        if (r == null) {
            throw new BadInput("no " + product.key() + " distribution recipe for version '" + version
                    + "'; known " + product.key() + " versions: " + String.join(", ", versions(product)),
                    "use one of those, or add a recipe under " + product.key() + ".versions in " + SOURCE);
        }
        return r;
    }

    public List<String> versions(Product product) {
        return recipes.getOrDefault(product, Map.of()).keySet().stream().sorted().toList();
    }

    /** Every recipe, Kafka first, each product's versions in order. */
    public List<Recipe> all() {
        List<Recipe> out = new ArrayList<>();
        for (Product p : Product.values()) {
            for (String v : versions(p)) out.add(recipes.get(p).get(v));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o, String where) {
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), v));
            return out;
        }
        throw new BadInput(SOURCE, null, where + " must be a mapping", "see the field list at the top of the file");
    }

    private static String text(Object o, String where) {
        if (o instanceof String s && !s.isBlank()) return s;
        throw new BadInput(SOURCE, null, where + " must be a quoted, non-empty string (got " + o + ")",
                "quote it, e.g. \"2.13\" (unquoted 2.10 would read as the number 2.1)");
    }

    private static List<String> strings(Object o, String where) {
        if (o == null) return List.of();
        if (o instanceof List<?> l) return l.stream().map(x -> text(x, where)).toList();
        throw new BadInput(SOURCE, null, where + " must be a list", "write it as a YAML list");
    }

    private static Map<String, String> stringMap(Object o, String where) {
        if (o == null) return Map.of();
        Map<String, String> out = new LinkedHashMap<>();
        map(o, where).forEach((k, v) -> out.put(k, "".equals(v) ? "" : text(v, where + "." + k)));
        return out;
    }
}
