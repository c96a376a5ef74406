package io.kafkaops.orchestrator.upgrade;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The notes' check after an upgrade that consumer groups kept their place: every offset committed before the roll is
 * still committed afterwards, at the same or a later offset (groups that kept consuming moved on; none went back).
 */
public final class OffsetsKept {
    private OffsetsKept() {}

    /** @return one line per committed offset that went missing or moved back, empty when every group kept its place */
    public static List<String> lostOrMovedBack(Map<String, Map<String, Long>> before, Map<String, Map<String, Long>> after) {
        List<String> problems = new ArrayList<>();
        before.forEach((group, offsets) -> {
            Map<String, Long> now = after.getOrDefault(group, Map.of());
            offsets.forEach((partition, was) -> {
                Long is = now.get(partition);
                if (is == null) problems.add("consumer group " + group + " lost its committed offset on " + partition + " (was " + was
                        + ")");
                else if (is < was) problems.add("consumer group " + group + " moved back on " + partition + " from " + was + " to " + is);
            });
        });
        return problems;
    }

    /** "3 consumer group(s), 57 committed offset(s)". */
    public static String describe(Map<String, Map<String, Long>> offsets) {
        return offsets.size() + " consumer group(s), " + offsets.values().stream().mapToInt(Map::size).sum() + " committed offset(s)";
    }
}
