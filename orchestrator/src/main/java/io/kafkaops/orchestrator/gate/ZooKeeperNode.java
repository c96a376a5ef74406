package io.kafkaops.orchestrator.gate;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One ZooKeeper server as the four-letter words see it.
 *
 * @param zxid            from srvr; its high 32 bits are the leader epoch
 * @param syncedFollowers from mntr zk_synced_followers; reported by the leader only
 */
public record ZooKeeperNode(int myid, String host, Mode mode, OptionalLong zxid, OptionalInt syncedFollowers) {
    public enum Mode { LEADER, FOLLOWER, OBSERVER, STANDALONE, UNREACHABLE }

    public static ZooKeeperNode leader(int myid, String host, long zxid, int syncedFollowers) {
        return new ZooKeeperNode(myid, host, Mode.LEADER, OptionalLong.of(zxid), OptionalInt.of(syncedFollowers));
    }

    public static ZooKeeperNode follower(int myid, String host, long zxid) {
        return new ZooKeeperNode(myid, host, Mode.FOLLOWER, OptionalLong.of(zxid), OptionalInt.empty());
    }

    public static ZooKeeperNode unreachable(int myid, String host) {
        return new ZooKeeperNode(myid, host, Mode.UNREACHABLE, OptionalLong.empty(), OptionalInt.empty());
    }

    public Optional<Long> epoch() { return zxid.isPresent() ? Optional.of(zxid.getAsLong() >>> 32) : Optional.empty(); }

    public String label() { return "ZooKeeper " + myid + " (" + host + ")"; }
}
