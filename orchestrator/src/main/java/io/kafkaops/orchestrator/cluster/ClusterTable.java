package io.kafkaops.orchestrator.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** `orchestrator inventory INV`: the cluster as the tool understands it, per host. */
public final class ClusterTable {
    private ClusterTable() {}

    public static String text(Cluster c, List<Finding> findings) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"HOST", "ROLES", "BROKER.ID (FROM)", "MYID (FROM)", "RACK", "PROFILE", "ADDRESS"});
        for (ClusterNode n : c.nodes()) {
            rows.add(new String[]{
                    n.host(),
                    n.roles().stream().map(Role::word).collect(Collectors.joining("+")),
                    n.brokerId().map(id -> id.value() + " (" + id.source() + ")")
                            .or(() -> n.nodeId().map(id -> "node.id " + id.value() + " (" + id.source() + ")")).orElse("-"),
                    n.myid().map(id -> id.value() + " (" + id.source() + ")").orElse("-"),
                    n.rack().orElse("-"),
                    n.profile().name() + (n.defaultProfile() ? " (default)" : ""),
                    n.address() + (n.sshPort() == 22 ? "" : ":" + n.sshPort())});
        }
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) for (int i = 0; i < r.length; i++) width[i] = Math.max(width[i], r[i].length());
        StringBuilder out = new StringBuilder();
        c.zookeeperGroup().ifPresent(g -> out.append("ZooKeeper group '").append(g).append("' (").append(c.zookeeperNodes().size())
                .append("), "));
        c.controllerGroup().ifPresent(g -> out.append("controller group '").append(g).append("' (").append(c.controllers().size())
                .append("), "));
        out.append("broker group '").append(c.brokerGroup()).append("' (").append(c.brokers().size()).append("), Kafka ")
                .append(c.kafka().version());
        if (c.zookeeperGroup().isPresent()) out.append(", ZooKeeper ").append(c.zookeeper().version());
        out.append("\n\n");
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                out.append(i == r.length - 1 ? r[i] : String.format("%-" + (width[i] + 2) + "s", r[i]));
            }
            out.append('\n');
        }
        for (Finding f : findings) {
            out.append(f instanceof Finding.Problem ? "\nerror: " : "\nwarning: ").append(f.message()).append("\n  fix: ").append(f.fix());
        }
        if (!findings.isEmpty()) out.append('\n');
        return out.toString();
    }

    public static String json(Cluster c, List<Finding> findings) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("zookeeper_group", c.zookeeperGroup().orElse(null));
        doc.put("broker_group", c.brokerGroup());
        c.controllerGroup().ifPresent(g -> doc.put("controller_group", g));
        doc.put("kafka_version", c.kafka().version());
        doc.put("zookeeper_version", c.zookeeper().version());
        doc.put("hosts", c.nodes().stream().map(n -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("host", n.host());
            m.put("roles", n.roles().stream().map(r -> r.name().toLowerCase()).toList());
            n.brokerId().ifPresent(id -> m.put("broker_id", Map.of("value", id.value(), "from", id.source())));
            n.myid().ifPresent(id -> m.put("myid", Map.of("value", id.value(), "from", id.source())));
            n.nodeId().ifPresent(id -> m.put("node_id", Map.of("value", id.value(), "from", id.source())));
            m.put("rack", n.rack().orElse(null));
            m.put("profile", n.profile().name());
            m.put("profile_is_default", n.defaultProfile());
            m.put("address", n.address());
            m.put("ssh_port", n.sshPort());
            m.put("ssh_user", n.sshUser());
            return m;
        }).toList());
        doc.put("findings", findings.stream().map(f -> Map.of(
                "level", f instanceof Finding.Problem ? "error" : "warning", "message", f.message(), "fix", f.fix())).toList());
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
