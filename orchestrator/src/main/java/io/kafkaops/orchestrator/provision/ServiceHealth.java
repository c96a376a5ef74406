package io.kafkaops.orchestrator.provision;

import io.kafkaops.orchestrator.kafka.KafkaProbe.ClusterView;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Pure verdicts on the services provision just set up; {@link HealthChecks} reads the answers and waits. */
public final class ServiceHealth {
    private ServiceHealth() {}

    /** The mode each ZooKeeper node answered ("down" when it did not), by host, in inventory order. */
    public record EnsembleModes(Map<String, String> byHost) {
        /** Exactly one leader and every other listed node a follower (or one standalone node). */
        public boolean healthy() {
            long leaders = byHost.values().stream().filter("leader"::equals).count();
            long followers = byHost.values().stream().filter("follower"::equals).count();
            boolean standaloneOk = byHost.size() == 1 && byHost.containsValue("standalone");
            return (leaders == 1 && followers == byHost.size() - 1) || standaloneOk;
        }

        @Override
        public String toString() {
            return byHost.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
        }
    }

    /** Every inventory broker registered and an active controller. */
    public static boolean brokersHealthy(ClusterView view, Set<Integer> expected) {
        return view.brokerIds().containsAll(expected) && view.controller().isPresent();
    }

    public static String describe(ClusterView view) {
        return "registered " + view.brokerIds() + ", controller " + view.controller().map(String::valueOf).orElse("none");
    }

    /** With some ZooKeeper hosts failed, brokers may still go ahead if the rest holds a majority. */
    public static boolean quorum(int alive, int ensemble) {
        return alive > ensemble / 2;
    }
}
