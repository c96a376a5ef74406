package io.kafkaops.orchestrator.testkit;

import io.kafkaops.orchestrator.security.BrokerSecurity;
import io.kafkaops.orchestrator.security.ClientAuth;
import io.kafkaops.orchestrator.security.ClusterSecurity;
import io.kafkaops.orchestrator.security.KafkaUser;
import io.kafkaops.orchestrator.security.Listener;
import io.kafkaops.orchestrator.security.Mechanism;
import io.kafkaops.orchestrator.security.Password;
import io.kafkaops.orchestrator.security.Protocol;

import java.util.List;
import java.util.Optional;

/** Hand-built broker security for tests that build a NodeSettings without an inventory. */
public final class TestSecurity {
    private TestSecurity() {}

    /** Today's default: PLAINTEXT://0.0.0.0:9092 advertised at the host. */
    public static BrokerSecurity plaintext(String advertisedHost) {
        return BrokerSecurity.of(ClusterSecurity.plaintext(9092), advertisedHost, "2.1.1");
    }

    /** One SASL_PLAINTEXT listener with this name on 9092, SCRAM-SHA-512, user admin (password "pw"), no ACLs. */
    public static BrokerSecurity scram(String advertisedHost, String listenerName) {
        Listener l = new Listener(listenerName.toLowerCase(), listenerName, Protocol.SASL_PLAINTEXT, 9092, ClientAuth.NONE,
                List.of(Mechanism.SCRAM_SHA_512));
        KafkaUser admin = new KafkaUser("admin", "admin", Mechanism.SCRAM_SHA_512, Password.clear("sasl_scram_users.admin.password", "pw"));
        ClusterSecurity c = new ClusterSecurity(List.of(l), l, l, List.of(admin), List.of(admin.kafkaPrincipal()), false, List.of(),
                Optional.empty());
        return BrokerSecurity.of(c, advertisedHost, "2.1.1");
    }
}
