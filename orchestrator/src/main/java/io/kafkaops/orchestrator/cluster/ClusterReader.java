package io.kafkaops.orchestrator.cluster;

import io.kafkaops.orchestrator.BadInput;
import io.kafkaops.orchestrator.install.ClusterIdentity;
import io.kafkaops.orchestrator.install.InventoryClusterId;
import io.kafkaops.orchestrator.install.KafkaRelease;
import io.kafkaops.orchestrator.install.KnownReleases;
import io.kafkaops.orchestrator.install.ZooKeeperRelease;
import io.kafkaops.orchestrator.inventory.AnsibleInventory;
import io.kafkaops.orchestrator.inventory.InventoryGroup;
import io.kafkaops.orchestrator.inventory.Replaced;
import io.kafkaops.orchestrator.SourceRef;
import io.kafkaops.orchestrator.profile.HardwareProfile;
import io.kafkaops.orchestrator.profile.HardwareProfiles;
import io.kafkaops.orchestrator.version.KafkaVersion;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the cluster out of an inventory as people really write it: recognises the usual group
 * names, takes ids from the usual variables (Jinja rendered), else from a documented rule.
 * Pure: no I/O beyond what it is given.
 */
public final class ClusterReader {
    private static final Pattern TRAILING_NUMBER = Pattern.compile("(\\d+)$");
    /** A controller without an id variable gets 9990 + its position in the group: 9991, 9992, ... (cp-ansible's rule). */
    static final int CONTROLLER_ID_BASE = 9990;
    private static final KafkaVersion KRAFT_FROM = new KafkaVersion(3, 3, 0);

    private final AnsibleInventory inventory;
    private final GroupMapping mapping;
    private final VariableResolver vars;
    private final HardwareProfiles profiles;
    private final KnownReleases releases;
    private final RoleGroups names;

    public ClusterReader(AnsibleInventory inventory, GroupMapping mapping, VariableResolver vars,
                         HardwareProfiles profiles, KnownReleases releases, RoleGroups names) {
        this.inventory = inventory;
        this.mapping = mapping;
        this.vars = vars;
        this.profiles = profiles;
        this.releases = releases;
        this.names = names;
    }

    public Cluster read() {
        List<Finding> findings = new ArrayList<>(replacedValues());
        inventory.warnings().forEach(w -> findings.add(new Finding.Warning(w,
                "make it a directory of NAME.yml files, as Ansible expects, or remove it")));
        // KRaft: a controller group makes the ZooKeeper group optional (a cluster that is to migrate has both)
        Optional<String> controllerGroup = roleGroup(Role.CONTROLLER);
        Optional<String> zkGroup = roleGroup(Role.ZOOKEEPER);
        if (zkGroup.isEmpty() && controllerGroup.isEmpty()) throw noGroup(Role.ZOOKEEPER, Optional.of(Role.CONTROLLER));
        String brokerGroup = roleGroup(Role.BROKER).orElseThrow(() -> noGroup(Role.BROKER, Optional.empty()));
        List<String> zkHosts = zkGroup.map(inventory::hostsOf).orElse(List.of());
        List<String> brokerHosts = inventory.hostsOf(brokerGroup);
        List<String> controllerHosts = new ArrayList<>(controllerGroup.map(inventory::hostsOf).orElse(List.of()));
        List<String> combined = controllerHosts.stream().filter(brokerHosts::contains).toList();
        if (zkGroup.isPresent() && !combined.isEmpty()) {
            // a ZooKeeper-mode cluster runs as before: those hosts stay brokers, and the migration will refuse them
            findings.add(new Finding.Warning(String.join(", ", combined) + " are in the broker group '" + brokerGroup
                    + "' and the controller group '" + controllerGroup.get() + "': combined mode cannot be migrated to",
                    "give the controllers hosts of their own before a ZooKeeper -> KRaft migration"));
            controllerHosts.removeAll(combined);
        }
        for (String host : controllerHosts) {
            if (brokerHosts.contains(host)) {
                throw new BadInput(inventory.origin(host, "ansible_host").orElse(new SourceRef(inventory.source(), null)),
                        "host " + host + " is in the broker group '" + brokerGroup + "' and the controller group '"
                                + controllerGroup.get() + "': combined mode (process.roles=broker,controller) is not supported",
                        "give the controllers hosts of their own (docs/kraft.md says why)");
            }
        }
        Map<String, AssignedId> myids = zkGroup.map(g -> ids(Role.ZOOKEEPER, g, zkHosts)).orElse(Map.of());
        Map<String, AssignedId> brokerIds = ids(Role.BROKER, brokerGroup, brokerHosts);
        Map<String, AssignedId> nodeIds = controllerGroup.map(g -> ids(Role.CONTROLLER, g, controllerHosts)).orElse(Map.of());

        List<ClusterNode> nodes = new ArrayList<>();
        Set<String> defaulted = new TreeSet<>();
        for (String host : inventory.hosts()) {
            Set<Role> roles = EnumSet.noneOf(Role.class);
            if (zkHosts.contains(host)) roles.add(Role.ZOOKEEPER);
            if (brokerHosts.contains(host)) roles.add(Role.BROKER);
            if (controllerHosts.contains(host)) roles.add(Role.CONTROLLER);
            if (roles.isEmpty()) continue;
            Optional<String> profileName = string(host, "hardware_profile");
            HardwareProfile profile = profiles.find(profileName.orElse(HardwareProfiles.DEFAULT)).orElseThrow(() ->
                    new BadInput(where(host, "hardware_profile"), "host " + host + " names unknown hardware profile '"
                            + profileName.orElse("") + "'", "use one of " + profiles.names() + " or add "
                            + profiles.folder().resolve(profileName.orElse("NAME") + ".yml")));
            if (profileName.isEmpty()) defaulted.add(host);
            nodes.add(new ClusterNode(host, string(host, "ansible_host").orElse(host), sshPort(host),
                    string(host, "ansible_user").orElse("root"), roles,
                    Optional.ofNullable(brokerIds.get(host)), Optional.ofNullable(myids.get(host)), Optional.ofNullable(nodeIds.get(host)),
                    firstString(host, names.rackVariables()), profile, profileName.isEmpty()));
        }
        if (!defaulted.isEmpty()) {
            findings.add(new Finding.Warning("no hardware_profile set for " + String.join(", ", defaulted)
                    + "; using the default profile '" + HardwareProfiles.DEFAULT + "'",
                    "set hardware_profile: lab|small|large (or your own in hardware-profiles/) per host or group"));
        }
        String anyBroker = brokerHosts.isEmpty() ? null : brokerHosts.get(0);
        int rf = anyBroker == null ? 3 : integer(anyBroker, "default_replication_factor").orElse(3);
        int minIsr = anyBroker == null ? 2 : integer(anyBroker, "min_insync_replicas").orElse(rf >= 3 ? 2 : 1);
        String anyHost = nodes.isEmpty() ? inventory.hosts().get(0) : nodes.get(0).host();
        String kafkaVersion = firstString(anyHost, List.of("kafka_version", "kafkaversion")).orElse(releases.defaultKafka());
        KafkaRelease kafka = releases.kafka(kafkaVersion, string(anyHost, "kafka_scala_version"));
        if (!releases.knowsKafka(kafkaVersion)) {
            findings.add(new Finding.Warning("Kafka " + kafkaVersion + " is not in " + releases.source()
                    + "; assuming the tarball " + kafka.tarballName(), "add it there, or set kafka_scala_version"));
        }
        String zkVersion = firstString(anyHost, List.of("zookeeper_version", "zookeeperversion"))
                .map(v -> v.replaceFirst("^(apache-)?zookeeper-", "")).orElse(releases.defaultZooKeeper());
        Optional<String> chroot = string(anyHost, "kafka_zookeeper_chroot").filter(s -> !s.isBlank());
        if (zkGroup.isEmpty()) kraftNeedsItsVersion(anyHost, kafkaVersion);
        List<String> kafkaHosts = new ArrayList<>(brokerHosts);
        kafkaHosts.addAll(controllerHosts);
        return new Cluster(inventory, zkGroup, brokerGroup, controllerGroup, List.copyOf(nodes), kafka,
                new ZooKeeperRelease(zkVersion), rf, minIsr, chroot, clusterId(kafkaHosts, zkGroup.isEmpty()), List.copyOf(findings));
    }

    /** KRaft without ZooKeeper is production-ready from 3.3 (KIP-833); older releases cannot run the cluster this inventory describes. */
    private void kraftNeedsItsVersion(String host, String kafkaVersion) {
        Optional<KafkaVersion> v = KafkaVersion.parse(kafkaVersion);
        if (v.isPresent() && v.get().compareMinor(KRAFT_FROM) < 0) {
            String variable = inventory.hostVars(host).containsKey("kafka_version") ? "kafka_version" : "kafkaversion";
            throw new BadInput(where(host, variable), "the inventory has KRaft controllers and no ZooKeeper group, but Kafka "
                    + kafkaVersion + " runs only with ZooKeeper (KRaft mode needs Kafka " + KRAFT_FROM.majorMinor() + " or later)",
                    "set kafka_version to 3.9.2 or 4.1.1, or add the ZooKeeper ensemble's group");
        }
    }

    /** kafka_cluster_id, if set: one value for every Kafka host (group_vars all, usually). */
    private Optional<InventoryClusterId> clusterId(List<String> kafkaHosts, boolean kraft) {
        Optional<InventoryClusterId> found = Optional.empty();
        for (String host : kafkaHosts) {
            for (String variable : names.clusterIdVariables()) {
                Optional<String> value = string(host, variable).map(String::strip);
                if (value.isEmpty()) continue;
                InventoryClusterId id = new InventoryClusterId(value.get(), where(host, variable));
                if (kraft) ClusterIdentity.checkWellFormed(id);
                if (found.isPresent() && !found.get().value().equals(id.value())) {
                    throw new BadInput(id.source(), "host " + host + " has " + variable + " '" + id.value() + "', another host '"
                            + found.get().value() + "' (" + found.get().source() + "): a cluster has one id",
                            "set " + variable + " once, in group_vars/all or the 'all' vars");
                }
                found = Optional.of(id);
                break;
            }
        }
        return found;
    }

    /**
     * Values Ansible replaced by later ones. Refused where that decides who is in a group or which id a host gets (and the
     * two differ), since the order of files and groups would then pick the cluster; the rest are warnings.
     */
    private List<Finding> replacedValues() {
        Set<String> idVariables = new HashSet<>();
        for (Role role : Role.values()) idVariables.addAll(mapping.idVariableFor(role).map(List::of).orElse(names.idVariablesFor(role)));
        List<Finding> warnings = new ArrayList<>();
        Map<String, Set<Integer>> keyLines = new LinkedHashMap<>();
        Map<String, String> keys = new HashMap<>();
        for (Replaced r : inventory.replaced()) {
            boolean variable = r.scope() == Replaced.Scope.HOST_VARIABLE || r.scope() == Replaced.Scope.GROUP_VARIABLE;
            String whose = (r.scope() == Replaced.Scope.HOST_VARIABLE ? "host " : "group ") + r.owner();
            if (!r.sameValue() && r.scope() == Replaced.Scope.STRUCTURE) {
                throw new BadInput(r.last(), "'" + r.key() + "' is written twice in " + r.owner() + ", first at line " + r.first().line()
                        + ": Ansible keeps only this one and drops everything the first one says",
                        "merge the two '" + r.key() + "' entries into one");
            }
            if (!r.sameValue() && variable && idVariables.contains(r.key())) {
                throw new BadInput(r.last(), whose + " is given " + r.key() + " again, differently (first at " + r.first()
                        + "): Ansible silently keeps the last one, so the order of groups and files would pick the id",
                        "give " + whose + " one " + r.key() + ": remove it from one of the two places");
            }
            if (r.ansibleWarning().isPresent()) {
                // Ansible prints a warning once however often it comes: one per key and mapping, with every line of the key
                Set<Integer> at = keyLines.computeIfAbsent(r.ansibleWarning().get(), w -> new TreeSet<>());
                at.add(r.first().line());
                at.add(r.last().line());
                keys.put(r.ansibleWarning().get(), r.key());
            } else if (!r.sameValue()) {
                warnings.add(new Finding.Warning(whose + " is given " + r.key() + " at " + r.first() + " and again, differently, at "
                        + r.last() + "; Ansible uses the last", "set " + r.key() + " for " + whose + " in one place"));
            }
        }
        keyLines.forEach((warning, lines) -> warnings.add(new Finding.Warning(warning + " ('" + keys.get(warning) + "' at lines "
                + lines.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")", "keep one '" + keys.get(warning) + "'")));
        return warnings;
    }

    /** The group playing a role: the user's mapping, else the most specific recognised name; empty when none is found. */
    Optional<String> roleGroup(Role role) {
        Optional<String> mapped = mapping.groupFor(role);
        if (mapped.isPresent()) {
            if (inventory.group(mapped.get()).isEmpty()) {
                throw new BadInput(mapping.file().map(Object::toString).orElse(null), null,
                        "the " + role.word() + " group '" + mapped.get() + "' you mapped is not in the inventory "
                                + inventory.source() + "; its groups are " + userGroups(),
                        "map one of those groups");
            }
            return mapped;
        }
        for (String candidate : names.groupsFor(role)) {
            if (inventory.group(candidate).isEmpty() || inventory.hostsOf(candidate).isEmpty()) continue;
            // a group that holds another role's group is an umbrella ("kafka: children: [zookeeper, brokers]")
            Set<String> below = descendants(candidate);
            boolean umbrella = false;
            for (Role other : Role.values()) {
                if (other != role && names.groupsFor(other).stream().anyMatch(below::contains)) umbrella = true;
            }
            if (!umbrella) return Optional.of(candidate);
        }
        return Optional.empty();
    }

    /** No group found for a role (and, for ZooKeeper, no controller group either): what was looked for and the fix. */
    private BadInput noGroup(Role role, Optional<Role> orElse) {
        String option = "--" + role.name().toLowerCase() + "-group";
        String key = role.name().toLowerCase() + "_group";
        return new BadInput(inventory.source(), null,
                "no " + role.word() + " group found (looked for " + String.join(", ", names.groupsFor(role)) + ")"
                        + orElse.map(o -> " and no KRaft " + o.word() + " group (looked for " + String.join(", ", names.groupsFor(o))
                        + ")").orElse("") + "; the inventory's groups are " + userGroups(),
                "name yours with " + option + " GROUP" + orElse.map(o -> " (or --" + o.name().toLowerCase() + "-group GROUP)").orElse("")
                        + ", or put '" + key + ": GROUP' in " + GroupMapping.FILE_NAME + " next to the inventory");
    }

    private Set<String> descendants(String group) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(group));
        while (!todo.isEmpty()) {
            inventory.group(todo.pop()).map(InventoryGroup::children).orElse(List.of()).forEach(c -> {
                if (seen.add(c)) todo.push(c);
            });
        }
        return seen;
    }

    private String userGroups() {
        List<String> groups = inventory.groupNames().stream().filter(g -> !g.equals("all") && !g.equals("ungrouped")).toList();
        return groups.isEmpty() ? "(none)" : String.join(", ", groups);
    }

    /**
     * Ids: an explicit variable wins; otherwise the trailing numbers of the short host names when every
     * host has a distinct one (kafka01..03 -> 1..3), else the position in the group from 1.
     */
    Map<String, AssignedId> ids(Role role, String group, List<String> hosts) {
        List<String> candidates = mapping.idVariableFor(role).map(List::of).orElse(names.idVariablesFor(role));
        Map<String, AssignedId> ids = new LinkedHashMap<>();
        List<String> implicit = new ArrayList<>();
        for (String host : hosts) {
            Optional<String> variable = candidates.stream().filter(v -> inventory.hostVars(host).containsKey(v)).findFirst();
            if (variable.isEmpty()) {
                implicit.add(host);
                continue;
            }
            Object value = vars.resolve(host, variable.get()).orElse(null);
            int id = parseId(role, host, variable.get(), value);
            ids.put(host, new AssignedId(id, "variable " + variable.get() + at(host, variable.get())));
        }
        if (implicit.isEmpty()) return ids;
        if (role == Role.CONTROLLER) {
            // not the host name's number: ctl01 -> 1 would collide with kafka01 -> 1 in the one node.id space
            for (String host : implicit) {
                int position = hosts.indexOf(host) + 1;
                ids.put(host, new AssignedId(CONTROLLER_ID_BASE + position, CONTROLLER_ID_BASE + " + position " + position
                        + " in group " + group));
            }
            return ids;
        }
        Map<String, Integer> trailing = new LinkedHashMap<>();
        for (String host : implicit) {
            // the short name: peter-kafka01.foo.bar -> peter-kafka01 -> 1
            Matcher m = TRAILING_NUMBER.matcher(host.split("\\.")[0]);
            if (m.find() && m.group(1).length() < 9) trailing.put(host, Integer.parseInt(m.group(1)));
        }
        boolean byName = trailing.size() == implicit.size()
                && new HashSet<>(trailing.values()).size() == trailing.size()
                && (role == Role.BROKER || trailing.values().stream().allMatch(v -> v >= 1 && v <= 255));
        for (String host : implicit) {
            if (byName) {
                ids.put(host, new AssignedId(trailing.get(host), "trailing number of the host name"));
            } else {
                int position = hosts.indexOf(host) + 1;
                ids.put(host, new AssignedId(position, "position " + position + " in group " + group));
            }
        }
        return ids;
    }

    private int parseId(Role role, String host, String variable, Object value) {
        String text = value == null ? "" : String.valueOf(value).strip();
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) return n.intValue();
        if (text.matches("-?\\d{1,9}")) return Integer.parseInt(text);
        String what = role == Role.BROKER ? "broker.id" : role == Role.CONTROLLER ? "node.id" : "myid";
        throw new BadInput(where(host, variable), what + " of host " + host + " from variable " + variable
                + " is '" + text + "', not an integer",
                "set " + variable + " to a whole number" + (role == Role.ZOOKEEPER ? " from 1 to 255" : " (0 or more)")
                        + ", or fix the expression so it renders one for " + host);
    }

    private SourceRef where(String host, String variable) {
        return inventory.origin(host, variable).orElse(new SourceRef(inventory.source(), null));
    }

    private String at(String host, String variable) {
        return inventory.origin(host, variable).map(r -> " (" + r + ")").orElse("");
    }

    private Optional<String> string(String host, String variable) {
        return vars.resolve(host, variable).map(String::valueOf);
    }

    private Optional<String> firstString(String host, List<String> variables) {
        for (String v : variables) {
            Optional<String> s = string(host, v);
            if (s.isPresent()) return s;
        }
        return Optional.empty();
    }

    private Optional<Integer> integer(String host, String variable) {
        Optional<Object> v = vars.resolve(host, variable);
        if (v.isEmpty()) return Optional.empty();
        String text = String.valueOf(v.get()).strip();
        if (!text.matches("\\d{1,9}")) {
            throw new BadInput(where(host, variable), variable + " of host " + host + " is '" + text + "', not a whole number",
                    "set " + variable + " to a whole number");
        }
        return Optional.of(Integer.parseInt(text));
    }

    private int sshPort(String host) {
        Optional<Object> v = vars.resolve(host, "ansible_port");
        if (v.isEmpty()) return 22;
        String text = String.valueOf(v.get()).strip();
        if (text.matches("\\d{1,5}") && Integer.parseInt(text) >= 1 && Integer.parseInt(text) <= 65535) return Integer.parseInt(text);
        throw new BadInput(where(host, "ansible_port"), "ansible_port of host " + host + " is '" + text + "'",
                "set ansible_port to a TCP port from 1 to 65535");
    }

}
