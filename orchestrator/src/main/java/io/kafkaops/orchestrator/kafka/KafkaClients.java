package io.kafkaops.orchestrator.kafka;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.Map;
import java.util.Properties;

/**
 * The one place clients are made: Admin, producer and consumer, from a {@link KafkaConnection} (its bootstrap and the
 * inventory's client settings) plus the few settings a use names. Main code and tests alike go through here, so
 * securing the cluster changes one place.
 */
public final class KafkaClients {
    private KafkaClients() {}

    /** Gate samples: answer fast or count as silent; a broker that went away is retried within a second. */
    public static final Map<String, Object> SAMPLING = Map.of(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 4000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 8000, AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);

    /** Provision checks and verification: a little more patience than sampling. */
    public static final Map<String, Object> CHECKING = Map.of(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);

    public static Admin admin(KafkaConnection c, Map<String, Object> settings) {
        return Admin.create(properties(c, settings));
    }

    public static KafkaProducer<String, String> producer(KafkaConnection c, Map<String, Object> settings) {
        return new KafkaProducer<>(properties(c, settings), new StringSerializer(), new StringSerializer());
    }

    public static KafkaConsumer<String, String> consumer(KafkaConnection c, Map<String, Object> settings) {
        return new KafkaConsumer<>(properties(c, settings), new StringDeserializer(), new StringDeserializer());
    }

    /**
     * An Admin that talks to the KRaft controllers themselves (bootstrap.controllers, KIP-919): describeMetadataQuorum
     * and describe/updateFeatures answered by the quorum, also while the brokers are ZooKeeper-mode (migration) or down.
     * The connection's bootstrap is the controllers' host:port list.
     */
    public static Admin controllerAdmin(KafkaConnection controllers, Map<String, Object> settings) {
        Properties p = properties(controllers, settings);
        p.remove(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        p.put(AdminClientConfig.BOOTSTRAP_CONTROLLERS_CONFIG, controllers.bootstrap());
        return Admin.create(p);
    }

    /** The connection's settings first, then the use's: a use never drops the security the inventory asked for. */
    static Properties properties(KafkaConnection c, Map<String, Object> settings) {
        Properties p = new Properties();
        p.putAll(settings);
        p.putAll(c.clientSettings());
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, c.bootstrap());
        return p;
    }
}
