package io.kafkaops.orchestrator.cluster;

import io.kafkaops.orchestrator.BadInput;
import io.kafkaops.orchestrator.profile.Disk;
import io.kafkaops.orchestrator.profile.DiskType;
import io.kafkaops.orchestrator.profile.SizingRules;
import io.kafkaops.orchestrator.version.ClusterMode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The sizing rules operators live by, each with the reason. Pure: cluster in, findings out. */
public final class ClusterRules {
    static final int MIN_BROKER_RAM_GB = 32;
    static final int MIN_BROKER_DISK_GB = 4000;
    static final int MIN_BROKER_NIC_GBPS = 10;
    static final String LAB_PROFILE = "lab";

    private ClusterRules() {}

    public static List<Finding> check(Cluster cluster) {
        List<Finding> out = new ArrayList<>(cluster.findings());
        List<ClusterNode> zk = cluster.zookeeperNodes();
        List<ClusterNode> brokers = cluster.brokers();
        if (cluster.zookeeperGroup().isPresent()) zookeeperCount(zk, out);
        boolean kraft = cluster.mode() == ClusterMode.KRAFT;
        // beside a ZooKeeper ensemble the controllers wait for the migration: what is wrong with them is only a warning today
        if (cluster.controllerGroup().isPresent()) controllerCount(cluster.controllers(), !kraft, out);
        brokerCount(cluster, brokers, out);
        if (!kraft) {
            uniqueIds(brokers, n -> n.brokerId().orElseThrow(), "broker.id", 0, Integer.MAX_VALUE, out);
        } else {
            // KRaft: brokers and controllers share one node.id space (a broker's broker.id becomes its node.id)
            List<ClusterNode> kafka = new ArrayList<>(brokers);
            kafka.addAll(cluster.controllers());
            uniqueIds(kafka, n -> n.kafkaNodeId().orElseThrow(), "node.id", 0, Integer.MAX_VALUE, out);
        }
        uniqueIds(zk, n -> n.myid().orElseThrow(), "ZooKeeper myid", 1, 255, out);
        spread(zk, "ZooKeeper nodes", out);
        spread(brokers, "brokers", out);
        spread(cluster.controllers(), "KRaft controllers", out);
        if (cluster.minInsyncReplicas() >= cluster.defaultReplicationFactor() && brokers.size() > 1) {
            out.add(new Finding.Warning("min_insync_replicas " + cluster.minInsyncReplicas() + " >= default_replication_factor "
                    + cluster.defaultReplicationFactor() + ": acks=all producers block whenever one broker restarts",
                    "keep min_insync_replicas at most default_replication_factor - 1 (2 with RF 3)"));
        }
        if (cluster.minInsyncReplicas() > cluster.defaultReplicationFactor()) {
            out.add(new Finding.Problem("min_insync_replicas " + cluster.minInsyncReplicas() + " > default_replication_factor "
                    + cluster.defaultReplicationFactor() + ": no acks=all write could ever succeed",
                    "lower min_insync_replicas below default_replication_factor"));
        }
        for (ClusterNode n : cluster.nodes()) {
            if (n.is(Role.BROKER) && n.is(Role.ZOOKEEPER)) {
                out.add(new Finding.Warning(n.host()
                        + " runs both ZooKeeper and a broker: a broker's disk or GC trouble then also hits the ensemble",
                        "give ZooKeeper its own hosts in production"));
            }
        }
        sharedAddresses(cluster, out);
        hardware(cluster, out);
        return out;
    }

    /**
     * The cluster's warnings, once it has no problem: every command that plans or acts on a cluster refuses what {@link #check}
     * calls a problem, in this one message, before it connects anywhere.
     */
    public static List<Finding.Warning> require(Cluster cluster) {
        List<Finding> findings = check(cluster);
        List<Finding.Problem> problems = findings.stream().filter(f -> f instanceof Finding.Problem).map(f -> (Finding.Problem) f).toList();
        if (!problems.isEmpty()) {
            if (problems.size() == 1) {
                throw new BadInput(cluster.inventory().source(), null, "the inventory describes a cluster that cannot work: "
                        + problems.get(0).message(), problems.get(0).fix());
            }
            throw new BadInput(cluster.inventory().source(), null,
                    "the inventory describes a cluster that cannot work:\n" + problems.stream()
                            .map(p -> "  - " + p.message() + "\n    fix: " + p.fix()).collect(Collectors.joining("\n")),
                    "fix each problem above, then run the command again");
        }
        return findings.stream().filter(f -> f instanceof Finding.Warning).map(f -> (Finding.Warning) f).toList();
    }

    private static void zookeeperCount(List<ClusterNode> zk, List<Finding> out) {
        int count = zk.size();
        boolean lab = zk.stream().allMatch(n -> n.profile().name().equals(LAB_PROFILE));
        if (count == 1 && lab) {
            out.add(new Finding.Warning("a single ZooKeeper node tolerates no failure (quick-and-dirty, lab only)",
                    "use 3 nodes, or 5 for critical pipelines"));
        } else if (count < 3) {
            out.add(new Finding.Problem("the ZooKeeper ensemble has " + count + " node(s); it needs at least 3 to survive one failure"
                    + (count == 1 ? " (1 node is allowed only when every ZooKeeper host has hardware_profile: lab)" : ""),
                    "add ZooKeeper hosts to reach 3 (or 5 for critical pipelines)"));
        } else if (count % 2 == 0) {
            out.add(new Finding.Problem("the ZooKeeper ensemble has " + count + " nodes; an even count tolerates no more failures than "
                    + (count - 1) + " nodes and adds a vote to lose",
                    "use an odd count: " + (count - 1) + " or " + (count + 1)));
        }
    }

    /** The quorum needs a majority of its voters: like a ZooKeeper ensemble, 3 or 5, never even. */
    private static void controllerCount(List<ClusterNode> controllers, boolean unused, List<Finding> out) {
        int count = controllers.size();
        boolean lab = unused || controllers.stream().allMatch(n -> n.profile().name().equals(LAB_PROFILE));
        if (count < 3 || count % 2 == 0) {
            String message = "the KRaft controller quorum has " + count + " controller(s); "
                    + (count < 3 ? "it needs at least 3 to survive one failure" : "an even count tolerates no more failures than "
                    + (count - 1) + " controllers and adds a vote to lose");
            String fix = count < 3 ? "add controller hosts to reach 3 (or 5 for critical pipelines)" : "use an odd count: " + (count - 1)
                    + " or " + (count + 1);
            if (lab) out.add(new Finding.Warning(message + (unused ? " (the controllers are unused until the migration)"
                    : " (allowed: every controller has hardware_profile: lab)"), fix));
            else out.add(new Finding.Problem(message, fix));
        }
    }

    private static void brokerCount(Cluster cluster, List<ClusterNode> brokers, List<Finding> out) {
        int rf = cluster.defaultReplicationFactor();
        if (brokers.size() < rf) {
            out.add(new Finding.Problem(brokers.size() + " broker(s) cannot hold default_replication_factor " + rf,
                    "add brokers, or set default_replication_factor to at most " + brokers.size()));
        } else if (brokers.size() < 3 && rf >= 3) {
            out.add(new Finding.Problem("only " + brokers.size() + " broker(s); replication factor 3 needs at least 3",
                    "add brokers, or set default_replication_factor below 3 for a lab"));
        }
    }

    private static void uniqueIds(List<ClusterNode> nodes, Function<ClusterNode, AssignedId> id,
                                  String what, int min, int max, List<Finding> out) {
        Map<Integer, List<String>> byId = new LinkedHashMap<>();
        for (ClusterNode n : nodes) {
            AssignedId a = id.apply(n);
            if (a.value() < min || a.value() > max) {
                out.add(new Finding.Problem(n.host() + " has " + what + " " + a.value() + " from " + a.source()
                        + ", outside " + min + ".." + (max == Integer.MAX_VALUE ? "" : max),
                        "give " + n.host() + " a " + what + " from " + min + (max == Integer.MAX_VALUE ? " up" : " to " + max)));
            }
            byId.computeIfAbsent(a.value(), k -> new ArrayList<>()).add(n.host() + " (" + a.source() + ")");
        }
        byId.forEach((value, hosts) -> {
            if (hosts.size() > 1) {
                out.add(new Finding.Problem(what + " " + value + " is used by " + String.join(" and ", hosts),
                        "give every host its own " + what));
            }
        });
    }

    private static void spread(List<ClusterNode> nodes, String what, List<Finding> out) {
        if (nodes.size() < 2) return;
        long racks = nodes.stream().map(ClusterNode::rack).filter(Optional::isPresent).map(Optional::get).distinct().count();
        boolean lab = nodes.stream().allMatch(n -> n.profile().name().equals(LAB_PROFILE));
        if (racks < 2 && !lab) {
            out.add(new Finding.Warning(what + " are not spread over 2 or more racks/AZs (" + (racks == 0 ? "none set" : "all in one")
                    + "): one rack or AZ outage takes them all", "set broker_rack (or rack / availability_zone) per host"));
        }
    }

    private static void sharedAddresses(Cluster cluster, List<Finding> out) {
        Map<String, List<String>> byAddress = cluster.nodes().stream()
                .collect(Collectors.groupingBy(ClusterNode::address, LinkedHashMap::new,
                        Collectors.mapping(ClusterNode::host, Collectors.toList())));
        byAddress.forEach((address, hosts) -> {
            if (hosts.size() > 1) {
                out.add(new Finding.Warning(String.join(" and ", hosts) + " share the address " + address
                        + ": their ports, data dirs and services collide on one machine",
                        "give each inventory host its own ansible_host"));
            }
        });
    }

    private static void hardware(Cluster cluster, List<Finding> out) {
        for (ClusterNode n : cluster.nodes()) {
            if (n.profile().name().equals(LAB_PROFILE)) continue; // sizing advice is for production
            var p = n.profile();
            for (Disk d : p.disks()) {
                if (d.type() == DiskType.NAS) {
                    out.add(new Finding.Warning(n.host() + ": data disk " + d.mount()
                            + " is NAS, a single point of failure shared by brokers",
                            "use local disks (JBOD); Kafka replicates across brokers itself"));
                }
            }
            if (!n.is(Role.BROKER)) continue;
            if (p.memoryGb() < MIN_BROKER_RAM_GB) {
                out.add(new Finding.Warning(n.host() + ": " + p.memoryGb() + " GB RAM (profile " + p.name()
                        + "); brokers want 32 GB or more so the page cache holds recent data",
                        "use a profile with memory_gb >= 32"));
            }
            if (p.disks().stream().mapToInt(Disk::sizeGb).sum() < MIN_BROKER_DISK_GB) {
                out.add(new Finding.Warning(n.host() + ": data disks total under 4 TB (profile " + p.name()
                        + "); retention fills them fast",
                        "plan >= 4 TB of data disk per broker"));
            }
            if (p.nicGbps() < MIN_BROKER_NIC_GBPS) {
                out.add(new Finding.Warning(n.host() + ": " + p.nicGbps()
                        + " GbE; replication and consumers saturate it, keep brokers under 50% network",
                        "use 10 GbE for brokers"));
            }
            if (p.disks().stream().anyMatch(d -> d.type() == DiskType.EBS)) {
                out.add(new Finding.Warning(n.host() + ": EBS volumes can grow but never shrink",
                        "size EBS data volumes for the retention you need, not more"));
            }
            if (SizingRules.kafkaHeapMb(p) > SizingRules.KAFKA_HEAP_CAP_MB) {
                out.add(new Finding.Warning(n.host() + ": Kafka heap " + SizingRules.kafkaHeapMb(p)
                        + " MB exceeds ~6 GB; the page cache needs that memory",
                        "lower kafka_heap_mb in profile " + p.name()));
            }
        }
        if (cluster.nodes().stream().anyMatch(n -> Objects.equals(n.profile().name(), LAB_PROFILE) && n.is(Role.BROKER))
                && cluster.nodes().stream().anyMatch(n -> !n.profile().name().equals(LAB_PROFILE))) {
            out.add(new Finding.Warning("lab and production profiles are mixed in one cluster",
                    "give every host of a lab the lab profile"));
        }
    }
}
