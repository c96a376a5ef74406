package io.kafkaops.orchestrator.install;

/** A Kafka release as Apache ships it: kafka_<scala>-<version>.tgz unpacking to kafka_<scala>-<version>/. */
public record KafkaRelease(String version, String scala) {
    public String directoryName() { return "kafka_" + scala + "-" + version; }

    public String tarballName() { return directoryName() + ".tgz"; }

    public String installDir() { return InstallLayout.PREFIX + "/" + directoryName(); }
}
