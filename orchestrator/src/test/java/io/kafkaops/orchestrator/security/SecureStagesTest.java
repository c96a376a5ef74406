package io.kafkaops.orchestrator.security;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SecureStagesTest {
    static final Listener INTERNAL = new Listener("internal", "INTERNAL", Protocol.SASL_SSL, 9093, ClientAuth.NONE,
            List.of(Mechanism.SCRAM_SHA_512));
    static final Listener BROKER = new Listener("broker", "BROKER", Protocol.SASL_SSL, 9091, ClientAuth.NONE, List.of(Mechanism.SCRAM_SHA_512));
    static final List<Listener> TARGET = List.of(INTERNAL, BROKER);

    static final String PLAINTEXT_BROKER = """
            broker.id=1
            listeners=PLAINTEXT://0.0.0.0:9092
            advertised.listeners=PLAINTEXT://10.0.0.1:9092
            listener.security.protocol.map=PLAINTEXT:PLAINTEXT
            inter.broker.listener.name=PLAINTEXT
            """;

    static String at(List<String> listeners, String inter, boolean authorizer) {
        return "listeners=" + String.join(",", listeners.stream().map(l -> l + "://0.0.0.0:" + port(l)).toList()) + "\n"
                + "listener.security.protocol.map=" + String.join(",", listeners.stream().map(l -> l + ":" + (l.equals("PLAINTEXT") ? "PLAINTEXT" : "SASL_SSL")).toList())
                + "\ninter.broker.listener.name=" + inter + "\nsasl.enabled.mechanisms=SCRAM-SHA-512\n"
                + (authorizer ? "authorizer.class.name=kafka.security.auth.SimpleAclAuthorizer\n" : "");
    }

    static int port(String l) {
        return switch (l) { case "PLAINTEXT" -> 9092; case "INTERNAL" -> 9093; default -> 9091; };
    }

    @Test
    void aPlaintextClusterGetsFourStagesAndOnlyTheLastNeedsAskingFor() {
        var plan = (SecureStages.Plan.Stages) SecureStages.plan(TARGET, BROKER, true, LiveSecurity.parse(PLAINTEXT_BROKER));
        assertThat(plan.kept()).extracting(Listener::name).containsExactly("PLAINTEXT");
        assertThat(plan.stages()).extracting(SecureStages.Stage::title).containsExactly("add the secured listeners",
                "brokers talk over BROKER", "authorizer on", "remove PLAINTEXT");
        assertThat(plan.stages()).extracting(SecureStages.Stage::confirmed).containsExactly(false, false, false, true);
        SecureStages.Stage first = plan.stages().get(0);
        assertThat(first.listeners()).extracting(Listener::name).containsExactly("PLAINTEXT", "INTERNAL", "BROKER");
        assertThat(first.interBrokerListener()).isEqualTo("PLAINTEXT");
        assertThat(first.authorizer()).isFalse();
        assertThat(plan.stages().get(2).clients()).contains("User:ANONYMOUS");
        assertThat(plan.stages().get(3).listeners()).extracting(Listener::name).containsExactly("INTERNAL", "BROKER");
    }

    @Test
    void eachBrokerReadsAsTheStageItsFileHasAndTheClusterAsItsSlowestBroker() {
        var stages = ((SecureStages.Plan.Stages) SecureStages.plan(TARGET, BROKER, true, LiveSecurity.parse(PLAINTEXT_BROKER))).stages();
        LiveSecurity none = LiveSecurity.parse(PLAINTEXT_BROKER);
        LiveSecurity one = LiveSecurity.parse(at(List.of("PLAINTEXT", "INTERNAL", "BROKER"), "PLAINTEXT", false));
        LiveSecurity two = LiveSecurity.parse(at(List.of("PLAINTEXT", "INTERNAL", "BROKER"), "BROKER", false));
        LiveSecurity three = LiveSecurity.parse(at(List.of("PLAINTEXT", "INTERNAL", "BROKER"), "BROKER", true));
        LiveSecurity four = LiveSecurity.parse(at(List.of("INTERNAL", "BROKER"), "BROKER", true));
        assertThat(List.of(none, one, two, three, four)).extracting(l -> SecureStages.stageOf(stages, l)).containsExactly(0, 1, 2, 3, 4);
        assertThat(SecureStages.clusterStage(stages, Map.of(1, two, 2, one, 3, two))).isEqualTo(1);
        // the plan made from a broker half-way (stage 2) is the same plan: the old listener is still there to keep
        var again = (SecureStages.Plan.Stages) SecureStages.plan(TARGET, BROKER, true, two);
        assertThat(again.stages()).isEqualTo(stages);
    }

    @Test
    void theOldListenerOnAPortTheInventoryGivesANewOneIsRefused() {
        Listener clash = new Listener("internal", "INTERNAL", Protocol.SASL_SSL, 9092, ClientAuth.NONE, List.of(Mechanism.SCRAM_SHA_512));
        var plan = SecureStages.plan(List.of(clash, BROKER), BROKER, true, LiveSecurity.parse(PLAINTEXT_BROKER));
        assertThat(plan).isInstanceOf(SecureStages.Plan.Refused.class);
        assertThat(((SecureStages.Plan.Refused) plan).reason()).contains("PLAINTEXT uses port 9092").contains("INTERNAL");
    }

    @Test
    void withoutAclsThereIsNoAuthorizerStageAndASecuredClusterHasNothingLeft() {
        var plan = (SecureStages.Plan.Stages) SecureStages.plan(TARGET, BROKER, false, LiveSecurity.parse(PLAINTEXT_BROKER));
        assertThat(plan.stages()).extracting(SecureStages.Stage::title).containsExactly("add the secured listeners",
                "brokers talk over BROKER", "remove PLAINTEXT");
        LiveSecurity secured = LiveSecurity.parse(at(List.of("INTERNAL", "BROKER"), "BROKER", true));
        var done = (SecureStages.Plan.Stages) SecureStages.plan(TARGET, BROKER, true, secured);
        assertThat(done.kept()).isEmpty();
        assertThat(SecureStages.stageOf(done.stages(), secured)).isEqualTo(done.stages().size());
    }

    @Test
    void liveSecurityReadsListenersProtocolsAndTheInterBrokerListener() {
        LiveSecurity l = LiveSecurity.parse(at(List.of("PLAINTEXT", "INTERNAL"), "INTERNAL", true));
        assertThat(l.listeners()).extracting(Listener::name, Listener::protocol, Listener::port)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("PLAINTEXT", Protocol.PLAINTEXT, 9092),
                        org.assertj.core.groups.Tuple.tuple("INTERNAL", Protocol.SASL_SSL, 9093));
        assertThat(l.interBrokerListener()).isEqualTo("INTERNAL");
        assertThat(l.authorizer()).contains("kafka.security.auth.SimpleAclAuthorizer");
        // a 2.1-era file with security.inter.broker.protocol and no map
        LiveSecurity old = LiveSecurity.parse("listeners=PLAINTEXT://:9092\nsecurity.inter.broker.protocol=PLAINTEXT\n");
        assertThat(old.interBrokerListener()).isEqualTo("PLAINTEXT");
        assertThat(old.listeners()).extracting(Listener::port).containsExactly(9092);
    }
}
