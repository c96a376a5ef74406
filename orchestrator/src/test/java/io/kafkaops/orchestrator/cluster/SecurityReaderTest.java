package io.kafkaops.orchestrator.cluster;

import io.kafkaops.orchestrator.BadInput;
import io.kafkaops.orchestrator.Workspace;
import io.kafkaops.orchestrator.security.AclRule;
import io.kafkaops.orchestrator.security.ClientAuth;
import io.kafkaops.orchestrator.security.ClusterSecurity;
import io.kafkaops.orchestrator.security.Mechanism;
import io.kafkaops.orchestrator.security.Protocol;
import io.kafkaops.orchestrator.security.TlsSource;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Each combination of the inventory's security variables and the model it gives; each bad input and its message. */
class SecurityReaderTest {
    @TempDir
    Path dir;

    /** 3 ZooKeeper + 3 brokers; `vars` is YAML indented under all.vars (4 spaces), `kafka1` the first broker's own lines. */
    ClusterSecurity read(String vars, String kafka1) throws Exception {
        Path inv = dir.resolve("hosts-" + System.nanoTime() + ".yml");
        Files.writeString(inv, "all:\n  vars:\n    kafka_version: \"2.1.1\"\n" + vars + "  children:\n    zookeeper:\n      hosts:\n"
                + "        zk1: {myid: 1}\n        zk2: {myid: 2}\n        zk3: {myid: 3}\n    kafka:\n      hosts:\n"
                + "        kafka1: {broker_id: 1" + kafka1 + "}\n        kafka2: {broker_id: 2}\n        kafka3: {broker_id: 3}\n");
        Workspace ws = Workspace.load(inv, GroupMapping.none(), Optional.empty());
        return ws.nodeSettings(ws.cluster()).security();
    }

    ClusterSecurity read(String vars) throws Exception {
        return read(vars, "");
    }

    static final String SCRAM_USERS = """
                sasl_scram_users:
                  admin: {principal: admin, password: a-pw}
                  alice: {principal: alice, password: b-pw}
            """;
    static final String STORES = """
                self_signed: true
                ssl_keystore_store_password: ks
                ssl_truststore_password: ts
            """;

    record Good(String name, String vars, Consumer<ClusterSecurity> check) {}

    @TestFactory
    Stream<DynamicTest> variablesGiveTheModel() {
        List<Good> cases = List.of(
                new Good("nothing set: today's PLAINTEXT listener on 9092", "", s -> {
                    assertThat(s.listeners()).singleElement().satisfies(l -> {
                        assertThat(l.name()).isEqualTo("PLAINTEXT");
                        assertThat(l.port()).isEqualTo(9092);
                        assertThat(l.protocol()).isEqualTo(Protocol.PLAINTEXT);
                    });
                    assertThat(s.sasl()).isFalse();
                    assertThat(s.aclsEnabled()).isFalse();
                    assertThat(s.tls()).isEmpty();
                }),
                new Good("kafka_port moves the single listener", "    kafka_port: 9095\n",
                        s -> assertThat(s.client().port()).isEqualTo(9095)),
                new Good("sasl_protocol: scram gives SASL_PLAINTEXT with SCRAM-SHA-512 and admin as super user",
                        "    sasl_protocol: scram\n" + SCRAM_USERS, s -> {
                    assertThat(s.interBroker().name()).isEqualTo("SASL_PLAINTEXT");
                    assertThat(s.interBrokerMechanism()).contains(Mechanism.SCRAM_SHA_512);
                    assertThat(s.users()).extracting(u -> u.key()).containsExactly("admin", "alice");
                    assertThat(s.superUsers()).containsExactly("User:admin");
                    assertThat(s.orchestratorLogin()).hasValueSatisfying(u -> assertThat(u.password().reveal()).isEqualTo("a-pw"));
                }),
                new Good("scram256 reads sasl_scram256_users", """
                            sasl_protocol: scram256
                            sasl_scram256_users:
                              admin: {principal: root, password: x}
                        """, s -> {
                    assertThat(s.mechanisms()).containsExactly(Mechanism.SCRAM_SHA_256);
                    assertThat(s.superUsers()).containsExactly("User:root");
                }),
                new Good("a comma list enables both, the first is the default", "    sasl_protocol: plain,scram\n" + SCRAM_USERS + """
                            sasl_plain_users:
                              admin: {principal: admin, password: p}
                        """, s -> {
                    assertThat(s.mechanisms()).containsExactly(Mechanism.PLAIN, Mechanism.SCRAM_SHA_512);
                    assertThat(s.interBrokerMechanism()).contains(Mechanism.PLAIN);
                    assertThat(s.users()).hasSize(3);
                }),
                new Good("ssl_enabled with mutual auth gives SSL with client certificates required",
                        "    ssl_enabled: true\n    ssl_mutual_auth_enabled: true\n" + STORES, s -> {
                    assertThat(s.client().protocol()).isEqualTo(Protocol.SSL);
                    assertThat(s.client().clientAuth()).isEqualTo(ClientAuth.REQUIRED);
                    assertThat(s.tls()).hasValueSatisfying(t -> {
                        assertThat(t.keystoreLocation()).isEqualTo("/var/ssl/private/kafka_broker.keystore.p12");
                        assertThat(t.source()).isInstanceOf(TlsSource.SelfSigned.class);
                        assertThat(((TlsSource.SelfSigned) t.source()).caDir().toString()).endsWith("/generated_ssl_files");
                        assertThat(t.keyPassword().reveal()).isEqualTo("ks");
                    });
                }),
                new Good("listeners: per-listener values override the global ones; client defaults to the first non-inter-broker", """
                            sasl_protocol: scram
                            ssl_enabled: true
                            ssl_client_authentication: requested
                            kafka_broker_listeners:
                              internal: {name: INTERNAL, port: 9091, ssl_enabled: false}
                              external: {name: EXTERNAL, port: 9092, sasl_protocol: none}
                            kafka_broker_custom_listeners:
                              mtls: {name: MTLS, port: 9094, sasl_protocol: none, ssl_client_authentication: required}
                        """ + SCRAM_USERS + STORES, s -> {
                    assertThat(s.interBroker().key()).isEqualTo("internal");
                    assertThat(s.interBroker().protocol()).isEqualTo(Protocol.SASL_PLAINTEXT);
                    assertThat(s.client().key()).isEqualTo("external");
                    assertThat(s.client().protocol()).isEqualTo(Protocol.SSL);
                    assertThat(s.client().clientAuth()).isEqualTo(ClientAuth.REQUESTED);
                    assertThat(s.listener("mtls")).hasValueSatisfying(l -> assertThat(l.clientAuth()).isEqualTo(ClientAuth.REQUIRED));
                }),
                new Good("ACLs: bare principals get User:, defaults literal/allow/*; kafka_acls turns the authorizer on",
                        "    sasl_protocol: scram\n" + SCRAM_USERS + """
                            kafka_acls:
                              - {principal: alice, resource_type: topic, name: orders, pattern_type: prefixed, operations: [write, DescribeConfigs]}
                              - {principal: User:alice, resource_type: transactional-id, name: tx, operations: [write], permission: deny, host: 10.0.0.1}
                              - {principal: alice, resource_type: cluster, operations: [idempotent_write]}
                        """, s -> {
                    assertThat(s.aclsEnabled()).isTrue();
                    assertThat(s.acls()).containsExactly(
                            new AclRule("User:alice", AclRule.ResourceType.TOPIC, "orders", AclRule.PatternType.PREFIXED,
                                    Set.of(AclRule.Operation.WRITE, AclRule.Operation.DESCRIBE_CONFIGS), AclRule.Permission.ALLOW, "*"),
                            new AclRule("User:alice", AclRule.ResourceType.TRANSACTIONAL_ID, "tx", AclRule.PatternType.LITERAL,
                                    Set.of(AclRule.Operation.WRITE), AclRule.Permission.DENY, "10.0.0.1"),
                            new AclRule("User:alice", AclRule.ResourceType.CLUSTER, "kafka-cluster", AclRule.PatternType.LITERAL,
                                    Set.of(AclRule.Operation.IDEMPOTENT_WRITE), AclRule.Permission.ALLOW, "*"));
                }),
                new Good("kafka_acls_enabled: false keeps the authorizer off", "    sasl_protocol: scram\n    kafka_acls_enabled: false\n"
                        + SCRAM_USERS + "    kafka_acls: [{principal: alice, resource_type: group, name: g, operations: [read]}]\n",
                        s -> assertThat(s.aclsEnabled()).isFalse()),
                new Good("super users: bare and User: names of defined users", "    sasl_protocol: scram\n" + SCRAM_USERS
                        + "    kafka_super_users: [admin, 'User:alice']\n",
                        s -> assertThat(s.superUsers()).containsExactly("User:admin", "User:alice")),
                new Good("users of a mechanism that is not enabled are not read", "    sasl_protocol: scram\n" + SCRAM_USERS
                        + "    sasl_plain_users: {broken: yes}\n", s -> assertThat(s.users()).hasSize(2)));
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> c.check().accept(read(c.vars()))));
    }

    record Bad(String name, String vars, String kafka1, String problem, String fix) {}

    @TestFactory
    Stream<DynamicTest> eachBadInputNamesFileLineAndFix() {
        List<Bad> cases = List.of(
                new Bad("unknown mechanism", "    sasl_protocol: scram512\n", "", "'scram512' is not a SASL mechanism", "scram256"),
                new Bad("kerberos", "    sasl_protocol: kerberos\n", "", "kerberos is not supported", "scram"),
                new Bad("unknown client auth", "    ssl_enabled: true\n    ssl_client_authentication: maybe\n" + STORES, "",
                        "ssl_client_authentication is 'maybe'", "requested"),
                new Bad("no users dictionary", "    sasl_protocol: scram\n", "", "no sasl_scram_users", "admin"),
                new Bad("no admin user", "    sasl_protocol: scram\n    sasl_scram_users:\n      alice: {principal: alice, password: x}\n", "",
                        "has no 'admin' entry", "brokers' own login"),
                new Bad("a user without a password", "    sasl_protocol: scram\n    sasl_scram_users:\n      admin: {principal: admin, password: x}\n"
                        + "      bob: {principal: bob}\n", "", "sasl_scram_users.bob has no password", "sasl_scram_users.bob.password"),
                new Bad("a principal JAAS cannot read", "    sasl_protocol: scram\n    sasl_scram_users:\n      admin: {principal: 'ad min', password: x}\n",
                        "", "principal is 'ad min'", "letters, digits"),
                new Bad("a listener without port", "    kafka_broker_listeners:\n      a: {name: A}\n", "", "kafka_broker_listeners.a has no port",
                        "port"),
                new Bad("a listener without name", "    kafka_broker_listeners:\n      a: {port: 9092}\n", "", "kafka_broker_listeners.a has no name",
                        "capital letters"),
                new Bad("a duplicate port", "    kafka_broker_listeners:\n      a: {name: A, port: 9092}\n      b: {name: B, port: 9092}\n", "",
                        "uses port 9092, as listener a does", "own port"),
                new Bad("inter-broker key not defined", "    kafka_broker_listeners:\n      a: {name: A, port: 9092}\n"
                        + "    kafka_broker_inter_broker_listener_name: internal\n", "", "'internal', which is not a listener key", "one of a"),
                new Bad("two listeners, no inter-broker one", "    kafka_broker_listeners:\n      a: {name: A, port: 9092}\n      b: {name: B, port: 9093}\n",
                        "", "not which one the brokers talk", "kafka_broker_inter_broker_listener_name"),
                new Bad("client key not defined", "    kafka_client_listener_name: nope\n", "", "'nope', which is not a listener key", "plaintext"),
                new Bad("TLS with neither stores nor CA", "    ssl_enabled: true\n", "", "neither where its stores come from",
                        "ssl_provided_keystore_and_truststore: true"),
                new Bad("provided stores without a keystore path", "    ssl_enabled: true\n    ssl_provided_keystore_and_truststore: true\n"
                        + "    ssl_keystore_store_password: k\n    ssl_truststore_password: t\n", "", "has no ssl_keystore_filepath", "ssl_keystore_filepath"),
                new Bad("TLS without store passwords", "    ssl_enabled: true\n    self_signed: true\n", "", "need ssl_keystore_store_password", "!vault"),
                new Bad("ACL with an unknown operation", "    sasl_protocol: scram\n" + SCRAM_USERS
                        + "    kafka_acls: [{principal: alice, resource_type: topic, name: t, operations: [fly]}]\n", "",
                        "kafka_acls[0].operations is 'fly'", "describe_configs"),
                new Bad("ACL with an unknown resource type", "    sasl_protocol: scram\n" + SCRAM_USERS
                        + "    kafka_acls: [{principal: alice, resource_type: queue, name: t, operations: [read]}]\n", "",
                        "resource_type is 'queue'", "transactional_id"),
                new Bad("ACL with an unknown pattern type", "    sasl_protocol: scram\n" + SCRAM_USERS
                        + "    kafka_acls: [{principal: alice, resource_type: topic, name: t, pattern_type: match, operations: [read]}]\n", "",
                        "pattern_type is 'match'", "prefixed"),
                new Bad("ACL with an unknown permission", "    sasl_protocol: scram\n" + SCRAM_USERS
                        + "    kafka_acls: [{principal: alice, resource_type: topic, name: t, permission: maybe, operations: [read]}]\n", "",
                        "permission is 'maybe'", "allow, deny"),
                new Bad("a super user that is not a defined user", "    sasl_protocol: scram\n" + SCRAM_USERS + "    kafka_super_users: [admin, carol]\n",
                        "", "names User:carol, which is not a user", "define the user"),
                new Bad("super users without the admin", "    sasl_protocol: scram\n" + SCRAM_USERS + "    kafka_super_users: [alice]\n",
                        "", "leaves out User:admin", "add User:admin"),
                new Bad("ACLs with no SASL: everyone is ANONYMOUS", "    kafka_acls_enabled: true\n", "", "ANONYMOUS", "sasl_protocol"),
                new Bad("a broker with its own security", "    sasl_protocol: scram\n" + SCRAM_USERS, ", sasl_protocol: plain",
                        "sasl_protocol of broker kafka2 differs from broker kafka1's", "once for every broker"),
                new Bad("old kafka_sasl_scram", "    kafka_sasl_scram: true\n", "", "kafka_sasl_scram (host", "sasl_protocol: scram"),
                new Bad("old kafka_scram_admin_password", "    kafka_scram_admin_password: x\n", "", "kafka_scram_admin_password", "sasl_scram_users"),
                new Bad("old kafka_sasl_mechanism", "    kafka_sasl_mechanism: PLAIN\n", "", "kafka_sasl_mechanism", "sasl_protocol"));
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            BadInput e = catchThrowableOfType(BadInput.class, () -> read(c.vars(), c.kafka1()));
            assertThat(e).as("no BadInput").isNotNull();
            assertThat(e.problem()).contains(c.problem());
            assertThat(e.fix()).contains(c.fix());
            assertThat(e.file()).hasValueSatisfying(f -> assertThat(f).contains("hosts-"));
            assertThat(e.line()).isPresent();
        }));
    }

    @Test
    void noPasswordIsReadUntilRevealedAndNoneIsPrinted() throws Exception {
        ClusterSecurity s = read("    sasl_protocol: scram\n" + SCRAM_USERS);
        assertThat(s.toString()).doesNotContain("a-pw").doesNotContain("b-pw").contains("sasl_scram_users.admin.password=********");
    }

    @Test
    void theLabSecureInventoryIsWhatTheIssueAsks() {
        Workspace ws = Workspace.load(Path.of("inventory/lab-secure.yml"), GroupMapping.none(), Optional.empty());
        ClusterSecurity s = ws.nodeSettings(ws.cluster()).security();
        assertThat(s.client()).satisfies(l -> {
            assertThat(l.key()).isEqualTo("internal");
            assertThat(l.port()).isEqualTo(9093);
            assertThat(l.protocol()).isEqualTo(Protocol.SASL_SSL);
            assertThat(l.mechanisms()).containsExactly(Mechanism.SCRAM_SHA_512);
        });
        assertThat(s.interBroker().key()).isEqualTo("broker");
        assertThat(s.interBrokerMechanism()).contains(Mechanism.SCRAM_SHA_512);
        assertThat(s.users()).extracting(u -> u.principal()).containsExactly("admin", "alice", "bob");
        assertThat(s.superUsers()).containsExactly("User:admin");
        assertThat(s.aclsEnabled()).isTrue();
        assertThat(s.acls()).flatExtracting(AclRule::entries).hasSize(6).allMatch(e -> e.principal().equals("User:alice"));
        assertThat(s.tls()).hasValueSatisfying(t -> assertThat(t.source())
                .isEqualTo(new TlsSource.SelfSigned(Path.of("/var/lib/orchestrator-lab/lab-secure/ca"))));
    }
}
