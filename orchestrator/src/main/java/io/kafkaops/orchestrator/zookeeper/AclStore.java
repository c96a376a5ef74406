package io.kafkaops.orchestrator.zookeeper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kafkaops.orchestrator.security.AclEntry;
import io.kafkaops.orchestrator.security.AclRule;
import io.kafkaops.orchestrator.version.KafkaVersion;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ACLs of a ZooKeeper-mode cluster, read and written in ZooKeeper as the brokers' authorizer (SimpleAclAuthorizer 2.1-2.3,
 * AclAuthorizer 2.4-3.9) and {@code kafka-acls --authorizer-properties zookeeper.connect=...} keep them: one znode per
 * resource pattern, /kafka-acl/&lt;Type&gt;/&lt;name&gt; for literal and /kafka-acl-extended/prefixed/&lt;Type&gt;/&lt;name&gt; for
 * prefixed patterns, holding {"version":1,"acls":[{"principal","permissionType","operation","host"}]}, written by
 * compare-and-set, then a change notification (/kafka-acl-changes/acl_changes_NNN, "Type:name"; and
 * /kafka-acl-extended-changes/acl_changes_NNN, JSON) for brokers whose authorizer runs. This works before an authorizer is
 * configured (the Admin API refuses ACLs then), which is how ACLs are in place before a live cluster switches it on.
 */
public final class AclStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ATTEMPTS = 5;
    private static final String LITERAL = "/kafka-acl";
    private static final String PREFIXED = "/kafka-acl-extended/prefixed";
    /** From 2.5 brokers read a change's resource type as the Java enum's name (TRANSACTIONAL_ID); before, as Scala's (TransactionalId). */
    private static final KafkaVersion ENUM_NAMES_IN_CHANGES = new KafkaVersion(2, 5, 0);

    private final ZooKeeperSession zk;
    private final boolean enumNamesInChanges;

    /**
     * @param oldestBroker the oldest Kafka version a broker of the cluster runs: it decides how a change notification spells
     *                     a two-word resource type (a 2.1-2.4 broker stops reading notifications at one it cannot parse)
     */
    public AclStore(ZooKeeperSession zk, KafkaVersion oldestBroker) {
        this.zk = zk;
        this.enumNamesInChanges = oldestBroker.compareTo(ENUM_NAMES_IN_CHANGES) >= 0;
    }

    /** Every ACL in ZooKeeper that {@link AclEntry} can say (operations and types this model does not know are left out). */
    public List<AclEntry> list() throws IOException {
        List<AclEntry> out = new ArrayList<>();
        for (AclRule.PatternType pattern : AclRule.PatternType.values()) {
            String root = root(pattern);
            for (String type : zk.children(root)) {
                Optional<AclRule.ResourceType> resourceType = byName(AclRule.ResourceType.values(), type);
                if (resourceType.isEmpty()) continue;
                for (String name : zk.children(root + "/" + type)) {
                    zk.read(root + "/" + type + "/" + name).ifPresent(node ->
                            out.addAll(entries(new Pattern(resourceType.get(), name, pattern), node)));
                }
            }
        }
        return out;
    }

    /** Adds the entries ZooKeeper does not hold yet; returns those it added. */
    public List<AclEntry> add(List<AclEntry> entries) throws IOException {
        return change(entries, true);
    }

    /** Removes the entries ZooKeeper holds; returns those it removed. A pattern left without ACLs loses its znode, as Kafka does. */
    public List<AclEntry> remove(List<AclEntry> entries) throws IOException {
        return change(entries, false);
    }

    private record Pattern(AclRule.ResourceType type, String name, AclRule.PatternType patternType) {
        static Pattern of(AclEntry e) { return new Pattern(e.resourceType(), e.resourceName(), e.patternType()); }

        String path() { return root(patternType) + "/" + pascal(type.name()) + "/" + name; }
    }

    private List<AclEntry> change(List<AclEntry> entries, boolean add) throws IOException {
        Map<Pattern, List<AclEntry>> byPattern = new LinkedHashMap<>();
        for (AclEntry e : entries) byPattern.computeIfAbsent(Pattern.of(e), p -> new ArrayList<>()).add(e);
        List<AclEntry> changed = new ArrayList<>();
        for (Map.Entry<Pattern, List<AclEntry>> p : byPattern.entrySet()) changed.addAll(change(p.getKey(), p.getValue(), add));
        return changed;
    }

    private List<AclEntry> change(Pattern pattern, List<AclEntry> entries, boolean add) throws IOException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<ZooKeeperSession.Node> node = zk.read(pattern.path());
            Set<AclEntry> have = new LinkedHashSet<>(node.map(n -> entries(pattern, n)).orElse(List.of()));
            List<AclEntry> changed = entries.stream().distinct().filter(e -> have.contains(e) != add).toList();
            if (changed.isEmpty()) return List.of();
            if (add) have.addAll(changed);
            else changed.forEach(have::remove);
            boolean written;
            if (have.isEmpty()) written = zk.delete(pattern.path(), node.orElseThrow().version());
            else if (node.isPresent()) written = zk.replace(pattern.path(), encode(have), node.get().version());
            else written = zk.create(pattern.path(), encode(have));
            if (written) {
                notifyBrokers(pattern);
                return changed;
            }
        }
        throw new IOException("the ACLs of " + pattern.path() + " in ZooKeeper kept changing under " + ATTEMPTS + " attempts to write them");
    }

    private void notifyBrokers(Pattern p) throws IOException {
        String type = enumNamesInChanges ? p.type().name() : pascal(p.type().name());
        if (p.patternType() == AclRule.PatternType.LITERAL) {
            zk.createSequential("/kafka-acl-changes/acl_changes_", (type + ":" + p.name()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } else {
            ObjectNode event = JSON.createObjectNode();
            event.put("version", 1);
            event.put("resourceType", type);
            event.put("name", p.name());
            event.put("patternType", p.patternType().name());
            zk.createSequential("/kafka-acl-extended-changes/acl_changes_", JSON.writeValueAsBytes(event));
        }
    }

    private static byte[] encode(Set<AclEntry> acls) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 1);
        ArrayNode list = root.putArray("acls");
        for (AclEntry e : acls) {
            ObjectNode acl = list.addObject();
            acl.put("principal", e.principal());
            acl.put("permissionType", pascal(e.permission().name()));
            acl.put("operation", pascal(e.operation().name()));
            acl.put("host", e.host());
        }
        return JSON.writeValueAsBytes(root);
    }

    private static List<AclEntry> entries(Pattern p, ZooKeeperSession.Node node) {
        if (node.data().length == 0) return List.of();
        JsonNode acls;
        try {
            acls = JSON.readTree(node.data()).path("acls");
        } catch (IOException e) {
            throw new IllegalStateException("the ACLs of " + p.path() + " in ZooKeeper are not Kafka's JSON: " + e.getMessage());
        }
        List<AclEntry> out = new ArrayList<>();
        for (JsonNode acl : acls) {
            Optional<AclRule.Operation> op = byName(AclRule.Operation.values(), acl.path("operation").asText());
            Optional<AclRule.Permission> permission = byName(AclRule.Permission.values(), acl.path("permissionType").asText());
            if (op.isEmpty() || permission.isEmpty()) continue;
            out.add(new AclEntry(acl.path("principal").asText(), p.type(), p.name(), p.patternType(), op.get(), permission.get(),
                    acl.path("host").asText()));
        }
        return out;
    }

    private static String root(AclRule.PatternType pattern) {
        return pattern == AclRule.PatternType.LITERAL ? LITERAL : PREFIXED;
    }

    /** Kafka's spelling in ZooKeeper: TRANSACTIONAL_ID -> TransactionalId, DESCRIBE_CONFIGS -> DescribeConfigs. */
    static String pascal(String enumName) {
        StringBuilder out = new StringBuilder();
        for (String word : enumName.split("_")) out.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        return out.toString();
    }

    /** Kafka reads both spellings (Pascal and the enum's), case-insensitively. */
    private static <E extends Enum<E>> Optional<E> byName(E[] values, String name) {
        String n = name.replace("_", "");
        return Arrays.stream(values).filter(v -> v.name().replace("_", "").equalsIgnoreCase(n)).findFirst();
    }
}
