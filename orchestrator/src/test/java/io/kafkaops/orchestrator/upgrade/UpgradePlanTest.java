package io.kafkaops.orchestrator.upgrade;

import io.kafkaops.orchestrator.host.HostState;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkaops.orchestrator.host.HostReading;
import io.kafkaops.orchestrator.roll.BrokerFleet.RenderedFile;
import io.kafkaops.orchestrator.roll.BrokerSwitch;
import io.kafkaops.orchestrator.version.Phase;
import io.kafkaops.orchestrator.version.UpgradePath;
import io.kafkaops.orchestrator.version.VersionMatrix;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The upgrade plan as data: the same object prints, becomes JSON, and gives each broker's switch. */
class UpgradePlanTest {
    static final VersionMatrix MATRIX = VersionMatrix.load(Path.of("upgrade/matrix.yml"));
    static final String DIR = "/usr/local/kafka_2.12-2.6.3";

    static UpgradePlan plan() {
        UpgradePath.Planned path = (UpgradePath.Planned) StartingPoint.plan(MATRIX, new HostState("2.1.1", Map.of()), "2.6.3");
        List<UpgradePlan.BrokerPhase> brokers = new ArrayList<>();
        for (int id : List.of(2, 1)) {
            for (Phase p : path.phases()) {
                if (p.kind() == Phase.Kind.STAGE) {
                    brokers.add(new UpgradePlan.BrokerPhase(p.number(), id, true, "2.1.1", Optional.of(DIR), List.of(), List.of()));
                    continue;
                }
                String props = "broker.id=" + id + "\nsasl.jaas.config=password=\"s3cret\"\n" + p.pinsAfter().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue() + "\n").reduce("", String::concat);
                List<RenderedFile> files = List.of(new RenderedFile("config/server.properties", props, "kafka", "0644", true),
                        new RenderedFile("config/log4j.properties", "log4j.rootLogger=INFO\n", "kafka", "0644", false));
                brokers.add(new UpgradePlan.BrokerPhase(p.number(), id, false, p.binaries().orElse("2.6.3"), p.binaries().map(v -> DIR), files,
                        List.of("+inter.broker.protocol.version=2.1")));
            }
        }
        return new UpgradePlan(path, List.of(2, 1), Map.of(1, "kafka1", 2, "kafka2"),
                List.of(new UpgradePlan.OverrideRemoval(4, "message.format.version", Map.of())), brokers);
    }

    @Test
    void theTextNamesThePhasesTheOrderThePointOfNoReturnAndEachBrokersChange() {
        String text = plan().text(false);
        assertThat(text).startsWith("plan: ZooKeeper mode 2.1.1 -> 2.6.3")
                .contains("broker order (active controller last): [broker 2 (kafka2), broker 1 (kafka1)]")
                .contains("point of no return: phase 3").contains(" - it runs only with --yes-finalize")
                .contains("phase 4 removes topic-level message.format.version: no topic sets it")
                .contains("[kafka2] phase 1: unpack Kafka 2.6.3 to " + DIR + " beside the running 2.1.1")
                .contains("[kafka2] phase 2: run 2.6.3 (/usr/local/kafka -> " + DIR + "), server.properties:\n    +inter.broker.protocol.version=2.1");
        assertThat(text.indexOf("[kafka2]")).isLessThan(text.indexOf("[kafka1]"));
    }

    @Test
    void theJsonCarriesThePlanButNoFileContent() throws Exception {
        UpgradePlan plan = plan();
        JsonNode json = new ObjectMapper().readTree(plan.json());
        assertThat(json.get("from").asText()).isEqualTo("2.1.1");
        assertThat(json.get("to").asText()).isEqualTo("2.6.3");
        assertThat(json.get("order").get(0).get("host").asText()).isEqualTo("kafka2");
        assertThat(json.get("pointOfNoReturn").asInt()).isEqualTo(plan.path().pointOfNoReturn().orElseThrow().number());
        JsonNode binaryRoll = json.get("phases").get(1);
        assertThat(binaryRoll.get("kind").asText()).isEqualTo("binary_roll");
        assertThat(binaryRoll.get("brokers").get(0).get("installDir").asText()).isEqualTo(DIR);
        assertThat(binaryRoll.get("brokers").get(0).get("files").toString()).contains("config/server.properties");
        assertThat(plan.json()).doesNotContain("s3cret");
    }

    @Test
    void aPhaseWritesExactlyTheFilesThePlanRendered() {
        UpgradePlan plan = plan();
        Phase binaryRoll = plan.path().phases().get(1);
        HostReading onOld = HostReading.parse("link=/usr/local/kafka_2.12-2.1.1\nactive=active\n");
        BrokerSwitch s = PhaseChange.of(binaryRoll, onOld, Optional.empty(), plan.files(binaryRoll, 2), Optional.of(DIR));

        assertThat(s.expectedVersion()).isEqualTo("2.6.3");
        assertThat(s.beforeStop()).extracting(f -> f.path()).containsExactly(DIR + "/config/server.properties", DIR + "/config/log4j.properties");
        assertThat(s.beforeStop().get(0).content()).isEqualTo(plan.files(binaryRoll, 2).get(0).content());
        // a file that may carry secrets is written 0600 whatever the index says
        assertThat(s.beforeStop().get(0).mode()).isEqualTo("0600");
        assertThat(s.beforeStop().get(0).toString()).doesNotContain("s3cret");
        assertThat(s.switchCommand()).contains("ln -sfn '" + DIR + "'");
        assertThat(s.undoCommand()).hasValueSatisfying(c -> assertThat(c).contains("'/usr/local/kafka_2.12-2.1.1'"));
        assertThat(s.doneOn(onOld)).isFalse();
    }

    @Test
    void aBrokerAlreadyLinkedToTheNewDirectoryGetsItsConfigsWhileStopped() {
        UpgradePlan plan = plan();
        Phase binaryRoll = plan.path().phases().get(1);
        HostReading linked = HostReading.parse("link=" + DIR + "\nactive=inactive\n");
        BrokerSwitch s = PhaseChange.of(binaryRoll, linked, Optional.empty(), plan.files(binaryRoll, 1), Optional.of(DIR));
        assertThat(s.beforeStop()).isEmpty();
        assertThat(s.whileStopped()).hasSize(2);
    }

    @Test
    void aPinsOnlyPhaseStagesServerPropertiesBesideTheLiveOneAndPutsTheOldOneBackOnUndo() {
        UpgradePlan plan = plan();
        Phase finalize = plan.path().phases().stream().filter(Phase::irreversible).findFirst().orElseThrow();
        HostReading now = HostReading.parse("link=" + DIR + "\nactive=active\npin.inter.broker.protocol.version=2.1\n");
        BrokerSwitch s = PhaseChange.of(finalize, now, Optional.of("old=1\n"), plan.files(finalize, 1), Optional.empty());
        assertThat(s.beforeStop()).extracting(f -> f.path()).containsExactly("/usr/local/kafka/config/server.properties.orchestrator-next");
        assertThat(s.switchCommand()).isEqualTo("mv -f '/usr/local/kafka/config/server.properties.orchestrator-next' '/usr/local/kafka/config/server.properties'");
        assertThat(s.undoWrites()).singleElement().satisfies(f -> assertThat(f.content()).isEqualTo("old=1\n"));
        assertThat(s.expectedVersion()).isEqualTo("2.6.3");
    }
}
