package io.kafkaops.orchestrator.template;

import io.kafkaops.orchestrator.testkit.TestSecurity;
import io.kafkaops.orchestrator.BadInput;
import io.kafkaops.orchestrator.cluster.NodeSettings;
import io.kafkaops.orchestrator.SourceRef;
import io.kafkaops.orchestrator.inventory.VaultValue;
import io.kafkaops.orchestrator.testkit.FakeInventory;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Errors an operator must get instead of a silently empty config: undefined variables, loops, vault values. */
class StrictTemplatingTest {
    static final SourceRef GROUP_VARS = new SourceRef(Path.of("inventory/group_vars/kafkahosts.yml"), 3);
    final AnsibleTemplating engine = new AnsibleTemplating();

    static FakeInventory book(Map<String, Object> extra) {
        Map<String, Map<String, Object>> vars = new LinkedHashMap<>();
        for (String h : List.of("peter-kafka01.foo.bar", "peter-kafka02.foo.bar")) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("brokerid", "{{ inventory_hostname | regex_search('(?<=peter-kafka0)[0-9]') }}");
            v.putAll(extra);
            vars.put(h, v);
        }
        return FakeInventory.flat(Map.of("kafkahosts", List.copyOf(vars.keySet())), vars, GROUP_VARS);
    }

    @Test
    void undefinedVariableNamesTemplateFileLineAndVariable() {
        String template = "# header\nbroker.id={{ node.broker_id }}\nlog.retention.hours={{ kafka_retention }}\n";
        TemplateContext ctx = TemplateContext.forHost(book(Map.of()), "peter-kafka01.foo.bar", node("peter-kafka01.foo.bar"));
        BadInput e = catchThrowableOfType(BadInput.class, () -> engine.render("templates/server.properties.j2", template, ctx));
        assertThat(e.file()).contains("templates/server.properties.j2");
        assertThat(e.line()).contains(3);
        assertThat(e.problem()).contains("undefined variable 'kafka_retention'");
        assertThat(e.fix()).contains("define kafka_retention in the inventory").contains("default(");
    }

    @Test
    void undefinedOperandIsAnErrorWhereJinjavaAloneWouldPrintZero() {
        TemplateContext ctx = TemplateContext.forHost(book(Map.of()), "peter-kafka01.foo.bar");
        BadInput e = catchThrowableOfType(BadInput.class, () -> engine.render("t.j2", "a\n{% if true %}\nms={{ hours * 3600000 }}\n{% endif %}\n", ctx));
        assertThat(e.line()).contains(3);
        assertThat(e.problem()).contains("undefined variable 'hours'");
        assertThat(engine.render("t.j2", "ms={{ (hours | default(2)) * 3600000 }} {{ 'x' ~ (y | d('z')) }}\n", ctx))
                .isEqualTo("ms=7200000 xz\n");
    }

    @Test
    void missingNodeAttributeIsAnErrorToo() {
        TemplateContext ctx = TemplateContext.forHost(book(Map.of()), "peter-kafka01.foo.bar", node("peter-kafka01.foo.bar"));
        BadInput e = catchThrowableOfType(BadInput.class, () -> engine.render("t.j2", "a\n\nbroker.rack={{ node.rack }}\n", ctx));
        assertThat(e.line()).contains(3);
        assertThat(e.problem()).contains("node.rack");
        assertThat(e.fix()).contains("is defined");
    }

    @Test
    void missingAttributeInsideAnExpressionIsAnError() {
        TemplateContext ctx = TemplateContext.forHost(book(Map.of()), "peter-kafka01.foo.bar", node("peter-kafka01.foo.bar"));
        BadInput e = catchThrowableOfType(BadInput.class, () -> engine.render("t.j2", "a\nrack={{ node.rack ~ '-x' }}\n", ctx));
        assertThat(e.line()).contains(2);
        assertThat(e.problem()).contains("node.rack");
        assertThat(engine.render("t.j2", "rack={{ (node.rack | default('none')) ~ '-x' }}\n", ctx)).isEqualTo("rack=none-x\n");
    }

    @Test
    void realTemplateWithoutItsKnobFailsNamingTheKnob() throws Exception {
        TemplateContext ctx = TemplateContext.forHost(book(Map.of()), "peter-kafka01.foo.bar", scramNode("peter-kafka01.foo.bar"));
        Path jaas = Path.of("templates/kafka_server_jaas.conf.j2");
        BadInput e = catchThrowableOfType(BadInput.class, () -> engine.render(jaas, ctx));
        assertThat(e.file()).hasValueSatisfying(f -> assertThat(f).endsWith("kafka_server_jaas.conf.j2"));
        List<String> lines = java.nio.file.Files.readAllLines(jaas);
        assertThat(e.line()).contains(lines.indexOf(lines.stream().filter(l -> l.contains("username=\"{{ sasl_scram_users.admin.principal")).findFirst()
                .orElseThrow()) + 1);
        assertThat(e.problem()).contains("sasl_scram_users");
    }

    @Test
    void inventoryJinjaIsRenderedLazilyAsAnsibleDoes() {
        FakeInventory inv = book(Map.of("home", "/usr/local/kafka_2.12-{{ version }}", "version", "2.6.0",
                "dirs", "{{ ['/data/a', '/data/b'] }}", "newer", "{{ version is version('2.5', '>=') }}"));
        assertThat(engine.renderValue(inv, "peter-kafka02.foo.bar", inv.hostVars("peter-kafka02.foo.bar").get("brokerid"))).isEqualTo("2");
        assertThat(engine.renderValue(inv, "peter-kafka01.foo.bar", "{{ hostvars['peter-kafka02.foo.bar'].brokerid }}")).isEqualTo("2");
        assertThat(engine.renderValue(inv, "peter-kafka01.foo.bar", "{{ home }}")).isEqualTo("/usr/local/kafka_2.12-2.6.0");
        assertThat(engine.renderValue(inv, "peter-kafka01.foo.bar", "{{- version -}}")).isEqualTo("2.6.0");
        assertThat(engine.renderValue(inv, "peter-kafka01.foo.bar", "{{ dirs }}")).isEqualTo(List.of("/data/a", "/data/b"));
        assertThat(engine.renderValue(inv, "peter-kafka01.foo.bar", "{{ newer }}")).isEqualTo(true);
        assertThat(engine.renderValue(inv, "peter-kafka01.foo.bar", Map.of("k", List.of("{{ version }}"))))
                .isEqualTo(Map.of("k", List.of("2.6.0")));
    }

    @Test
    void unusedBrokenVariableDoesNotFailButAReferenceCycleDoesWithItsChain() {
        FakeInventory inv = book(Map.of("a", "{{ b }}", "b", "{{ c }}", "c", "{{ a }}", "broken", "{{ nope }}"));
        TemplateContext ctx = TemplateContext.forHost(inv, "peter-kafka01.foo.bar");
        assertThat(engine.render("ok.j2", "id={{ brokerid }}\n", ctx)).isEqualTo("id=1\n");
        BadInput e = catchThrowableOfType(BadInput.class, () -> engine.render("t.j2", "x={{ a }}\n", ctx));
        assertThat(e.problem()).contains("refers to itself").contains("a -> b -> c -> a");
        assertThat(e.file()).contains(GROUP_VARS.file().toString());
        assertThat(e.line()).contains(3);
    }

    @Test
    void variableWhoseJinjaIsUndefinedIsUndefinedButTheErrorNamesTheRealCause() {
        FakeInventory inv = book(Map.of("retention", "{{ retention_days * 24 }}", "hours", "{{ retention }}"));
        TemplateContext ctx = TemplateContext.forHost(inv, "peter-kafka01.foo.bar");
        assertThat(engine.render("t.j2", "{{ hours | default(72) }}\n", ctx)).isEqualTo("72\n");
        BadInput e = catchThrowableOfType(BadInput.class, () -> engine.render("t.j2", "log.retention.hours={{ hours }}\n", ctx));
        assertThat(e.problem()).contains("retention_days");
        assertThat(e.file()).contains(GROUP_VARS.file().toString());
    }

    @Test
    void vaultValueIsNeverPrintedWithoutDecryption() {
        VaultValue secret = new VaultValue("sasl_scram_users", "$ANSIBLE_VAULT;1.1;AES256\n6162", GROUP_VARS);
        FakeInventory inv = book(Map.of("sasl_scram_users", Map.of("admin", Map.of("principal", "admin", "password", secret))));
        TemplateContext ctx = TemplateContext.forHost(inv, "peter-kafka01.foo.bar", scramNode("peter-kafka01.foo.bar"));
        Path jaas = Path.of("templates/kafka_server_jaas.conf.j2");
        BadInput e = catchThrowableOfType(BadInput.class, () -> engine.render(jaas, ctx));
        assertThat(e.problem()).contains("sasl_scram_users").contains("vault");
        assertThat(e.getMessage()).doesNotContain("6162");
        assertThat(engine.render(jaas, ctx.withVault(v -> "s3cret"))).contains("password=\"s3cret\";");
    }

    /** A broker whose listeners use SCRAM: the one that gets kafka_server_jaas.conf's KafkaServer section. */
    static NodeSettings scramNode(String host) {
        NodeSettings n = node(host);
        return new NodeSettings(n.host(), n.address(), true, false, 1, null, null, n.logDirs(), 3, 8, 1, null, null, n.zookeeperConnect(),
                List.of(), n.zookeeperDataDir(), 2181, 1, 1, null, null, n.kafkaHome(), n.zookeeperHome(), 9999, TestSecurity.scram(host, "SASL_PLAINTEXT"), n.services());
    }

    static NodeSettings node(String host) {
        return new NodeSettings(host, host, true, false, 1, null, null, List.of("/data/kafka-logs"),
                3, 8, 1, null, null, "zk:2181", List.of(), "/data/zk", 2181, 1, 1, null, null,
                "/usr/local/kafka", "/usr/local/zookeeper", 9999, TestSecurity.plaintext(host), NodeSettings.Services.DEFAULTS);
    }
}
