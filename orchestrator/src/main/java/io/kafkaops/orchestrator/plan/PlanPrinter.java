package io.kafkaops.orchestrator.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.kafkaops.orchestrator.cluster.Finding;
import io.kafkaops.orchestrator.cluster.NodeSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Plan output: readable text for people, JSON for machines. Secrets are masked in both. */
public final class PlanPrinter {
    private final Optional<Path> baseline;

    /** @param baseline a folder holding BASELINE/HOST/<absolute path> to diff against */
    public PlanPrinter(Optional<Path> baseline) {
        this.baseline = baseline;
    }

    public String text(ProvisionPlan plan) {
        var c = plan.cluster();
        StringBuilder out = new StringBuilder();
        out.append("Plan for ").append(c.inventory().source()).append(": ");
        c.zookeeperGroup().ifPresent(g -> out.append(c.zookeeperNodes().size()).append(" ZooKeeper node(s) from group '").append(g)
                .append("', "));
        c.controllerGroup().ifPresent(g -> out.append(c.controllers().size()).append(" KRaft controller(s) from group '").append(g)
                .append(c.zookeeperGroup().isPresent() ? "' (unused until the ZooKeeper -> KRaft migration, not run by this version), "
                        : "', "));
        out.append(c.brokers().size()).append(" broker(s) from group '").append(c.brokerGroup()).append("'\n")
                .append("Kafka ").append(c.kafka().version()).append(" (").append(c.kafka().tarballName()).append(")");
        if (c.zookeeperGroup().isPresent()) {
            out.append(", ZooKeeper ").append(c.zookeeper().version()).append(" (").append(c.zookeeper().tarballName()).append(")");
        }
        out.append('\n');
        if (!plan.warnings().isEmpty()) {
            out.append("\nwarnings (").append(plan.warnings().size()).append("):\n");
            for (Finding.Warning w : plan.warnings()) {
                out.append("  ! ").append(w.message()).append("\n    fix: ").append(w.fix()).append('\n');
            }
        }
        if (!plan.security().isEmpty()) {
            out.append("\nsecurity:\n");
            plan.security().forEach(l -> out.append("  ").append(l).append('\n'));
        }
        for (HostPlan h : plan.hosts()) {
            NodeSettings n = h.node();
            out.append("\n== ").append(h.host()).append(" (").append(h.address()).append(") ").append(String.join(" + ", h.roles()));
            if (n.myid() != null) out.append(", myid ").append(n.myid());
            if (n.brokerId() != null) out.append(", broker.id ").append(n.brokerId());
            if (n.rack() != null) out.append(", rack ").append(n.rack());
            out.append('\n');
            for (PlannedFile f : h.files()) {
                out.append("  file ").append(f.path()).append("  owner ").append(f.owner()).append("  mode ").append(f.mode())
                        .append("  (").append(f.template()).append(")");
                Optional<String> before = baselineOf(h.host(), f.path());
                String shown = SecretMask.content(f);
                if (baseline.isEmpty()) {
                    out.append('\n').append(indent(shown));
                } else if (before.isEmpty()) {
                    out.append("  new file\n").append(indent(shown));
                } else if (before.get().equals(f.content())) {
                    out.append("  unchanged\n");
                } else if (f.secret()) {
                    out.append("  changed (secret, diff not shown)\n");
                } else {
                    out.append("  changed\n").append(indent(SecretMask.diff("on host", before.get(), "planned", f.content())));
                }
            }
        }
        out.append("\nsteps (in order; hosts within a step run in parallel):\n");
        int i = 1;
        for (PlannedStep s : plan.steps()) {
            out.append(String.format("  %2d. [phase %d] %s: %s%n", i++, s.phase(), s.target(), s.action()));
        }
        return out.toString();
    }

    public String json(ProvisionPlan plan) {
        var c = plan.cluster();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("inventory", String.valueOf(c.inventory().source()));
        doc.put("zookeeper_group", c.zookeeperGroup().orElse(null));
        doc.put("broker_group", c.brokerGroup());
        c.controllerGroup().ifPresent(g -> doc.put("controller_group", g));
        doc.put("kafka", Map.of("version", c.kafka().version(), "tarball", c.kafka().tarballName()));
        doc.put("zookeeper", Map.of("version", c.zookeeper().version(), "tarball", c.zookeeper().tarballName()));
        doc.put("security", plan.security());
        doc.put("warnings", plan.warnings().stream().map(w -> Map.of("message", w.message(), "fix", w.fix())).toList());
        doc.put("hosts", plan.hosts().stream().map(h -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("host", h.host());
            m.put("address", h.address());
            m.put("roles", h.roles());
            m.put("node", h.node().toTemplateVars());
            m.put("files", h.files().stream().map(f -> {
                Map<String, Object> fm = new LinkedHashMap<>();
                fm.put("path", f.path());
                fm.put("owner", f.owner());
                fm.put("mode", f.mode());
                fm.put("template", f.template());
                fm.put("secret", f.secret());
                fm.put("content", SecretMask.content(f));
                baseline.ifPresent(b -> fm.put("change", baselineOf(h.host(), f.path())
                        .map(before -> before.equals(f.content()) ? "unchanged" : "changed").orElse("new")));
                return fm;
            }).toList());
            return m;
        }).toList());
        doc.put("steps", plan.steps().stream().map(s -> Map.of("phase", s.phase(), "target", s.target(), "action", s.action())).toList());
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Extra vars for playbooks/: one variable per host holding its node dictionary, plus the releases. */
    public String ansibleVars(ProvisionPlan plan) {
        var c = plan.cluster();
        Map<String, Object> doc = new LinkedHashMap<>();
        plan.hosts().forEach(h -> doc.put(h.host(), h.node().toTemplateVars()));
        Map<String, Object> files = new LinkedHashMap<>();
        // destinations already rendered per host: Ansible does not template strings read from a data file
        plan.hosts().forEach(h -> files.put(h.host(), h.files().stream().map(f -> Map.of(
                "template", f.template(), "dest", f.path(), "owner", f.owner(), "mode", f.mode(),
                "role", h.node().zookeeper() && !f.owner().equals("kafka") && !f.path().contains("kafka") ? "zookeeper" : "broker"))
                        .toList()));
        doc.put("orchestrator", Map.of(
                "files", files,
                "zookeeper_group", c.zookeeperGroup().orElse(""), "broker_group", c.brokerGroup(),
                "kafka", Map.of("tarball", c.kafka().tarballName(), "install_dir", c.kafka().installDir()),
                "zookeeper", Map.of("tarball", c.zookeeper().tarballName(), "install_dir", c.zookeeper().installDir())));
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Optional<String> baselineOf(String host, String path) {
        if (baseline.isEmpty()) return Optional.empty();
        Path f = baseline.get().resolve(host).resolve(path.replaceFirst("^/+", ""));
        if (!Files.isRegularFile(f)) return Optional.empty();
        try {
            return Optional.of(Files.readString(f));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String indent(String text) {
        return text.lines().map(l -> "    | " + l).collect(Collectors.joining("\n", "", "\n"));
    }

}
