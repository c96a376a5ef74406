package io.kafkaops.orchestrator.gate;

import java.util.List;
import java.util.Optional;

/** Whoever keeps the cluster metadata: a ZooKeeper ensemble or a KRaft controller quorum. */
public sealed interface MetadataQuorum {

    /** Per node as srvr/mntr report it; unreachable nodes are listed, not dropped. */
    record ZooKeeperEnsemble(List<ZooKeeperNode> nodes) implements MetadataQuorum {
        public ZooKeeperEnsemble {
            nodes = List.copyOf(nodes);
        }

        public List<ZooKeeperNode> leaders() {
            return nodes.stream().filter(n -> n.mode() == ZooKeeperNode.Mode.LEADER || n.mode() == ZooKeeperNode.Mode.STANDALONE).toList();
        }
    }

    /** describeMetadataQuorum: the leader and each voter's log end offset. */
    record KRaftQuorum(Optional<Integer> leaderId, List<Voter> voters) implements MetadataQuorum {
        public KRaftQuorum {
            voters = List.copyOf(voters);
        }

        public record Voter(int id, long logEndOffset) {}
    }
}
