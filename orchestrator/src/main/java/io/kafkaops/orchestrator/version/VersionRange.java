package io.kafkaops.orchestrator.version;

import java.util.Optional;

/** An inclusive major.minor range from upgrade/matrix.yml, written "0.11-2.8". */
public record VersionRange(KafkaVersion low, KafkaVersion high) {

    public static Optional<VersionRange> parse(String text) {
        String[] ends = text == null ? new String[0] : text.trim().split("\\s*-\\s*(?=\\d)");
        if (ends.length != 2) return Optional.empty();
        Optional<KafkaVersion> low = KafkaVersion.parse(ends[0]);
        Optional<KafkaVersion> high = KafkaVersion.parse(ends[1]);
        if (low.isEmpty() || high.isEmpty() || low.get().compareMinor(high.get()) > 0) return Optional.empty();
        return Optional.of(new VersionRange(low.get(), high.get()));
    }

    public boolean contains(KafkaVersion v) { return low.compareMinor(v) <= 0 && v.compareMinor(high) <= 0; }

    @Override
    public String toString() { return low.majorMinor() + "-" + high.majorMinor(); }
}
