package io.kafkaops.orchestrator.template;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkaops.orchestrator.testkit.FakeInventory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Each single-feature template rendered by our engine and by Ansible's template module: byte-identical. */
class TemplateFeatureParityTest {
    static final Path FEATURES = Path.of("orchestrator/src/test/resources/template-features").toAbsolutePath();
    static final Path INVENTORY = Path.of("orchestrator/src/test/resources/template-inventories/features/hosts.ini").toAbsolutePath();
    static final String HOST = "peter-kafka02.foo.bar";

    @TempDir
    static Path out;
    static FakeInventory inventory;
    static String ansibleLog;
    static Map<String, String> ansible;

    @BeforeAll
    static void renderWithAnsible() throws Exception {
        inventory = FakeInventory.listed(INVENTORY);
        ansibleLog = new AnsiblePlaybook(FEATURES.resolve("render-features.yml"), INVENTORY).run(out.resolve("ansible.log"),
                Map.of("target", HOST, "out", out.toString(), "features_dir", FEATURES.toString()));
        Path json = out.resolve(HOST + ".json");
        assertThat(json).as("Ansible's results; its log:\n%s", ansibleLog).exists();
        ansible = new ObjectMapper().readValue(json.toFile(), new TypeReference<Map<String, String>>() {});
    }

    @TestFactory
    Stream<DynamicTest> everyFeatureRendersAsAnsibleDoes() throws Exception {
        AnsibleTemplating engine = new AnsibleTemplating();
        TemplateContext context = TemplateContext.forHost(inventory, HOST);
        List<Path> templates;
        try (Stream<Path> files = Files.list(FEATURES)) {
            templates = files.filter(p -> p.toString().endsWith(".j2")).sorted().toList();
        }
        assertThat(templates).hasSizeGreaterThanOrEqualTo(40);
        return templates.stream().map(t -> DynamicTest.dynamicTest(t.getFileName().toString(), () -> {
            String expected = ansible.get(t.getFileName().toString());
            assertThat(expected).as("Ansible rendered %s", t.getFileName()).isNotNull();
            assertThat(engine.render(t, context)).isEqualTo(expected);
        }));
    }
}
