package io.kafkaops.orchestrator.upgrade;

import io.kafkaops.orchestrator.host.HostReading;
import io.kafkaops.orchestrator.host.HostState;
import io.kafkaops.orchestrator.plan.FileSpec;
import io.kafkaops.orchestrator.roll.BrokerFleet.RenderedFile;
import io.kafkaops.orchestrator.roll.BrokerSwitch;
import io.kafkaops.orchestrator.version.Phase;
import io.kafkaops.orchestrator.version.UpgradePath;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The upgrade plan's server.properties changes, from a host file with clear secrets: masked on both sides, text and JSON. */
class UpgradePlanSecretsTest {
    static final String ON_HOST = """
            broker.id=1
            ssl.keystore.password=HostPw;9 x
            ssl.key.password=Same;Pw
            sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="HostJ";
            """;
    static final String RENDERED = """
            broker.id=1
            ssl.keystore.password=Planned;Pw 1
            ssl.key.password=Same;Pw
            sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="HostJ";
            inter.broker.protocol.version=2.1
            """;
    static final List<String> CLEAR = List.of("HostPw", ";9 x", "Same;Pw", "HostJ", "Planned;Pw");

    @Test
    void theChangesOfServerPropertiesAreMaskedOnBothSides() {
        assertThat(UpgradePlan.serverPropertiesChanges(ON_HOST, RENDERED)).containsExactly(
                "-ssl.keystore.password=********", "+ssl.keystore.password=******** (changed)", "+inter.broker.protocol.version=2.1");
    }

    @Test
    void thePrintedPlanAndItsJsonCarryNoClearSecret() {
        UpgradePath.Planned path = (UpgradePath.Planned) StartingPoint.plan(UpgradePlanTest.MATRIX, new HostState("2.1.1", Map.of()),
                "2.6.3");
        List<UpgradePlan.BrokerPhase> brokers = new ArrayList<>();
        for (Phase p : path.phases()) {
            if (p.kind() == Phase.Kind.STAGE) continue;
            List<RenderedFile> files = List.of(new RenderedFile("config/server.properties", RENDERED, "kafka", "0600", false));
            brokers.add(new UpgradePlan.BrokerPhase(p.number(), 1, false, "2.6.3", Optional.empty(), files,
                    UpgradePlan.serverPropertiesChanges(ON_HOST, RENDERED)));
        }
        UpgradePlan plan = new UpgradePlan(path, List.of(1), Map.of(1, "kafka1"), List.of(), brokers);
        String shown = plan.text(false) + plan.json();
        assertThat(shown).contains("+ssl.keystore.password=******** (changed)");
        for (String clear : CLEAR) assertThat(shown).as(clear).doesNotContain(clear);
    }

    @Test
    void serverPropertiesIsWrittenAndPutBack0600() {
        FileSpec props = FileSpec.load(Path.of("templates/index.yml")).stream().filter(f -> f.file().equals("server.properties"))
                .findFirst().orElseThrow();
        assertThat(props.mode()).isEqualTo("0600");
        assertThat(props.secret()).as("shown masked in plans, not summarised").isFalse();
        RenderedFile next = new RenderedFile("config/server.properties", RENDERED, props.owner(), props.mode(), props.secret());
        BrokerSwitch s = finalizeSwitch(next);
        assertThat(s.beforeStop()).singleElement().satisfies(f -> assertThat(f.mode()).isEqualTo("0600"));
        assertThat(s.undoWrites()).singleElement().satisfies(f -> assertThat(f.mode()).isEqualTo("0600"));
    }

    @Test
    void aPinPhasesUndoPutsTheFileBackOwnedByTheHostsServiceUser() {
        // kafka_user: svc-kafka renders the owner; the undo must not hand the file to a user "kafka" that may not exist
        RenderedFile next = new RenderedFile("config/server.properties", RENDERED, "svc-kafka", "0600", false);
        BrokerSwitch s = finalizeSwitch(next);
        assertThat(s.beforeStop()).singleElement().satisfies(f -> assertThat(f.owner()).isEqualTo("svc-kafka"));
        assertThat(s.undoWrites()).singleElement().satisfies(f -> assertThat(f.owner()).isEqualTo("svc-kafka"));
    }

    /** The 2.1.1 -> 2.6.3 finalize phase's switch of a broker whose rendered server.properties is {@code next}. */
    private static BrokerSwitch finalizeSwitch(RenderedFile next) {
        UpgradePath.Planned path = (UpgradePath.Planned) StartingPoint.plan(UpgradePlanTest.MATRIX, new HostState("2.1.1", Map.of()),
                "2.6.3");
        Phase finalize = path.phases().stream().filter(Phase::irreversible).findFirst().orElseThrow();
        HostReading now = HostReading.parse("link=" + UpgradePlanTest.DIR + "\nactive=active\npin.inter.broker.protocol.version=2.1\n");
        return PhaseChange.of(finalize, now, Optional.of(ON_HOST), List.of(next), Optional.empty());
    }
}
