package io.kafkaops.orchestrator.template;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Ansible (jinja2_native off) turns rendered text back into data only when it looks like a list, dict or bool. */
class TemplarConvertDataTest {

    @Test
    void listsDictsAndBoolsBecomeDataWithLongInts() {
        // Long like every other int (YAML, INI, Jinja literals), so `[9092, 1] == ports` and union() agree with Ansible
        assertThat(Templar.convertData("[9092, 1]")).isEqualTo(List.of(9092L, 1L));
        assertThat(Templar.convertData("{'k': [2.5]}")).isEqualTo(Map.of("k", List.of(2.5)));
        assertThat(Templar.convertData("True")).isEqualTo(true);
        assertThat(Templar.convertData("42")).isEqualTo("42");
        assertThat(Templar.convertData(null)).isEqualTo("None");
        assertThat(Templar.convertData("{1, 2}")).isEqualTo("{1, 2}");
        assertThat(Templar.convertData("[1, 2,")).isEqualTo("[1, 2,");
    }
}
