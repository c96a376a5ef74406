package io.kafkaops.orchestrator.install;

import io.kafkaops.orchestrator.install.StorageFormat.DirFacts;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

class StorageFormatTest {
    static final String ID = "MkU3OEVBNTcwNTJENDM2Qk";

    static DirFacts empty(String d) { return new DirFacts(d, true, Optional.empty()); }
    static DirFacts meta(String d, Map<String, String> m) { return new DirFacts(d, false, Optional.of(m)); }
    static Map<String, String> kraft(String cluster, int node) {
        return Map.of("version", "1", "cluster.id", cluster, "node.id", String.valueOf(node));
    }

    @Test void allEmptyDirsAreFormatted() {
        var d = StorageFormat.decide("kafka1", List.of(empty("/a"), empty("/b")), ID, 1);
        assertEquals(new StorageFormat.Format(List.of("/a", "/b")), d);
    }

    @Test void formattedForThisClusterAndNodeIsLeftAlone() {
        var d = StorageFormat.decide("kafka1", List.of(meta("/a", kraft(ID, 1)), meta("/b", kraft(ID, 1))), ID, 1);
        assertInstanceOf(StorageFormat.Nothing.class, d);
    }

    @Test void otherClusterOrNodeIsRefusedWithTheReplaceDiskHint() {
        for (var m : List.of(kraft("AAAAAAAAAAAAAAAAAAAAAA", 1), kraft(ID, 2))) {
            var d = assertInstanceOf(StorageFormat.Refuse.class, StorageFormat.decide("kafka1", List.of(meta("/a", m)), ID, 1));
            assertTrue(d.reason().contains("another cluster or node id"), d.reason());
            assertTrue(d.hint().contains("Replace a KRaft disk"), d.hint());
        }
    }

    @Test void notEmptyWithoutMetaAndMixesAreRefused() {
        var noMeta = StorageFormat.decide("kafka1", List.of(new DirFacts("/a", false, Optional.empty())), ID, 1);
        assertTrue(((StorageFormat.Refuse) noMeta).reason().contains("without meta.properties"));
        var mix = StorageFormat.decide("kafka1", List.of(meta("/a", kraft(ID, 1)), empty("/b")), ID, 1);
        assertTrue(((StorageFormat.Refuse) mix).reason().contains("formatted but [/b] not"));
    }

    @Test void aMigratedBrokersDataIsFormattedAndOtherZooKeeperModeDataIsRefused() {
        // KIP-866 leaves a migrated broker's meta.properties at version 0: its broker.id and the ZooKeeper cluster's id
        var migrated = Map.of("version", "0", "broker.id", "1", "cluster.id", ID, "directory.id", "Z0tD8lt711gr298E3Td_Aw");
        assertInstanceOf(StorageFormat.Nothing.class, StorageFormat.decide("kafka1", List.of(meta("/a", migrated)), ID, 1));
        for (var v0 : List.of(Map.of("version", "0", "broker.id", "1"), Map.of("version", "0", "broker.id", "2", "cluster.id", ID),
                Map.of("version", "0", "broker.id", "1", "cluster.id", "AAAAAAAAAAAAAAAAAAAAAA"))) {
            var d = assertInstanceOf(StorageFormat.Refuse.class, StorageFormat.decide("kafka1", List.of(meta("/a", v0)), ID, 1));
            assertTrue(d.reason().contains("ZooKeeper-mode data") && d.hint().contains("--mode kraft"), d.reason() + " / " + d.hint());
        }
    }

    @Test void neverIgnoreFormattedNorDynamicQuorumFlags() {
        var args = StorageFormat.formatArgs("/opt/kafka", ID, "/etc/kafka/server.properties");
        assertEquals(List.of("/opt/kafka/bin/kafka-storage.sh", "format", "-t", ID, "-c", "/etc/kafka/server.properties"), args);
        for (String flag : List.of("--ignore-formatted", "-g", "--standalone", "--initial-controllers", "--release-version"))
            assertFalse(args.contains(flag), flag);
    }
}
