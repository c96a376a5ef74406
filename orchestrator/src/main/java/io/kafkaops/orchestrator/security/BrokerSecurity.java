package io.kafkaops.orchestrator.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What one broker renders of the cluster's security: its listeners (also an intermediate set during a live switch), the
 * inter-broker listener, the mechanisms, the authorizer of the version it runs, super users and the stores on its host.
 * No password: templates read those from the inventory (sasl_scram_users.admin.password, ssl_keystore_store_password, ...).
 *
 * @param advertisedHost the name or address clients reach this broker at
 * @param client         the listener clients and the orchestrator use on this broker
 * @param authorizer     empty: no authorizer (everyone may do anything)
 * @param superUsers     empty unless there is an authorizer
 * @param tls            present when a listener speaks TLS
 */
public record BrokerSecurity(List<Listener> listeners, String advertisedHost, Listener interBroker, Listener client,
                             List<Mechanism> enabledMechanisms, Optional<Authorizer> authorizer, List<String> superUsers,
                             Optional<Tls> tls) {
    public BrokerSecurity {
        listeners = List.copyOf(listeners);
        enabledMechanisms = List.copyOf(enabledMechanisms);
        superUsers = List.copyOf(superUsers);
    }

    /** The cluster's security as the inventory has it, for a broker that runs kafkaVersion. */
    public static BrokerSecurity of(ClusterSecurity cluster, String advertisedHost, String kafkaVersion) {
        return of(cluster, advertisedHost, cluster.listeners(), cluster.interBroker(), cluster.aclsEnabled(), kafkaVersion);
    }

    /**
     * A broker with these listeners (a subset of the cluster's, or today's PLAINTEXT one beside them), this inter-broker
     * listener and the authorizer on or off: the stages of a live switch. The client listener is the cluster's when it is
     * among the listeners, else the first that is not the inter-broker one, else the inter-broker one.
     */
    public static BrokerSecurity of(ClusterSecurity cluster, String advertisedHost, List<Listener> listeners, Listener interBroker,
                                    boolean authorizerOn, String kafkaVersion) {
        if (!listeners.contains(interBroker)) throw new IllegalArgumentException("inter-broker listener " + interBroker.key() + " not among " + listeners);
        Listener client = listeners.contains(cluster.client()) ? cluster.client()
                : listeners.stream().filter(l -> !l.equals(interBroker)).findFirst().orElse(interBroker);
        boolean ssl = listeners.stream().anyMatch(l -> l.protocol().ssl());
        if (ssl && cluster.tls().isEmpty()) throw new IllegalArgumentException("a TLS listener needs the cluster's TLS stores");
        return new BrokerSecurity(listeners, advertisedHost, interBroker, client, ClusterSecurity.mechanisms(listeners, interBroker),
                authorizerOn ? Optional.of(Authorizer.forVersion(kafkaVersion)) : Optional.empty(),
                authorizerOn ? cluster.superUsers() : List.of(), ssl ? cluster.tls() : Optional.empty());
    }

    /** The same broker on another version: the authorizer class follows the version (2.1's class is gone in 3.0). */
    public BrokerSecurity forVersion(String kafkaVersion) {
        return authorizer.isEmpty() ? this : new BrokerSecurity(listeners, advertisedHost, interBroker, client, enabledMechanisms,
                Optional.of(Authorizer.forVersion(kafkaVersion)), superUsers, tls);
    }

    /** listeners= (every interface) */
    public String listenersProperty() {
        return listeners.stream().map(l -> l.name() + "://0.0.0.0:" + l.port()).collect(Collectors.joining(","));
    }

    /** advertised.listeners= */
    public String advertisedListenersProperty() {
        return listeners.stream().map(l -> l.name() + "://" + advertisedHost + ":" + l.port()).collect(Collectors.joining(","));
    }

    /** listener.security.protocol.map= */
    public String protocolMap() {
        return listeners.stream().map(l -> l.name() + ":" + l.protocol()).collect(Collectors.joining(","));
    }

    /** host:port of the client listener. */
    public String clientAddress() {
        return advertisedHost + ":" + client.port();
    }

    public Optional<Mechanism> interBrokerMechanism() {
        return interBroker.mechanism();
    }

    /** Some listener takes SASL logins (the broker's JAAS file then has a KafkaServer section). */
    public boolean sasl() {
        return !enabledMechanisms.isEmpty();
    }

    public boolean ssl() {
        return tls.isPresent();
    }

    /**
     * The login modules of the KafkaServer JAAS section, the inter-broker mechanism's first: the broker's inter-broker
     * client takes the first username and password of its login (Kafka reads the Subject's credentials in module order).
     */
    public List<String> jaasLogins() {
        List<String> out = new java.util.ArrayList<>();
        for (Mechanism m : enabledMechanisms) {
            String login = m.scram() ? "scram" : "plain";
            if (!out.contains(login)) out.add(login);
        }
        return out;
    }

    /** The users dictionary the SCRAM login takes the admin from: the inter-broker mechanism's, else the first SCRAM one. */
    public Optional<String> scramLoginUsers() {
        return interBrokerMechanism().filter(Mechanism::scram).or(() -> enabledMechanisms.stream().filter(Mechanism::scram).findFirst())
                .map(Mechanism::usersVariable);
    }

    /** The keys the `node` dictionary gets (documented in templates/server.properties.j2 and kafka_server_jaas.conf.j2). */
    public Map<String, Object> templateVars() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("listeners", listenersProperty());
        m.put("advertised_listeners", advertisedListenersProperty());
        m.put("listener_security_protocol_map", protocolMap());
        m.put("inter_broker_listener_name", interBroker.name());
        if (sasl()) {
            m.put("sasl_enabled_mechanisms", enabledMechanisms.stream().map(Mechanism::kafkaName).collect(Collectors.joining(",")));
            m.put("sasl_only_scram", enabledMechanisms.stream().allMatch(Mechanism::scram));
            interBrokerMechanism().ifPresent(x -> m.put("sasl_mechanism_inter_broker_protocol", x.kafkaName()));
            m.put("kafka_jaas_logins", jaasLogins());
            scramLoginUsers().ifPresent(v -> m.put("kafka_scram_login_users", v));
        }
        authorizer.ifPresent(a -> {
            m.put("authorizer_class_name", a.className());
            m.put("super_users", String.join(";", superUsers));
        });
        tls.ifPresent(t -> {
            m.put("ssl_keystore_location", t.keystoreLocation());
            m.put("ssl_truststore_location", t.truststoreLocation());
            m.put("ssl_store_type", Tls.STORE_TYPE);
            m.put("ssl_client_auth", listeners.stream().filter(l -> l.protocol().ssl() && l.clientAuth() != ClientAuth.NONE)
                    .map(l -> {
                        Map<String, Object> a = new LinkedHashMap<>();
                        a.put("listener", l.prefixName());
                        a.put("value", l.clientAuth().kafkaName());
                        return a;
                    }).toList());
        });
        return m;
    }
}
