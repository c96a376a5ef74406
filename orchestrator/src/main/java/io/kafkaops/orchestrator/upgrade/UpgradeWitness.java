package io.kafkaops.orchestrator.upgrade;

import io.kafkaops.orchestrator.kafka.KafkaConnection;
import io.kafkaops.orchestrator.kafka.KafkaProbe;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The proof that an upgrade lost nothing: a record written (acks=all) and the consumer groups' committed offsets read
 * before the first broker is rolled; after the last phase the record must read back unchanged, a new record must go
 * through, and no committed offset may be missing or have moved back ({@link OffsetsKept}).
 */
record UpgradeWitness(KafkaProbe.Written record, Map<String, Map<String, Long>> offsets) {
    static Optional<UpgradeWitness> take(KafkaConnection kafka, int brokers, int minInsyncReplicas, PrintWriter out, List<String> said) {
        try (KafkaProbe probe = new KafkaProbe(kafka)) {
            probe.ensureCanaryTopic(brokers, minInsyncReplicas);
            UpgradeWitness w = new UpgradeWitness(probe.produce("witness-" + UUID.randomUUID()), probe.committedOffsets());
            tell(out, said, "[verify] before the roll: witness record at offset " + w.record().offset() + " of " + KafkaProbe.CANARY_TOPIC
                    + " (acks=all); " + OffsetsKept.describe(w.offsets()) + " read");
            return Optional.of(w);
        } catch (Exception e) {
            out.println("[verify] HALTED before the roll: the cluster did not take an acks=all record "
                    + "or its group offsets could not be read: "
                    + e.getMessage());
            out.println("  no broker was restarted in this phase; fix the cause and run the same command again");
            return Optional.empty();
        }
    }

    /** @return true when nothing was lost; every line it prints is also added to {@code said} */
    boolean holds(KafkaConnection kafka, int brokers, int minInsyncReplicas, PrintWriter out, List<String> said) {
        List<String> failed = new ArrayList<>();
        try (KafkaProbe probe = new KafkaProbe(kafka)) {
            if (probe.readBack(record)) tell(out, said, "[verify] the witness record written before the roll reads back unchanged (offset "
                    + record.offset() + ")");
            else failed.add("the witness record at offset " + record.offset() + " of " + KafkaProbe.CANARY_TOPIC
                    + " did not read back unchanged");
            tell(out, said, "[verify] new records go through: " + probe.canary(brokers, minInsyncReplicas));
            List<String> moved = OffsetsKept.lostOrMovedBack(offsets, probe.committedOffsets());
            if (moved.isEmpty()) tell(out, said,
                    "[verify] consumer groups kept their place: every offset committed before the roll is still there, "
                    + "none moved back (" + OffsetsKept.describe(offsets) + ")");
            failed.addAll(moved);
        } catch (Exception e) {
            failed.add(e.getMessage());
        }
        failed.forEach(f -> tell(out, said, "[verify] FAILED: " + f));
        return failed.isEmpty();
    }

    private static void tell(PrintWriter out, List<String> said, String line) {
        out.println(line);
        said.add(line);
    }
}
