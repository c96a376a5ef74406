package io.kafkaops.orchestrator.plan;

import io.kafkaops.orchestrator.cluster.NodeSettings;

/** Renders templates/ for one host as Ansible would (implemented by the template engine). */
public interface TemplateRenderer {
    /** A template file from templates/, for a host. */
    String renderTemplate(String host, String templateName, NodeSettings node);

    /** A short Jinja string (a destination path) for a host. */
    String renderString(String host, String expression, NodeSettings node);
}
