package io.kafkaops.orchestrator.security;

import io.kafkaops.orchestrator.version.KafkaVersion;

/** The ACL authorizer class a ZooKeeper-mode broker of a version loads (KIP-504 replaced the old one in 2.4; 3.0 removed it). */
public enum Authorizer {
    SIMPLE_ACL("kafka.security.auth.SimpleAclAuthorizer"),
    ACL("kafka.security.authorizer.AclAuthorizer");

    private final String className;

    Authorizer(String className) {
        this.className = className;
    }

    /** authorizer.class.name */
    public String className() { return className; }

    /** 2.1-2.3: SimpleAclAuthorizer; 2.4-3.9: AclAuthorizer. Kafka 4 has no ZooKeeper mode (KRaft's StandardAuthorizer comes later). */
    public static Authorizer forVersion(String kafkaVersion) {
        KafkaVersion v = KafkaVersion.parse(kafkaVersion)
                .orElseThrow(() -> new IllegalArgumentException("not a Kafka version: " + kafkaVersion));
        if (v.major() >= 4) throw new IllegalArgumentException("Kafka " + v + " runs in KRaft mode only; its authorizer is not set up yet");
        return v.compareMinor(new KafkaVersion(2, 4, 0)) < 0 ? SIMPLE_ACL : ACL;
    }
}
