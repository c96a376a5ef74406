package io.kafkaops.orchestrator.zookeeper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kafkaops.orchestrator.security.ScramCredential;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * SCRAM credentials of a ZooKeeper-mode cluster (Kafka 2.1..3.9), written where and as
 * {@code kafka-configs --zookeeper ... --alter --add-config SCRAM-SHA-512=[password=..] --entity-type users} writes them:
 * the user's config znode /config/users/&lt;name&gt; ({"version":1,"config":{...}}, merged with what it holds), then a change
 * notification /config/changes/config_change_NNN ({"version":2,"entity_path":"users/&lt;name&gt;"}) that running brokers
 * follow. Works before any broker runs: provision writes the inter-broker user first.
 */
public final class ScramStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ATTEMPTS = 5;

    /** What {@link #ensure} did. */
    public enum Outcome { UNCHANGED, CREATED, CHANGED }

    private final ZooKeeperSession zk;

    public ScramStore(ZooKeeperSession zk) {
        this.zk = zk;
    }

    /** The mechanisms the user has a credential for (empty for an unknown user). */
    public Set<ScramCredential.Hash> mechanisms(String user) throws IOException {
        Set<ScramCredential.Hash> out = EnumSet.noneOf(ScramCredential.Hash.class);
        Optional<ZooKeeperSession.Node> node = zk.read(path(user));
        if (node.isEmpty()) return out;
        config(node.get(), user).fieldNames().forEachRemaining(k -> ScramCredential.Hash.forMechanism(k).ifPresent(out::add));
        return out;
    }

    /** True when the user's stored credential of this mechanism is {@code password}'s (recomputed with its salt). */
    public boolean verifies(String user, ScramCredential.Hash hash, String password) throws IOException {
        Optional<ZooKeeperSession.Node> node = zk.read(path(user));
        if (node.isEmpty()) return false;
        JsonNode stored = config(node.get(), user).get(hash.mechanism());
        return stored != null && stored.isTextual() && ScramCredential.matches(hash, stored.asText(), password);
    }

    /**
     * Leaves a credential that already verifies against {@code password} alone (a second provision changes nothing);
     * otherwise writes a new one and tells the brokers.
     */
    public Outcome ensure(String user, ScramCredential.Hash hash, String password, int iterations, SecureRandom random) throws IOException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<ZooKeeperSession.Node> node = zk.read(path(user));
            ObjectNode config = node.map(n -> config(n, user).deepCopy()).orElseGet(JSON::createObjectNode);
            JsonNode stored = config.get(hash.mechanism());
            if (stored != null && stored.isTextual() && ScramCredential.matches(hash, stored.asText(), password)) return Outcome.UNCHANGED;
            config.put(hash.mechanism(), ScramCredential.create(password, hash, iterations, random).stored());
            if (write(user, node, config)) {
                notifyBrokers(user);
                return node.isEmpty() || stored == null ? Outcome.CREATED : Outcome.CHANGED;
            }
        }
        throw new IOException("the config of user " + user + " in ZooKeeper kept changing under " + ATTEMPTS + " attempts to write it");
    }

    /** Removes the user's credential of this mechanism; false when it had none. */
    public boolean remove(String user, ScramCredential.Hash hash) throws IOException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<ZooKeeperSession.Node> node = zk.read(path(user));
            if (node.isEmpty() || !config(node.get(), user).has(hash.mechanism())) return false;
            ObjectNode config = config(node.get(), user).deepCopy();
            config.remove(hash.mechanism());
            if (write(user, node, config)) {
                notifyBrokers(user);
                return true;
            }
        }
        throw new IOException("the config of user " + user + " in ZooKeeper kept changing under " + ATTEMPTS + " attempts to write it");
    }

    /** Compare-and-set: false when another writer came first (the caller reads again). */
    private boolean write(String user, Optional<ZooKeeperSession.Node> was, ObjectNode config) throws IOException {
        ObjectNode znode = JSON.createObjectNode();
        znode.put("version", 1);
        znode.set("config", config);
        byte[] data = JSON.writeValueAsBytes(znode);
        return was.isPresent() ? zk.replace(path(user), data, was.get().version()) : zk.create(path(user), data);
    }

    private void notifyBrokers(String user) throws IOException {
        zk.createSequential("/config/changes/config_change_",
                JSON.writeValueAsBytes(Map.of("version", 2, "entity_path", "users/" + sanitize(user))));
    }

    private static ObjectNode config(ZooKeeperSession.Node node, String user) {
        try {
            JsonNode root = node.data().length == 0 ? null : JSON.readTree(node.data());
            JsonNode config = root == null ? null : root.get("config");
            return config instanceof ObjectNode o ? o : JSON.createObjectNode();
        } catch (IOException e) {
            // the message would quote the znode, which holds credentials
            throw new IllegalStateException("the ZooKeeper config of user " + user + " is not Kafka's JSON");
        }
    }

    private static String path(String user) {
        return "/config/users/" + sanitize(user);
    }

    /** Kafka's Sanitizer: URL-encoded, with '*' and ' ' percent-encoded too (the znode name of a user). */
    static String sanitize(String user) {
        return URLEncoder.encode(user, StandardCharsets.UTF_8).replace("*", "%2A").replace("+", "%20");
    }
}
