package io.kafkaops.orchestrator.template;

import io.kafkaops.orchestrator.cluster.NodeSettings;
import io.kafkaops.orchestrator.cluster.NodeSettings.ZooKeeperServer;
import io.kafkaops.orchestrator.inventory.AnsibleInventory;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * NodeSettings per host, decided by hand from the inventory for the parity tests; the lead swaps
 * this one function for the real cluster model. Inventory values go through renderValue, so ids
 * written as Jinja (the book's regex on the host name) resolve as Ansible resolves them.
 */
final class HandBuiltNodes {
    private HandBuiltNodes() {}

    static Function<String, NodeSettings> of(AnsibleInventory inv, AnsibleTemplating engine) {
        List<String> zookeepers = hostsOfAny(inv, "zookeeper", "zkhosts");
        List<String> brokers = hostsOfAny(inv, "kafka", "kafkahosts");
        Function<String, Object> none = h -> null;
        String chroot = String.valueOf(var(inv, engine, zookeepers.isEmpty() ? brokers.get(0) : zookeepers.get(0), "zookeeper_chroot", ""));
        List<ZooKeeperServer> servers = zookeepers.stream()
                .map(h -> new ZooKeeperServer(id(inv, engine, h, zookeepers, "myid", "zookeeperid"), h, 2888, 3888, 2181))
                .toList();
        String connect = String.join(",", zookeepers.stream().map(h -> h + ":2181").toList()) + chroot;
        int rf = Math.min(3, brokers.size());
        return host -> {
            boolean broker = brokers.contains(host);
            boolean zookeeper = zookeepers.contains(host);
            boolean scram = AnsibleFilters.toBool(var(inv, engine, host, "kafka_sasl_scram_enabled", false));
            Object dirs = var(inv, engine, host, "kafka_log_dirs", List.of("/data/kafka-logs"));
            List<String> logDirs = ((List<?>) dirs).stream().map(String::valueOf).toList();
            Object rack = var(inv, engine, host, "rack", null);
            Object pin = var(inv, engine, host, "kafka_pin_version", null);
            String protocol = scram ? "SASL_PLAINTEXT" : "PLAINTEXT";
            return new NodeSettings(host, host, broker, zookeeper,
                    broker ? id(inv, engine, host, brokers, "broker_id", "brokerid") : null,
                    zookeeper ? id(inv, engine, host, zookeepers, "myid", "zookeeperid") : null,
                    rack == null ? null : rack.toString(),
                    broker ? "INTERNAL://0.0.0.0:9092" : null,
                    broker ? "INTERNAL://" + host + ":9092" : null,
                    broker ? "INTERNAL:" + protocol : null,
                    broker ? "INTERNAL" : null,
                    logDirs, 4, 8, 1,
                    broker && !host.startsWith("peter-") ? "-Xms6g -Xmx6g" : null,
                    zookeeper && !host.startsWith("peter-") ? "-Xms1g -Xmx1g" : null,
                    connect, servers, "/data/zk", 2181, rf, rf > 1 ? rf - 1 : 1,
                    pin == null ? null : pin.toString(), pin == null ? null : pin.toString(),
                    "/usr/local/kafka", "/usr/local/zookeeper", 9999, scram);
        };
    }

    private static List<String> hostsOfAny(AnsibleInventory inv, String... groups) {
        for (String g : groups) if (inv.groupNames().contains(g)) return inv.hostsOf(g);
        return List.of();
    }

    /** An id from the first variable the host defines (rendered), else its position in the group. */
    private static int id(AnsibleInventory inv, AnsibleTemplating engine, String host, List<String> group, String... names) {
        for (String name : names) {
            Object v = var(inv, engine, host, name, null);
            if (v != null) return Integer.parseInt(v.toString());
        }
        return group.indexOf(host) + 1;
    }

    private static Object var(AnsibleInventory inv, AnsibleTemplating engine, String host, String name, Object fallback) {
        Map<String, Object> vars = inv.hostVars(host);
        return vars.containsKey(name) ? engine.variable(TemplateContext.forHost(inv, host), name) : fallback;
    }
}
