package io.kafkaops.orchestrator.gate;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Whoever keeps the cluster metadata: a ZooKeeper ensemble, a KRaft controller quorum, or (migrating) both. */
public sealed interface MetadataQuorum {

    /**
     * A ZooKeeper -> KRaft migration (KIP-866): the KRaft controllers keep the metadata and write it back to ZooKeeper, which
     * the ZooKeeper-mode brokers still read; both must be healthy.
     */
    record Migration(ZooKeeperEnsemble zookeeper, KRaftQuorum kraft) implements MetadataQuorum {}

    /** Per node as srvr/mntr report it; unreachable nodes are listed, not dropped. */
    record ZooKeeperEnsemble(List<ZooKeeperNode> nodes) implements MetadataQuorum {
        public ZooKeeperEnsemble {
            nodes = List.copyOf(nodes);
        }

        public List<ZooKeeperNode> leaders() {
            return nodes.stream().filter(n -> n.mode() == ZooKeeperNode.Mode.LEADER || n.mode() == ZooKeeperNode.Mode.STANDALONE).toList();
        }
    }

    /**
     * describeMetadataQuorum: the leader, its epoch and high watermark, each voter's log end offset and when the leader
     * last heard from it (fetch) and last saw it caught up (ms since the epoch, as the leader reports them; empty when
     * unknown), and the observers (brokers) likewise.
     */
    record KRaftQuorum(Optional<Integer> leaderId, long leaderEpoch, long highWatermark, List<Voter> voters, List<Voter> observers)
            implements MetadataQuorum {
        public KRaftQuorum {
            voters = List.copyOf(voters);
            observers = List.copyOf(observers);
        }

        public KRaftQuorum(Optional<Integer> leaderId, List<Voter> voters) {
            this(leaderId, -1, -1, voters, List.of());
        }

        public record Voter(int id, long logEndOffset, OptionalLong lastFetchTimestamp, OptionalLong lastCaughtUpTimestamp) {
            public Voter(int id, long logEndOffset) {
                this(id, logEndOffset, OptionalLong.empty(), OptionalLong.empty());
            }
        }
    }
}
