package io.kafkaops.orchestrator.template;

import io.kafkaops.orchestrator.BadInput;
import io.kafkaops.orchestrator.cluster.NodeSettings;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** templates/index.yml: which template renders which file on which hosts (shared with render-templates.yml). */
public record TemplateIndex(Path templatesDir, List<TemplateFile> files) {

    /** One entry: template under templates/, file name, destination on the host (Jinja), node flags required. */
    public record TemplateFile(String template, String file, String dest, List<String> when) {

        public boolean appliesTo(NodeSettings node) {
            Map<String, Object> vars = node.toTemplateVars();
            return when.stream().allMatch(flag -> Boolean.TRUE.equals(vars.get(flag)));
        }
    }

    /** A rendered file for one host: where it goes and what it holds. */
    public record RenderedFile(TemplateFile source, String destination, String content) {}

    public static TemplateIndex load(Path templatesDir) {
        Path index = templatesDir.resolve("index.yml");
        Object doc;
        try {
            doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(index));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + index, e);
        }
        if (!(doc instanceof List<?> entries)) {
            throw new BadInput(index, 1, "expected a list of templates", "restore templates/index.yml from the repository");
        }
        List<TemplateFile> files = new ArrayList<>();
        for (Object e : entries) {
            if (!(e instanceof Map<?, ?> m) || !(m.get("template") instanceof String t) || !(m.get("file") instanceof String f)) {
                throw new BadInput(index, null, "entry " + e + " needs template: and file:", "give every entry template, file, dest and when");
            }
            List<String> when = m.get("when") instanceof List<?> w ? w.stream().map(String::valueOf).toList() : List.of();
            files.add(new TemplateFile(t, f, String.valueOf(m.get("dest")), when));
        }
        return new TemplateIndex(templatesDir, List.copyOf(files));
    }

    public List<TemplateFile> filesFor(NodeSettings node) {
        return files.stream().filter(f -> f.appliesTo(node)).toList();
    }

    /** Every file the host gets, rendered with the host's context (which must carry `node`). */
    public List<RenderedFile> render(AnsibleTemplating engine, TemplateContext context, NodeSettings node) {
        List<RenderedFile> out = new ArrayList<>();
        for (TemplateFile f : filesFor(node)) {
            String destination = engine.render(templatesDir.resolve("index.yml") + " (dest of " + f.file() + ")", f.dest(), context);
            out.add(new RenderedFile(f, destination, engine.render(templatesDir.resolve(f.template()), context)));
        }
        return out;
    }
}
