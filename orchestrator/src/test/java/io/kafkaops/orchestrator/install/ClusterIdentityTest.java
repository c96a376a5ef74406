package io.kafkaops.orchestrator.install;

import io.kafkaops.orchestrator.BadInput;
import io.kafkaops.orchestrator.SourceRef;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

class ClusterIdentityTest {
    static final String A = "MkU3OEVBNTcwNTJENDM2Qk";
    static final String B = "AAAAAAAAAAAAAAAAAAAAAA";
    static Optional<InventoryClusterId> inv(String v) {
        return Optional.of(new InventoryClusterId(v, new SourceRef(Path.of("group_vars/all.yml"), 7)));
    }

    @Test void hostsWinAndAgree() {
        assertEquals(new ClusterIdentity.Known(A, "hosts"), ClusterIdentity.decide(Map.of("k1", A, "k2", A), Optional.empty()));
        assertEquals(new ClusterIdentity.Known(A, "hosts"), ClusterIdentity.decide(Map.of("k1", A), inv(A)));
    }

    @Test void disagreeingHostsAreListed() {
        var d = assertInstanceOf(ClusterIdentity.Disagree.class, ClusterIdentity.decide(Map.of("k2", B, "k1", A), inv(A)));
        assertEquals("hosts hold different cluster ids: k1=" + A + ", k2=" + B, d.reason());
    }

    @Test void inventoryDifferingFromHostsIsBadInputAtItsLine() {
        var e = assertThrows(BadInput.class, () -> ClusterIdentity.decide(Map.of("k1", A), inv(B)));
        assertEquals(Optional.of(7), e.line());
        assertTrue(e.describe().startsWith("error: group_vars/all.yml:7: kafka_cluster_id " + B), e.describe());
    }

    @Test void malformedInventoryIdIsBadInput() {
        assertThrows(BadInput.class, () -> ClusterIdentity.decide(Map.of(), inv("not-an-id")));
    }

    @Test void inventoryThenGenerated() {
        assertEquals(new ClusterIdentity.Known(B, "inventory"), ClusterIdentity.decide(Map.of(), inv(B)));
        var g = ClusterIdentity.decide(Map.of(), Optional.empty());
        assertEquals("generated at provision", g.toString());
    }
}
