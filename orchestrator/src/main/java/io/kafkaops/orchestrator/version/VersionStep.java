package io.kafkaops.orchestrator.version;

/** What kind of version change a path performs. */
public enum VersionStep {
    /** Newer major.minor. */
    UPGRADE,
    /** Same major.minor, another patch release. */
    PATCH,
    /** Older major.minor, only before the point of no return. */
    ROLLBACK,
    /** Binaries already at the target; only the pin-raising rolls are left (a resumed upgrade). */
    FINALIZE,
    /** Same version, another metadata mode: the ZooKeeper -> KRaft migration (KIP-866). */
    MIGRATE
}
