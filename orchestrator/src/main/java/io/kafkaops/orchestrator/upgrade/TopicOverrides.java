package io.kafkaops.orchestrator.upgrade;

import io.kafkaops.orchestrator.kafka.SnapshotCollector;
import io.kafkaops.orchestrator.version.Phase;

import java.io.PrintWriter;
import java.util.Map;

/**
 * The topic-level configs a phase retires (KIP-724: message.format.version goes with the 3.x protocol), deleted before
 * its roll. Re-running finds none left, so a resumed phase does not repeat it.
 */
final class TopicOverrides {
    private TopicOverrides() {}

    /** @return false when the Admin API did not take the change: the phase must not roll */
    static boolean removeFor(SnapshotCollector cluster, Phase phase, String title, PrintWriter out) {
        for (String key : phase.topicConfigsRemoved()) {
            try {
                Map<String, String> set = cluster.topicOverrides(key);
                if (set.isEmpty()) {
                    out.println("[" + title + "] no topic sets " + key + " itself: nothing to remove");
                    continue;
                }
                cluster.removeTopicOverride(set.keySet(), key);
                out.println("[" + title + "] removed topic-level " + key + " from " + set.size() + " topic(s): " + set);
            } catch (Exception e) {
                out.println("[" + title + "] HALTED before the roll: could not remove topic-level " + key + ": " + e.getMessage());
                out.println("  no broker was restarted in this phase; fix the cause (the Admin API must answer) "
                            + "and run the same command again");
                return false;
            }
        }
        return true;
    }
}
