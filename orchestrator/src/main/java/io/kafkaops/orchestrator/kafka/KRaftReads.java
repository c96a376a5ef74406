package io.kafkaops.orchestrator.kafka;

import io.kafkaops.orchestrator.gate.MetadataQuorum.KRaftQuorum;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.FeatureMetadata;
import org.apache.kafka.clients.admin.QuorumInfo;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** What the KRaft quorum says about itself: describeMetadataQuorum and describeFeatures, read through the controllers. */
public final class KRaftReads {
    private KRaftReads() {}

    /** Finalized feature levels and each feature's supported range, as the cluster reports them. */
    public record Features(Map<String, Short> finalized, Map<String, Range> supported) {
        public Features {
            finalized = Map.copyOf(finalized);
            supported = Map.copyOf(supported);
        }

        public record Range(short min, short max) {}
    }

    public static KRaftQuorum quorum(Admin admin, long timeoutMs) throws ExecutionException, InterruptedException, TimeoutException {
        QuorumInfo q = admin.describeMetadataQuorum().quorumInfo().get(timeoutMs, TimeUnit.MILLISECONDS);
        return new KRaftQuorum(q.leaderId() < 0 ? Optional.empty() : Optional.of(q.leaderId()), q.leaderEpoch(), q.highWatermark(),
                replicas(q.voters()), replicas(q.observers()));
    }

    public static Features features(Admin admin, long timeoutMs) throws ExecutionException, InterruptedException, TimeoutException {
        FeatureMetadata f = admin.describeFeatures().featureMetadata().get(timeoutMs, TimeUnit.MILLISECONDS);
        Map<String, Short> finalized = new TreeMap<>();
        f.finalizedFeatures().forEach((k, v) -> finalized.put(k, v.maxVersionLevel()));
        Map<String, Features.Range> supported = new TreeMap<>();
        f.supportedFeatures().forEach((k, v) -> supported.put(k, new Features.Range(v.minVersion(), v.maxVersion())));
        return new Features(finalized, supported);
    }

    private static List<KRaftQuorum.Voter> replicas(List<QuorumInfo.ReplicaState> states) {
        return states.stream().map(r -> new KRaftQuorum.Voter(r.replicaId(), r.logEndOffset(), optional(r.lastFetchTimestamp()),
                optional(r.lastCaughtUpTimestamp()))).toList();
    }

    private static OptionalLong optional(OptionalLong v) {
        return v.isPresent() && v.getAsLong() >= 0 ? v : OptionalLong.empty();
    }
}
