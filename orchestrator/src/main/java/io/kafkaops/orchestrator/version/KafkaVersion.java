package io.kafkaops.orchestrator.version;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kafka release or protocol version: "2.6.3", "2.1", or an IBP/LMF value such as "2.1-IV2" or
 * "0.10.2-IV0". Upgrade rules only look at major.minor; the patch is kept for same-version checks.
 */
public record KafkaVersion(int major, int minor, int patch) implements Comparable<KafkaVersion> {
    private static final Pattern FORM = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?(?:-IV\\d+)?");
    private static final Comparator<KafkaVersion> ORDER =
            Comparator.comparingInt(KafkaVersion::major).thenComparingInt(KafkaVersion::minor).thenComparingInt(KafkaVersion::patch);

    public static Optional<KafkaVersion> parse(String text) {
        if (text == null) return Optional.empty();
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) return Optional.empty();
        return Optional.of(new KafkaVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3))));
    }

    /** "2.6" - the form protocol pins and matrix ranges use. */
    public String majorMinor() { return major + "." + minor; }

    /** Compares major.minor only: 2.6.3 and 2.6.0 speak the same protocol. */
    public int compareMinor(KafkaVersion other) {
        return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
    }

    @Override
    public int compareTo(KafkaVersion other) { return ORDER.compare(this, other); }

    @Override
    public String toString() { return major + "." + minor + "." + patch; }
}
