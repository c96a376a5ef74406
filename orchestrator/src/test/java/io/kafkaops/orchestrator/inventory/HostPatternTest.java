package io.kafkaops.orchestrator.inventory;

import io.kafkaops.orchestrator.SourceRef;

import io.kafkaops.orchestrator.BadInput;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HostPatternTest {
    static final SourceRef AT = new SourceRef(Path.of("hosts.ini"), 7);

    @Test
    void zeroPaddedNumericRange() {
        assertThat(HostPattern.parse("kafka[01:03]", AT).hosts()).containsExactly("kafka01", "kafka02", "kafka03");
    }

    @Test
    void rangeWithStep() {
        assertThat(HostPattern.parse("zk[01:09:2]", AT).hosts()).containsExactly("zk01", "zk03", "zk05", "zk07", "zk09");
    }

    @Test
    void letterRangeAndTail() {
        assertThat(HostPattern.parse("node-[a:c].dc1", AT).hosts()).containsExactly("node-a.dc1", "node-b.dc1", "node-c.dc1");
    }

    @Test
    void severalRangesExpandLeftFirst() {
        assertThat(HostPattern.parse("db[1:2]-x[a:b]", AT).hosts()).containsExactly("db1-xa", "db1-xb", "db2-xa", "db2-xb");
    }

    @Test
    void unpaddedRangeCrossesWidths() {
        assertThat(HostPattern.parse("web[8:10]", AT).hosts()).containsExactly("web8", "web9", "web10");
    }

    @Test
    void emptyBeginMeansZero() {
        assertThat(HostPattern.parse("h[:2]", AT).hosts()).containsExactly("h0", "h1", "h2");
    }

    @Test
    void portIsSplitOff() {
        HostPattern p = HostPattern.parse("kafka[1:2]:2222", AT);
        assertThat(p.hosts()).containsExactly("kafka1", "kafka2");
        assertThat(p.port()).isEqualTo(2222);
        assertThat(HostPattern.parse("[fe80::1]:22", AT)).isEqualTo(new HostPattern(List.of("fe80::1"), 22));
        assertThat(HostPattern.parse("plain", AT)).isEqualTo(new HostPattern(List.of("plain"), null));
    }

    @Test
    void reversedRangeIsRefusedWithFileAndLine() {
        assertThatThrownBy(() -> HostPattern.parse("kafka[3:1]", AT))
                .isInstanceOfSatisfying(BadInput.class, e -> {
                    assertThat(e.file()).contains("hosts.ini");
                    assertThat(e.line()).contains(7);
                    assertThat(e.problem()).contains("kafka[3:1]").contains("empty");
                });
    }

    @Test
    void brokenRangesAreRefused() {
        assertThatThrownBy(() -> HostPattern.parse("kafka[01:x]", AT)).hasMessageContaining("equal-length");
        assertThatThrownBy(() -> HostPattern.parse("kafka[1:x]", AT)).hasMessageContaining("kafka[1:x]");
        assertThatThrownBy(() -> HostPattern.parse("kafka[1:3", AT)).hasMessageContaining("no closing ']'");
        assertThatThrownBy(() -> HostPattern.parse("kafka[1]", AT)).hasMessageContaining("begin:end");
        assertThatThrownBy(() -> HostPattern.parse("kafka[c:a]", AT)).hasMessageContaining("begin <= end");
        assertThatThrownBy(() -> HostPattern.parse("kafka[1:3:0]", AT)).hasMessageContaining("positive step");
    }
}
