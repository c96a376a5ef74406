package io.kafkaops.orchestrator.version;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One row of upgrade/matrix.yml: which version change it covers and the rolls that perform it. */
public record MatrixRow(String name, ClusterMode mode, VersionStep step, VersionRange from, VersionRange to,
                        Optional<String> refuse, boolean pinsAtMostTarget, List<RollRule> rolls, List<Hop> chain) {

    public MatrixRow {
        rolls = List.copyOf(rolls);
        chain = List.copyOf(chain);
    }

    public MatrixRow(String name, ClusterMode mode, VersionStep step, VersionRange from, VersionRange to, Optional<String> refuse,
                     boolean pinsAtMostTarget, List<RollRule> rolls) {
        this(name, mode, step, from, to, refuse, pinsAtMostTarget, rolls, List.of());
    }

    /**
     * One hop of a chain row: an upgrade (in the mode the cluster is in by then) to a release - "X.Y" the newest X.Y release
     * versions.yml lists, "to" the one asked for - or the migration to KRaft on the release the cluster runs by then.
     */
    public record Hop(Optional<String> upgradeTo, boolean migrate) {
        @Override
        public String toString() { return migrate ? "migrate to KRaft" : "upgrade to " + upgradeTo.map(t -> t.equals("to") ? "the release asked for" : t).orElseThrow(); }
    }

    public boolean covers(ClusterMode mode, VersionStep step, KafkaVersion from, KafkaVersion to) {
        return this.mode == mode && this.step == step && this.from.contains(from) && this.to.contains(to);
    }

    /**
     * One roll as the matrix writes it; pin values are the tokens "from" / "to". {@code nodes}: who it restarts (KRaft:
     * controllers before brokers); {@code action}: no binaries or pins - the release's KRaft feature levels are set, or a
     * step of the migration is taken; {@code config}: a migration roll, the metadata mode the nodes' configs move to.
     */
    public record RollRule(String name, boolean binaries, Map<String, String> pin, List<String> remove,
                           List<String> removeTopicConfigs, Optional<String> pointOfNoReturn, Nodes nodes, Optional<Action> action,
                           Optional<ClusterMode> config) {
        public RollRule {
            pin = Collections.unmodifiableMap(new LinkedHashMap<>(pin));
            remove = List.copyOf(remove);
            removeTopicConfigs = List.copyOf(removeTopicConfigs);
        }

        public boolean finalizeFeatures() { return action.equals(Optional.of(Action.FINALIZE_FEATURES)); }
    }

    /** What a roll without a restart does (matrix.yml `action:`). */
    public enum Action {
        /** KRaft: set the release's feature levels (versions.yml kraft_features) through the Admin API. */
        FINALIZE_FEATURES,
        /** Migration: install, format (with the ZooKeeper cluster's id) and start the controllers in migration mode. */
        PROVISION_CONTROLLERS,
        /** Migration: wait until the controllers have copied the metadata from ZooKeeper (ZkMigrationState MIGRATION). */
        WAIT_FOR_MIGRATION,
        /** After the migration: stop and disable the ZooKeeper ensemble; its data stays on disk. */
        STOP_ZOOKEEPER,
        /** Rollback of a migration: stop the controllers, keep their data renamed, hand ZooKeeper back to the brokers. */
        STOP_CONTROLLERS
    }
}
