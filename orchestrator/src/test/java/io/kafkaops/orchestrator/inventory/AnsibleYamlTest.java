package io.kafkaops.orchestrator.inventory;

import io.kafkaops.orchestrator.BadInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** YAML 1.1 typing as PyYAML (and so Ansible) does it. */
class AnsibleYamlTest {
    @TempDir
    Path dir;

    Map<?, ?> load(String yaml) throws IOException {
        Path f = dir.resolve("vars.yml");
        Files.writeString(f, yaml);
        return (Map<?, ?>) AnsibleYaml.load(f).root();
    }

    @Test
    void yaml11Scalars() throws IOException {
        Map<?, ?> m = load("""
                a: yes
                b: Off
                c: y
                d: 2.10
                e: "2.10"
                f: 3.9.2
                g: 1e3
                h: 1.0e+3
                i: 010
                j: 0x1F
                k: 12:30
                l: ~
                m:
                n: 2024-01-01
                o: 1_000
                """);
        assertThat(m.get("a")).isEqualTo(true);
        assertThat(m.get("b")).isEqualTo(false);
        assertThat(m.get("c")).isEqualTo("y");
        assertThat(m.get("d")).isEqualTo(2.1);
        assertThat(m.get("e")).isEqualTo("2.10");
        assertThat(m.get("f")).isEqualTo("3.9.2");
        assertThat(m.get("g")).isEqualTo("1e3");
        assertThat(m.get("h")).isEqualTo(1000.0);
        assertThat(m.get("i")).isEqualTo(8L);
        assertThat(m.get("j")).isEqualTo(31L);
        assertThat(m.get("k")).isEqualTo(750L);
        assertThat(m.get("l")).isNull();
        assertThat(m.get("m")).isNull();
        assertThat(m.get("n")).isEqualTo("2024-01-01");
        assertThat(m.get("o")).isEqualTo(1000L);
    }

    @Test
    void mergeKeysAndTags() throws IOException {
        Map<?, ?> m = load("""
                base: &b {heap: 1g, threads: 8}
                tuned:
                  <<: *b
                  heap: 4g
                raw: !unsafe "{{ x }}"
                secret: !vault |
                  $ANSIBLE_VAULT;1.1;AES256
                  6162
                """);
        assertThat(m.get("tuned")).isEqualTo(Map.of("heap", "4g", "threads", 8L));
        assertThat(m.get("raw")).isEqualTo(new UnsafeText("{{ x }}"));
        assertThat(m.get("secret")).isInstanceOfSatisfying(VaultValue.class, v -> {
            assertThat(v.variable()).isEqualTo("secret");
            assertThat(v.declaredAt().line()).isEqualTo(6);
            assertThat(v.toString()).doesNotContain("ANSIBLE_VAULT");
        });
    }

    @Test
    void keyLinesAreRemembered() throws IOException {
        Path f = dir.resolve("x.yml");
        Files.writeString(f, "# c\nkafka:\n  hosts:\n    k1:\n      broker_id: 1\n");
        AnsibleYaml.Document doc = AnsibleYaml.load(f);
        Map<?, ?> kafka = (Map<?, ?>) ((Map<?, ?>) doc.root()).get("kafka");
        assertThat(doc.line(doc.root(), "kafka")).isEqualTo(2);
        assertThat(doc.line(kafka, "hosts")).isEqualTo(3);
    }

    @Test
    void syntaxErrorNamesFileAndLine() throws IOException {
        Path f = dir.resolve("bad.yml");
        Files.writeString(f, "a: 1\nb: [1, 2\nc: 3\n");
        assertThatThrownBy(() -> AnsibleYaml.load(f)).isInstanceOfSatisfying(BadInput.class, e -> {
            assertThat(e.file()).contains(f.toString());
            assertThat(e.line()).isPresent();
            assertThat(e.problem()).startsWith("malformed YAML");
        });
    }

    @Test
    void listsStayLists() throws IOException {
        assertThat(load("l: [1, two, 3.0]").get("l")).isEqualTo(List.of(1L, "two", 3.0));
    }
}
