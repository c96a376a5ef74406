package io.kafkaops.orchestrator.security;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The security the inventory asks for, one answer for the whole cluster (every broker renders it).
 *
 * @param listeners      every listener, in the inventory's order
 * @param interBroker    the listener the brokers talk to each other on (kafka_broker_inter_broker_listener_name)
 * @param client         the listener clients and the orchestrator use (kafka_client_listener_name)
 * @param users          every user of an enabled mechanism (a user in two dictionaries is two users)
 * @param superUsers     principals as super.users writes them (User:admin)
 * @param aclsEnabled    the authorizer is on: every request needs an ACL or a super user
 * @param tls            the stores, when any listener speaks TLS
 */
public record ClusterSecurity(List<Listener> listeners, Listener interBroker, Listener client, List<KafkaUser> users,
                              List<String> superUsers, boolean aclsEnabled, List<AclRule> acls, Optional<Tls> tls) {
    public ClusterSecurity {
        listeners = List.copyOf(listeners);
        users = List.copyOf(users);
        superUsers = List.copyOf(superUsers);
        acls = List.copyOf(acls);
        if (!listeners.contains(interBroker) || !listeners.contains(client)) {
            throw new IllegalArgumentException("the inter-broker and client listeners must be among the listeners");
        }
    }

    /** Today's default: one PLAINTEXT listener, no users, no ACLs. */
    public static ClusterSecurity plaintext(int port) {
        Listener l = Listener.single(Protocol.PLAINTEXT, port, ClientAuth.NONE, List.of());
        return new ClusterSecurity(List.of(l), l, l, List.of(), List.of(), false, List.of(), Optional.empty());
    }

    /** sasl.enabled.mechanisms of these listeners: the inter-broker one first, then in listener order. */
    public static List<Mechanism> mechanisms(List<Listener> listeners, Listener interBroker) {
        Set<Mechanism> out = new LinkedHashSet<>(interBroker.mechanisms());
        listeners.forEach(l -> out.addAll(l.mechanisms()));
        return List.copyOf(out);
    }

    /** Every mechanism a listener of the cluster takes. */
    public List<Mechanism> mechanisms() {
        return mechanisms(listeners, interBroker);
    }

    /** sasl.mechanism.inter.broker.protocol; empty when the inter-broker listener is not SASL. */
    public Optional<Mechanism> interBrokerMechanism() {
        return interBroker.mechanism();
    }

    /** Anything beyond one open PLAINTEXT listener: a login, TLS or an authorizer. */
    public boolean secured() {
        return sasl() || ssl() || aclsEnabled;
    }

    public boolean sasl() {
        return !mechanisms().isEmpty();
    }

    public boolean ssl() {
        return listeners.stream().anyMatch(l -> l.protocol().ssl());
    }

    public Optional<Listener> listener(String key) {
        return listeners.stream().filter(l -> l.key().equals(key)).findFirst();
    }

    public List<KafkaUser> users(Mechanism mechanism) {
        return users.stream().filter(u -> u.mechanism() == mechanism).toList();
    }

    /** The user with this key and mechanism (alice on SCRAM-SHA-512). */
    public Optional<KafkaUser> user(String key, Mechanism mechanism) {
        return users.stream().filter(u -> u.key().equals(key) && u.mechanism() == mechanism).findFirst();
    }

    /** The `admin` user of a mechanism: the brokers' own login with it, and the orchestrator's. */
    public Optional<KafkaUser> admin(Mechanism mechanism) {
        return user(KafkaUser.ADMIN, mechanism);
    }

    /** The login the orchestrator's clients use on the client listener; empty when that listener takes no SASL. */
    public Optional<KafkaUser> orchestratorLogin() {
        return client.mechanism().flatMap(this::admin);
    }

    @Override
    public String toString() {
        return "listeners " + listeners + ", inter-broker " + interBroker.key() + ", client " + client.key() + ", users " + users
                + ", super users " + superUsers + (aclsEnabled ? ", ACLs on (" + acls.size() + " rules)" : ", ACLs off")
                + tls.map(t -> ", TLS " + t.source().getClass().getSimpleName()).orElse("");
    }
}
