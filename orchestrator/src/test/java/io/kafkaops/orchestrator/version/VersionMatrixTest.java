package io.kafkaops.orchestrator.version;

import io.kafkaops.orchestrator.BadInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** upgrade/matrix.yml as the planner reads it: one row per version change an operator may ask for. */
class VersionMatrixTest {
    static final Path MATRIX = Path.of("upgrade/matrix.yml");
    static final VersionMatrix REAL = VersionMatrix.load(MATRIX);

    /**
     * @param expect for a planned path its phases as "KIND binaries IBP=x -LMF !" joined by " | "
     *               (! = point of no return); otherwise words the refusal / nothing-to-do must say
     */
    record Case(String name, ClusterMode mode, String from, String ibp, String lmf, String to,
                Class<? extends UpgradePath> type, String... expect) {
        @Override
        public String toString() { return name; }
    }

    static Case zk(String name, String from, String ibp, String lmf, String to, Class<? extends UpgradePath> type, String... expect) {
        return new Case(name, ClusterMode.ZOOKEEPER, from, ibp, lmf, to, type, expect);
    }

    static Stream<Case> cases() {
        Class<UpgradePath.Planned> planned = UpgradePath.Planned.class;
        Class<UpgradePath.Refused> refused = UpgradePath.Refused.class;
        return Stream.of(
                zk("2.1.1 -> 2.6.3: pin at 2.1, then raise IBP, then LMF", "2.1.1", null, null, "2.6.3", planned,
                        "STAGE 2.6.3 | BINARY_ROLL 2.6.3 IBP=2.1 LMF=2.1 | FINALIZE_ROLL -IBP ! | FINALIZE_ROLL -LMF !"),
                zk("2.6.3 -> 3.9.2: LMF removed with the IBP raise (KIP-724)", "2.6.3", null, null, "3.9.2", planned,
                        "STAGE 3.9.2 | BINARY_ROLL 3.9.2 IBP=2.6 LMF=2.6 | FINALIZE_ROLL -IBP -LMF topic:message.format.version !"),
                zk("2.1.1 -> 3.9.2 in one binary roll", "2.1.1", null, null, "3.9.2", planned,
                        "STAGE 3.9.2 | BINARY_ROLL 3.9.2 IBP=2.1 LMF=2.1 | FINALIZE_ROLL -IBP -LMF topic:message.format.version !"),
                zk("2.6.3 -> 2.8.2 keeps an existing older LMF pin", "2.6.3", null, "0.10.2", "2.8.2", planned,
                        "STAGE 2.8.2 | BINARY_ROLL 2.8.2 IBP=2.6 | FINALIZE_ROLL -IBP ! | FINALIZE_ROLL -LMF !"),
                zk("3.6.2 -> 3.9.2 pins the protocol only", "3.6.2", null, null, "3.9.2", planned,
                        "STAGE 3.9.2 | BINARY_ROLL 3.9.2 IBP=3.6 | FINALIZE_ROLL -IBP topic:message.format.version !"),
                zk("2.6.2 -> 2.6.3 patch: one roll, no pins touched", "2.6.2", null, null, "2.6.3", planned,
                        "STAGE 2.6.3 | BINARY_ROLL 2.6.3"),
                zk("3.9.2 -> 4.1.1: no ZooKeeper mode in 4.x, so a chain of hops, not one path", "3.9.2", null, null, "4.1.1", refused,
                        "Kafka 4.1.1 is reached from here in hops", "[upgrade to 3.9, migrate to KRaft, upgrade to the release asked for]"),
                zk("2.6.3 -> 4.1.1 the same way", "2.6.3", null, null, "4.1.1", refused, "`upgrade --to 4.1.1` runs them one after another"),
                zk("2.6.3 -> 2.1.1 rollback while IBP/LMF pinned at 2.1", "2.6.3", "2.1", "2.1", "2.1.1", planned,
                        "STAGE 2.1.1 | ROLLBACK_ROLL 2.1.1"),
                zk("2.6.3 -> 2.1.1 rollback refused once IBP is unpinned", "2.6.3", null, null, "2.1.1", refused,
                        "inter.broker.protocol.version is not pinned", "point of no return has passed"),
                zk("2.6.3 -> 2.1.1 rollback refused with IBP raised to 2.6", "2.6.3", "2.6", "2.1", "2.1.1", refused,
                        "inter.broker.protocol.version is already 2.6, newer than 2.1"),
                zk("3.9.2 -> 2.6.3 rollback while pinned at 2.6", "3.9.2", "2.6", "2.6", "2.6.3", planned,
                        "STAGE 2.6.3 | ROLLBACK_ROLL 2.6.3"),
                zk("same version, no pins: nothing to do", "2.6.3", null, null, "2.6.3", UpgradePath.NothingToDo.class,
                        "every broker already runs Kafka 2.6.3"),
                zk("same version with pins left: only the finalize rolls remain", "2.6.3", "2.1", "2.1", "2.6.3", planned,
                        "FINALIZE_ROLL -IBP ! | FINALIZE_ROLL -LMF !"),
                zk("unknown target version refused, naming upgrade/versions.yml", "2.6.3", null, null, "2.7.0", refused,
                        "Kafka 2.7.0 is not a release listed in upgrade/versions.yml", "add it there"),
                zk("unreadable running version refused", "two point six", null, null, "2.6.3", refused,
                        "cannot read the running version 'two point six'"),
                zk("IBP newer than the running binaries refused", "2.1.1", "2.6", null, "2.6.3", refused,
                        "inter.broker.protocol.version=2.6 is newer than the running version 2.1"),
                zk("running version older than any rule refused", "0.10.2", null, null, "2.6.3", refused,
                        "no rule in upgrade/matrix.yml allows a ZooKeeper mode upgrade from 0.10.2 to 2.6.3"),
                new Case("KRaft 3.6 -> 3.9: controllers, brokers, then the feature bump as the point of no return", ClusterMode.KRAFT,
                        "3.6.2", null, null, "3.9.2", planned,
                        "STAGE 3.9.2 | BINARY_ROLL 3.9.2 controllers | BINARY_ROLL 3.9.2 | FINALIZE_FEATURES !"),
                new Case("KRaft 3.9 -> 4.1 the same way", ClusterMode.KRAFT, "3.9.2", null, null, "4.1.1", planned,
                        "STAGE 4.1.1 | BINARY_ROLL 4.1.1 controllers | BINARY_ROLL 4.1.1 | FINALIZE_FEATURES !"),
                new Case("KRaft on the target already: only the feature bump is left (the cluster says whether it is done)",
                        ClusterMode.KRAFT, "4.1.1", null, null, "4.1.1", planned, "FINALIZE_FEATURES !"),
                new Case("KRaft rollback still refused", ClusterMode.KRAFT, "4.1.1", null, null, "3.9.2", refused,
                        "rollback of KRaft clusters is not supported by the orchestrator yet"),
                new Case("KRaft to a release a KRaft cluster cannot run refused", ClusterMode.KRAFT, "3.9.2", null, null, "2.6.3",
                        refused, "no rule in upgrade/matrix.yml allows a KRaft rollback from 3.9.2 to 2.6.3"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void plans(Case c) {
        UpgradePath path = REAL.plan(c.mode(), c.from(), Optional.ofNullable(c.ibp()), Optional.ofNullable(c.lmf()), c.to());
        assertThat(path).as(path.describe()).isInstanceOf(c.type());
        if (path instanceof UpgradePath.Planned p) {
            assertThat(summary(p)).isEqualTo(c.expect()[0]);
        } else {
            assertThat(path.describe()).contains(c.expect());
        }
    }

    @Test
    void binaryRollPinsFromVersionAndFinalizeIsThePointOfNoReturn() {
        var p = (UpgradePath.Planned) REAL.plan("2.1.1", Optional.empty(), Optional.empty(), "2.6.3");
        assertThat(p.step()).isEqualTo(VersionStep.UPGRADE);
        assertThat(p.phases().get(1).pinsAfter()).containsEntry(Pins.IBP, "2.1").containsEntry(Pins.LMF, "2.1");
        assertThat(p.phases().get(1).irreversible()).isFalse();
        assertThat(p.pointOfNoReturn()).map(Phase::number).contains(3);
        assertThat(p.phases().get(3).pinsAfter()).isEmpty();
        assertThat(p.describe()).contains("phase 3, finalize roll (POINT OF NO RETURN): raise inter.broker.protocol.version");
    }

    @Test
    void rollbackKeepsThePins() {
        var p = (UpgradePath.Planned) REAL.plan("2.6.3", Optional.of("2.1"), Optional.of("2.1"), "2.1.1");
        assertThat(p.step()).isEqualTo(VersionStep.ROLLBACK);
        assertThat(p.pointOfNoReturn()).isEmpty();
        assertThat(p.phases().get(1).pinsAfter()).containsEntry(Pins.IBP, "2.1").containsEntry(Pins.LMF, "2.1");
        assertThat(p.describe()).isEqualTo("""
                ZooKeeper mode 2.6.3 -> 2.1.1 (ZooKeeper mode rollback before the point of no return)
                  phase 1, stage: every broker host gets Kafka 2.1.1 next to the running one; nothing restarts - unpack Kafka 2.1.1
                  phase 2, rollback roll: binary rollback with the pins kept - run Kafka 2.1.1, \
                keep inter.broker.protocol.version=2.1, keep log.message.format.version=2.1""");
    }

    @Test
    void everyRowOfTheRealMatrixLoads() {
        assertThat(REAL.rows()).extracting(MatrixRow::name).contains("ZooKeeper mode 2.x -> 2.y", "ZooKeeper mode 2.x -> 3.x (KIP-724)",
                "ZooKeeper mode -> 4.x, through the migration to KRaft on 3.9", "ZooKeeper -> KRaft migration on 3.9 (KIP-866)",
                "back to ZooKeeper mode before the controllers leave migration mode (KIP-866 rollback)", "KRaft 3.x -> 3.y");
        // the chain: 3.9 in ZooKeeper mode, the migration, then the release asked for in KRaft mode
        assertThat(REAL.chain(ClusterMode.ZOOKEEPER, KafkaVersion.parse("2.1.1").orElseThrow(), KafkaVersion.parse("4.1.1").orElseThrow())
                .orElseThrow().chain()).extracting(MatrixRow.Hop::toString).containsExactly("upgrade to 3.9", "migrate to KRaft", "upgrade to the release asked for");
        assertThat(REAL.newest("3.9")).contains("3.9.2");
        // KRaft: every row that rolls rolls the controllers before the brokers
        assertThat(REAL.rows()).filteredOn(r -> r.mode() == ClusterMode.KRAFT && r.refuse().isEmpty())
                .allMatch(r -> r.rolls().get(0).nodes() == Nodes.CONTROLLERS && r.rolls().get(1).nodes() == Nodes.BROKERS);
    }

    @Test
    void aBrokenRowIsABadInputNamingIt(@TempDir Path dir) throws IOException {
        Files.copy(Path.of("upgrade/versions.yml"), dir.resolve("versions.yml"));
        Path matrix = dir.resolve("matrix.yml");
        Files.writeString(matrix, """
                paths:
                  - name: typo row
                    mode: zookeeper
                    step: upgrade
                    from: 2.0-2.8
                    to: 2.2-2.8
                    rolls:
                      - name: binary roll
                        binaries: to
                        pin: {inter.broker.protocol.version: form}
                """);
        assertThatThrownBy(() -> VersionMatrix.load(matrix)).isInstanceOf(BadInput.class)
                .hasMessageContaining("path 1 (typo row) roll 1: pin inter.broker.protocol.version must be 'from' or 'to', not form")
                .hasMessageContaining("fix: see the comment at the top of upgrade/matrix.yml");
        Files.writeString(matrix, "paths:\n  - name: x\n    mode: zookeper\n");
        assertThatThrownBy(() -> VersionMatrix.load(matrix)).isInstanceOf(BadInput.class).hasMessageContaining("'zookeper' is not one of [zookeeper, migration, kraft]");
        String kraft = "paths:\n  - name: k\n    mode: kraft\n    step: upgrade\n    from: 3.3-3.9\n    to: 4.0-4.9\n    rolls:\n";
        Files.writeString(matrix, kraft + "      - {name: c, nodes: controlers, binaries: to}\n");
        assertThatThrownBy(() -> VersionMatrix.load(matrix)).isInstanceOf(BadInput.class)
                .hasMessageContaining("path 1 (k) roll 1: 'controlers' is not one of [brokers, controllers]");
        Files.writeString(matrix, kraft + "      - {name: f, action: bump}\n");
        assertThatThrownBy(() -> VersionMatrix.load(matrix)).isInstanceOf(BadInput.class)
                .hasMessageContaining("'bump' is not one of [finalize_features, provision_controllers, wait_for_migration, stop_zookeeper, stop_controllers]");
        Files.writeString(matrix, kraft + "      - {name: f, action: finalize_features, binaries: to}\n");
        assertThatThrownBy(() -> VersionMatrix.load(matrix)).isInstanceOf(BadInput.class)
                .hasMessageContaining("an action or config roll changes no binaries or pins");
        Files.writeString(matrix, kraft + "      - {name: f, action: wait_for_migration, config: kraft}\n");
        assertThatThrownBy(() -> VersionMatrix.load(matrix)).isInstanceOf(BadInput.class)
                .hasMessageContaining("a roll has an action or a config, not both");
        Files.writeString(matrix, kraft + "      - {name: f, config: craft}\n");
        assertThatThrownBy(() -> VersionMatrix.load(matrix)).isInstanceOf(BadInput.class)
                .hasMessageContaining("'craft' is not one of [zookeeper, migration, kraft]");
        Files.writeString(matrix, "paths: [\n");
        assertThatThrownBy(() -> VersionMatrix.load(matrix)).isInstanceOf(BadInput.class).hasMessageContaining("malformed YAML");
    }

    /** "KIND binaries IBP=x -LMF topic:key !" per phase. */
    static String summary(UpgradePath.Planned p) {
        return p.phases().stream().map(ph -> {
            List<String> parts = new ArrayList<>();
            parts.add(ph.kind().name());
            ph.binaries().ifPresent(parts::add);
            if (ph.nodes() == Nodes.CONTROLLERS) parts.add("controllers");
            ph.pinsSet().forEach((k, v) -> parts.add(abbrev(k) + "=" + v));
            ph.pinsRemoved().forEach(k -> parts.add("-" + abbrev(k)));
            ph.topicConfigsRemoved().forEach(k -> parts.add("topic:" + k));
            if (ph.irreversible()) parts.add("!");
            return String.join(" ", parts);
        }).collect(Collectors.joining(" | "));
    }

    static String abbrev(String key) {
        return key.equals(Pins.IBP) ? "IBP" : key.equals(Pins.LMF) ? "LMF" : key;
    }
}
