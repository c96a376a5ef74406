package io.kafkaops.orchestrator.install;

/** A ZooKeeper release as Apache ships it: apache-zookeeper-<version>-bin.tar.gz. */
public record ZooKeeperRelease(String version) {
    public String directoryName() { return "apache-zookeeper-" + version + "-bin"; }

    public String tarballName() { return directoryName() + ".tar.gz"; }

    public String installDir() { return InstallLayout.PREFIX + "/" + directoryName(); }
}
