package io.kafkaops.orchestrator.plan;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class UnifiedDiffTest {
    @Test
    void sameTextHasNoDiff() {
        assertThat(UnifiedDiff.of("a", "x\ny\n", "b", "x\ny\n")).isEmpty();
    }

    @Test
    void agreesWithGnuDiffOnAChangedLine() throws Exception {
        String before = "a\nb\nc\nd\ne\nf\ng\nh\n";
        String after = "a\nb\nc\nd\nE\nf\ng\nh\ni\n";
        Path dir = Files.createTempDirectory("diff");
        Files.writeString(dir.resolve("before"), before);
        Files.writeString(dir.resolve("after"), after);
        Process p = new ProcessBuilder("diff", "-u", "before", "after").directory(dir.toFile()).start();
        String gnu = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        String gnuBody = gnu.substring(gnu.indexOf("@@"));
        String ours = UnifiedDiff.of("before", before, "after", after);
        assertThat(ours.substring(ours.indexOf("@@"))).isEqualTo(gnuBody);
    }
}
