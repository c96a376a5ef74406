package io.kafkaops.orchestrator.inventory;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Expected text from python3 json.dumps with Ansible's arguments (ansible-inventory, to_json, to_nice_json). */
class PythonJsonTest {

    static Map<String, Object> sample() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("small", 0.0005);
        m.put("big", 10000000.0);
        m.put("acc", "caf\u00e9\u001f");
        m.put("none", null);
        m.put("list", List.of(1L, 2L));
        m.put("empty", Map.of());
        return m;
    }

    @Test
    void ansibleInventoryIsIndentedSortedAndKeepsNonAscii() {
        assertThat(PythonJson.ansibleInventory().dumps(sample())).isEqualTo("""
                {
                    "acc": "caf\u00e9\\u001f",
                    "big": 10000000.0,
                    "empty": {},
                    "list": [
                        1,
                        2
                    ],
                    "none": null,
                    "small": 0.0005
                }""");
        assertThat(InventoryReport.json(Map.of("x", List.of()))).isEqualTo("{\n    \"x\": []\n}");
    }

    @Test
    void toJsonIsOneLineInInsertionOrderAndAsciiOnly() {
        assertThat(PythonJson.toJson().dumps(sample()))
                .isEqualTo("{\"small\": 0.0005, \"big\": 10000000.0, \"acc\": \"caf\\u00e9\\u001f\", \"none\": null,"
                        + " \"list\": [1, 2], \"empty\": {}}");
        assertThat(PythonJson.toJson().dumps(Arrays.asList(Double.POSITIVE_INFINITY, Double.NaN, true, "\"\\\n")))
                .isEqualTo("[Infinity, NaN, true, \"\\\"\\\\\\n\"]");
    }

    @Test
    void toNiceJsonAndKeys() {
        Map<Object, Object> keys = new LinkedHashMap<>();
        keys.put(2.5, "f");
        keys.put(true, "b");
        keys.put(null, "n");
        keys.put(7L, "i");
        assertThat(PythonJson.toNiceJson(2, false).dumps(keys))
                .isEqualTo("{\n  \"2.5\": \"f\",\n  \"true\": \"b\",\n  \"null\": \"n\",\n  \"7\": \"i\"\n}");
        assertThatThrownBy(() -> PythonJson.toJson().dumps(Map.of(List.of(1L, 2L), 3L)))
                .hasMessageContaining("keys must be str, int, float, bool or None");
    }
}
