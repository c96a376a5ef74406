package io.kafkaops.orchestrator.kafka;

import io.kafkaops.orchestrator.gate.PartitionState;
import io.kafkaops.orchestrator.security.AclEntry;
import io.kafkaops.orchestrator.security.AclRule;
import io.kafkaops.orchestrator.security.ScramCredential;
import io.kafkaops.orchestrator.testkit.Await;
import io.kafkaops.orchestrator.testkit.LoopbackKafka;
import io.kafkaops.orchestrator.version.KafkaVersion;
import io.kafkaops.orchestrator.zookeeper.AclStore;
import io.kafkaops.orchestrator.zookeeper.ScramStore;
import io.kafkaops.orchestrator.zookeeper.ZooKeeperSession;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The security stores against a real authorizer: one Kafka 3.9.2 broker on ZooKeeper 3.8.4 (loopback, PID namespace) with a
 * SASL_PLAINTEXT SCRAM listener as its only listener (inter-broker too), AclAuthorizer and super.users=User:admin. The
 * broker's own SCRAM login and alice's first ACL are written through ZooKeeper before it starts; everything else while it
 * runs. Ports 23281/39192, so it can share the machine with SnapshotCollectorIT's cluster.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityStoresIT {
    static final String ADMIN_PASSWORD = "admin-secret-1";
    static final String ALICE_PASSWORD = "alice-pässword";
    static final String BOB_PASSWORD = "bob-secret-3";
    static final KafkaVersion BROKERS = KafkaVersion.parse(LoopbackKafka.KAFKA_VERSION).orElseThrow();
    static final SecureRandom RANDOM = new SecureRandom();

    LoopbackKafka kafka;

    static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\"" + password + "\";";
    }

    static Map<String, String> login(String mechanism, String user, String password) {
        return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", mechanism, "sasl.jaas.config", jaas(user, password));
    }

    static AclEntry allow(String user, AclRule.Operation op, AclRule.ResourceType type, String name, AclRule.PatternType pattern) {
        return new AclEntry("User:" + user, type, name, pattern, op, AclRule.Permission.ALLOW, "*");
    }

    static final AclEntry ALICE_WRITES_ORDERS = allow("alice", AclRule.Operation.WRITE, AclRule.ResourceType.TOPIC, "orders-1",
            AclRule.PatternType.LITERAL);

    @BeforeAll
    void start() throws Exception {
        assumeThat(System.getProperty("user.name")).as("a PID namespace needs root").isEqualTo("root");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        String serverJaas = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"admin\" password=\""
                + ADMIN_PASSWORD + "\";";
        LoopbackKafka.Setup setup = new LoopbackKafka.Setup(23281, 39192, "SASL_PLAINTEXT", List.of(
                "security.inter.broker.protocol=SASL_PLAINTEXT", "sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512",
                "sasl.enabled.mechanisms=SCRAM-SHA-512,SCRAM-SHA-256",
                "listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=" + serverJaas,
                "listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config=" + serverJaas,
                "authorizer.class.name=kafka.security.authorizer.AclAuthorizer", "super.users=User:admin"),
                login("SCRAM-SHA-512", "admin", ADMIN_PASSWORD), zk -> {
            // what provision does before the first broker starts: the inter-broker user, and ACLs for the authorizer to load
            try (ZooKeeperSession s = ZooKeeperSession.connect(zk, Optional.empty(), Duration.ofSeconds(30))) {
                assertThat(new ScramStore(s).ensure("admin", ScramCredential.Hash.SHA_512, ADMIN_PASSWORD, 4096, RANDOM))
                        .isEqualTo(ScramStore.Outcome.CREATED);
                new ScramStore(s).ensure("bob", ScramCredential.Hash.SHA_512, BOB_PASSWORD, 4096, RANDOM);
                assertThat(new AclStore(s, BROKERS).add(List.of(ALICE_WRITES_ORDERS))).containsExactly(ALICE_WRITES_ORDERS);
            }
        });
        kafka = LoopbackKafka.start(setup);
        try (Admin admin = kafka.admin()) {
            admin.createTopics(List.of(new NewTopic("orders-1", 1, (short) 1), new NewTopic("payments", 1, (short) 1)))
                    .all().get(60, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (kafka != null) kafka.close();
    }

    ZooKeeperSession zookeeper() throws Exception {
        return ZooKeeperSession.connect(kafka.zookeeperConnect(), Optional.empty(), Duration.ofSeconds(30));
    }

    KafkaConnection as(String mechanism, String user, String password) {
        return new KafkaConnection(kafka.bootstrap(), login(mechanism, user, password));
    }

    /** Null when the login works; otherwise the failure. */
    static Throwable describeClusterAs(KafkaConnection c) {
        try (Admin admin = KafkaClients.admin(c, KafkaClients.CHECKING)) {
            admin.describeCluster().clusterId().get(20, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            return e;
        }
    }

    /** Null when the send is acked; otherwise the failure. */
    static Throwable produceAs(KafkaConnection c, String topic) {
        try (KafkaProducer<String, String> p = KafkaClients.producer(c, Map.of(ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false, ProducerConfig.MAX_BLOCK_MS_CONFIG, 15000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15000, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10000))) {
            p.send(new ProducerRecord<>(topic, "k", "v")).get(20, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            return e;
        }
    }

    @Test
    void theBrokersOwnLoginWrittenThroughZooKeeperBeforeItStartedLetsItAndTheAdminIn() throws Exception {
        // the broker started with SCRAM as its inter-broker login and serves its super user
        assertThat(describeClusterAs(kafka.connection())).isNull();
        try (ZooKeeperSession zk = zookeeper(); Admin admin = kafka.admin()) {
            ScramStore store = new ScramStore(zk);
            assertThat(store.mechanisms("admin")).containsExactly(ScramCredential.Hash.SHA_512);
            assertThat(store.verifies("admin", ScramCredential.Hash.SHA_512, ADMIN_PASSWORD)).isTrue();
            assertThat(store.ensure("admin", ScramCredential.Hash.SHA_512, ADMIN_PASSWORD, 4096, RANDOM)).as("a re-run")
                    .isEqualTo(ScramStore.Outcome.UNCHANGED);
            assertThat(new ScramUsers(admin).mechanisms("admin")).as("Kafka reads the znode we wrote").containsExactly(ScramCredential.Hash.SHA_512);
        }
    }

    @Test
    void aUserWrittenThroughZooKeeperWhileTheBrokerRunsLogsInAndAWrongOrOldPasswordIsRefused() throws Exception {
        try (ZooKeeperSession zk = zookeeper()) {
            ScramStore store = new ScramStore(zk);
            assertThat(store.ensure("dave", ScramCredential.Hash.SHA_512, "dave-one", 4096, RANDOM)).isEqualTo(ScramStore.Outcome.CREATED);
            Await.until("dave logs in", Duration.ofSeconds(30), () -> describeClusterAs(as("SCRAM-SHA-512", "dave", "dave-one")) == null);
            assertThat(describeClusterAs(as("SCRAM-SHA-512", "dave", "dave-two"))).isInstanceOf(SaslAuthenticationException.class);
            assertThat(describeClusterAs(as("SCRAM-SHA-256", "dave", "dave-one"))).as("no SHA-256 credential")
                    .isInstanceOf(SaslAuthenticationException.class);

            assertThat(store.ensure("dave", ScramCredential.Hash.SHA_512, "dave-two", 4096, RANDOM)).isEqualTo(ScramStore.Outcome.CHANGED);
            Await.until("dave's new password works", Duration.ofSeconds(30),
                    () -> describeClusterAs(as("SCRAM-SHA-512", "dave", "dave-two")) == null);
            assertThat(describeClusterAs(as("SCRAM-SHA-512", "dave", "dave-one"))).isInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void aclsWrittenThroughZooKeeperBeforeTheStartOrWhileRunningAreEnforced() throws Exception {
        try (ZooKeeperSession zk = zookeeper()) {
            ScramStore users = new ScramStore(zk);
            users.ensure("alice", ScramCredential.Hash.SHA_512, ALICE_PASSWORD, 4096, RANDOM);
            KafkaConnection alice = as("SCRAM-SHA-512", "alice", ALICE_PASSWORD);
            KafkaConnection bob = as("SCRAM-SHA-512", "bob", BOB_PASSWORD);
            Await.until("alice logs in", Duration.ofSeconds(30), () -> describeClusterAs(alice) == null);
            assertThat(produceAs(alice, "orders-1")).as("the ACL written before the broker started").isNull();
            assertThat(produceAs(bob, "orders-1")).isInstanceOf(TopicAuthorizationException.class);
            assertThat(produceAs(bob, "payments")).isInstanceOf(TopicAuthorizationException.class);

            // a prefixed ACL while the authorizer runs: the change notification makes the broker load it
            AclStore acls = new AclStore(zk, BROKERS);
            AclEntry bobWritesPay = allow("bob", AclRule.Operation.WRITE, AclRule.ResourceType.TOPIC, "pay", AclRule.PatternType.PREFIXED);
            assertThat(acls.add(List.of(bobWritesPay))).containsExactly(bobWritesPay);
            assertThat(acls.add(List.of(bobWritesPay))).as("already there").isEmpty();
            Await.until("bob may write to payments", Duration.ofSeconds(30), () -> produceAs(bob, "payments") == null);
            assertThat(produceAs(bob, "orders-1")).isInstanceOf(TopicAuthorizationException.class);

            assertThat(acls.remove(List.of(bobWritesPay))).containsExactly(bobWritesPay);
            assertThat(zk.read("/kafka-acl-extended/prefixed/Topic/pay")).as("no ACL left: no znode").isEmpty();
            Await.until("bob is denied again", Duration.ofSeconds(30), () -> produceAs(bob, "payments") instanceof TopicAuthorizationException);
            assertThat(acls.list()).contains(ALICE_WRITES_ORDERS).doesNotContain(bobWritesPay);
        }
    }

    @Test
    void theAdminApiAndZooKeeperReadEachOthersAcls() throws Exception {
        AclEntry carolReadsGroups = allow("carol", AclRule.Operation.READ, AclRule.ResourceType.GROUP, "g-", AclRule.PatternType.PREFIXED);
        AclEntry carolTransactions = allow("carol", AclRule.Operation.DESCRIBE, AclRule.ResourceType.TRANSACTIONAL_ID, "tx",
                AclRule.PatternType.LITERAL);
        try (Admin admin = kafka.admin(); ZooKeeperSession zk = zookeeper()) {
            Acls overAdmin = new Acls(admin);
            AclStore inZooKeeper = new AclStore(zk, BROKERS);
            assertThat(overAdmin.list()).as("what AclStore wrote, as the broker reads it").contains(ALICE_WRITES_ORDERS);

            overAdmin.add(List.of(carolReadsGroups));
            assertThat(inZooKeeper.list()).as("what the broker wrote, as AclStore reads it").contains(carolReadsGroups);
            assertThat(inZooKeeper.add(List.of(carolTransactions))).containsExactly(carolTransactions);
            Await.until("the broker loads the transactional-id ACL", Duration.ofSeconds(30),
                    () -> overAdmin.list().contains(carolTransactions));

            overAdmin.remove(List.of(carolReadsGroups, carolTransactions));
            assertThat(overAdmin.list()).doesNotContain(carolReadsGroups, carolTransactions).contains(ALICE_WRITES_ORDERS);
            assertThat(inZooKeeper.list()).doesNotContain(carolReadsGroups, carolTransactions);
        }
    }

    @Test
    void scramUsersOverTheAdminApiLogInAndZooKeeperVerifiesThem() throws Exception {
        try (Admin admin = kafka.admin(); ZooKeeperSession zk = zookeeper()) {
            ScramUsers users = new ScramUsers(admin);
            assertThat(users.mechanisms("erin")).isEmpty();
            users.upsert("erin", ScramCredential.Hash.SHA_256, "erin-pw", 8192);
            assertThat(users.mechanisms("erin")).containsExactly(ScramCredential.Hash.SHA_256);
            ScramStore store = new ScramStore(zk);
            assertThat(store.verifies("erin", ScramCredential.Hash.SHA_256, "erin-pw")).as("Kafka's znode, recomputed here").isTrue();
            assertThat(store.verifies("erin", ScramCredential.Hash.SHA_256, "erin-pw2")).isFalse();
            assertThat(store.ensure("erin", ScramCredential.Hash.SHA_256, "erin-pw", 4096, RANDOM)).isEqualTo(ScramStore.Outcome.UNCHANGED);
            Await.until("erin logs in", Duration.ofSeconds(30), () -> describeClusterAs(as("SCRAM-SHA-256", "erin", "erin-pw")) == null);
            users.delete("erin", ScramCredential.Hash.SHA_256);
            assertThat(users.mechanisms("erin")).isEmpty();
            assertThat(store.mechanisms("erin")).isEmpty();
        }
    }

    @Test
    void theElectionZnodeWrittenThroughTheSessionIsTakenByTheController() throws Exception {
        try (ZooKeeperSession zk = zookeeper()) {
            List<PartitionState> partitions = List.of(new PartitionState("orders-1", 0, List.of(0), List.of(0), Optional.of(0)));
            Await.until("no election pending", Duration.ofSeconds(30), () -> zk.read("/admin/preferred_replica_election").isEmpty());
            assertThat(LeaderElection.requestElection(zk, partitions)).isTrue();
            Await.until("the controller ran the election and removed the znode", Duration.ofSeconds(30),
                    () -> zk.read("/admin/preferred_replica_election").isEmpty());
            assertThat(zk.children("/admin")).doesNotContain("preferred_replica_election");
        }
    }
}
