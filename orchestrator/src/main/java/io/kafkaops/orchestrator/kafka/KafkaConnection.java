package io.kafkaops.orchestrator.kafka;

import io.kafkaops.orchestrator.plan.SecretMask;

import java.util.Map;
import java.util.TreeMap;

/**
 * How a client reaches the cluster: the bootstrap addresses and the client settings the inventory implies (empty on
 * PLAINTEXT; security.protocol, sasl.* and ssl.* once the inventory secures the cluster). Every client is made from one.
 */
public record KafkaConnection(String bootstrap, Map<String, String> clientSettings) {
    public KafkaConnection {
        clientSettings = Map.copyOf(clientSettings);
    }

    public static KafkaConnection plaintext(String bootstrap) {
        return new KafkaConnection(bootstrap, Map.of());
    }

    /** The same settings through other addresses (one broker's, say). */
    public KafkaConnection via(String addresses) {
        return new KafkaConnection(addresses, clientSettings);
    }

    /** The settings as printed: values of keys that can carry a secret are masked. */
    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>();
        clientSettings.forEach((k, v) -> shown.put(k, SecretMask.isSecretKey(k) ? SecretMask.MASK : v));
        return "KafkaConnection[" + bootstrap + (shown.isEmpty() ? "" : ", " + shown) + "]";
    }
}
