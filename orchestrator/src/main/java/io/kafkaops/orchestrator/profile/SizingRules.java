package io.kafkaops.orchestrator.profile;

import io.kafkaops.orchestrator.install.InstallLayout;

import java.util.List;

/**
 * The sizing rules of the users' notes, in one place. Heap: Kafka about a quarter of RAM but
 * never above 6 GB (the rest is page cache); ZooKeeper 1-2 GB. Threads follow disks and cores.
 */
public final class SizingRules {
    public static final int KAFKA_HEAP_CAP_MB = 6 * 1024;
    static final int KAFKA_HEAP_FLOOR_MB = 1024;
    static final int ZOOKEEPER_HEAP_SMALL_MB = 1024;
    static final int ZOOKEEPER_HEAP_LARGE_MB = 2 * 1024;
    static final int ZOOKEEPER_LARGE_HOST_GB = 8;

    private SizingRules() {}

    public static int kafkaHeapMb(HardwareProfile p) {
        return p.kafkaHeapMb().orElseGet(() ->
                Math.max(KAFKA_HEAP_FLOOR_MB, Math.min(KAFKA_HEAP_CAP_MB, p.memoryGb() * 1024 / 4)));
    }

    public static int zookeeperHeapMb(HardwareProfile p) {
        return p.zookeeperHeapMb().orElseGet(() ->
                p.memoryGb() >= ZOOKEEPER_LARGE_HOST_GB ? ZOOKEEPER_HEAP_LARGE_MB : ZOOKEEPER_HEAP_SMALL_MB);
    }

    /** One Kafka log dir per JBOD disk, as the notes' /data/kafka-logs layout. */
    public static List<String> logDirs(HardwareProfile p) {
        return p.disks().stream().map(d -> InstallLayout.kafkaLogDir(d.mount())).toList();
    }

    /** ZooKeeper keeps snapshots and txn logs on the first (SSD) disk: /data/zk in the notes. */
    public static String zookeeperDataDir(HardwareProfile p) {
        return InstallLayout.zookeeperDataDir(p.disks().get(0).mount());
    }

    /** At least Kafka's default 8, and two per disk so every JBOD disk has requests in flight. */
    public static int numIoThreads(HardwareProfile p) {
        return Math.max(8, 2 * p.disks().size());
    }

    /** Kafka's default 3, growing with cores for many-client brokers. */
    public static int numNetworkThreads(HardwareProfile p) {
        return Math.max(3, Math.min(16, p.cores() / 2));
    }

    /** Cores shared among data dirs, so a restart recovers all disks in parallel. */
    public static int numRecoveryThreadsPerDataDir(HardwareProfile p) {
        return Math.max(1, Math.min(8, p.cores() / p.disks().size()));
    }

    public static String heapOpts(int heapMb) {
        String size = heapMb % 1024 == 0 ? heapMb / 1024 + "g" : heapMb + "m";
        return "-Xms" + size + " -Xmx" + size;
    }
}
