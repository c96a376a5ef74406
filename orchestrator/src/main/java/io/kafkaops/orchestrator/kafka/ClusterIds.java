package io.kafkaops.orchestrator.kafka;

import org.apache.kafka.common.Uuid;

/** A new KRaft cluster id, as `kafka-storage.sh random-uuid` makes it (Kafka's own Uuid: 22 base64url characters). */
public final class ClusterIds {
    private ClusterIds() {}

    public static String generate() {
        return Uuid.randomUuid().toString();
    }
}
