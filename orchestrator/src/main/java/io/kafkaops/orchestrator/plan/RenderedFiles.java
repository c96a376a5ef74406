package io.kafkaops.orchestrator.plan;

import io.kafkaops.orchestrator.cluster.NodeSettings;

import java.util.ArrayList;
import java.util.List;

/** The one loop over templates/index.yml: the files a host gets, rendered with its node dictionary. */
public final class RenderedFiles {
    private RenderedFiles() {}

    public static List<PlannedFile> forHost(List<FileSpec> specs, TemplateRenderer renderer, String host, NodeSettings node) {
        List<PlannedFile> planned = new ArrayList<>();
        for (FileSpec spec : specs) {
            if (!spec.appliesTo(node)) continue;
            String path = renderer.renderString(host, spec.dest(), node);
            // the owner is the host's service user (index.yml: "{{ node.kafka_user }}")
            String owner = renderer.renderString(host, spec.owner(), node);
            planned.add(new PlannedFile(path, owner, spec.mode(), renderer.renderTemplate(host, spec.template(), node), spec.secret(),
                    spec.template()));
        }
        return List.copyOf(planned);
    }
}
