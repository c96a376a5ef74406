package io.kafkaops.orchestrator.template;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkaops.orchestrator.Workspace;
import io.kafkaops.orchestrator.cluster.RenderModes;
import io.kafkaops.orchestrator.version.ClusterMode;
import io.kafkaops.orchestrator.cluster.GroupMapping;
import io.kafkaops.orchestrator.cluster.NodeSettings;
import io.kafkaops.orchestrator.plan.FileSpec;
import io.kafkaops.orchestrator.testkit.FakeInventory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every templates/*.j2 for every host of the test inventories: our engine vs playbooks/render-templates.yml, byte for byte. */
class TemplateParityTest {
    static final Path INVENTORIES = Path.of("orchestrator/src/test/resources/template-inventories").toAbsolutePath();
    static final Path TEMPLATES = Path.of("templates").toAbsolutePath();
    static final Path PLAYBOOK = Path.of("playbooks/render-templates.yml").toAbsolutePath();
    static final List<String> CASES = List.of("three-by-three/hosts.yml", "five-zk-racks-jbod-scram/hosts.yml", "book/hosts",
            "zk-digest-svc-users/hosts.yml", "secured/hosts.yml", "plain-sasl/hosts.yml", "kraft-dedicated/hosts.yml", "kraft-39/hosts",
            // a ZooKeeper -> KRaft migration's steps (#brokers,controllers): its configs render in every mode it passes through
            "zk-migration/hosts.yml", "zk-migration/hosts.yml#ZOOKEEPER,MIGRATION", "zk-migration/hosts.yml#MIGRATION,MIGRATION",
            "zk-migration/hosts.yml#KRAFT,MIGRATION", "zk-migration/hosts.yml#KRAFT,KRAFT");

    record Case(String name, FakeInventory inventory, Function<String, NodeSettings> nodes, Path out, String log) {}

    // kept after the run so a failing diff can be inspected (target/ is wiped by mvn clean)
    static final Path work = Path.of("orchestrator/target/template-parity").toAbsolutePath();
    static final AnsibleTemplating ENGINE = new AnsibleTemplating();
    static final List<Case> cases = new ArrayList<>();

    @BeforeAll
    static void renderWithAnsible() throws Exception {
        if (Files.exists(work)) {
            try (Stream<Path> old = Files.walk(work)) {
                old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        List<CompletableFuture<Case>> runs = new ArrayList<>();
        for (String spec : CASES) {
            String c = spec.contains("#") ? spec.substring(0, spec.indexOf('#')) : spec;
            FakeInventory inv = FakeInventory.listed(INVENTORIES.resolve(c));
            // the node dictionaries come from the real cluster model, as plan and provision build them
            Workspace ws = Workspace.load(INVENTORIES.resolve(c), GroupMapping.none(), Optional.empty());
            String[] modes = spec.contains("#") ? spec.substring(spec.indexOf('#') + 1).split(",") : null;
            Function<String, NodeSettings> nodes = modes == null ? ws.nodeSettings(ws.cluster())::forHost
                    : ws.nodeSettings(ws.cluster(), new RenderModes(ClusterMode.valueOf(modes[0]), ClusterMode.valueOf(modes[1])))::forHost;
            String name = c.substring(0, c.indexOf('/'))
                    + (modes == null ? "" : "-" + modes[0].toLowerCase() + "-" + modes[1].toLowerCase());
            Path out = Files.createDirectories(work.resolve(name));
            Map<String, Object> json = new LinkedHashMap<>();
            for (String h : inv.hosts()) json.put(h, nodes.apply(h).toTemplateVars());
            Path nodesJson = work.resolve(name + "-nodes.json");
            new ObjectMapper().writeValue(nodesJson.toFile(), json);
            // the three playbook runs are independent: overlap them
            runs.add(CompletableFuture.supplyAsync(() -> {
                try {
                    String log = new AnsiblePlaybook(PLAYBOOK, inv.source()).run(work.resolve(name + ".log"),
                            Map.of("nodes", "@" + nodesJson, "out", out.toString()));
                    return new Case(name, inv, nodes, out, log);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (CompletableFuture<Case> r : runs) cases.add(r.get());
    }

    @TestFactory
    Stream<DynamicTest> everyTemplateForEveryHostMatchesAnsible() {
        List<FileSpec> index = FileSpec.load(TEMPLATES.resolve("index.yml"));
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases) {
            for (String host : c.inventory().hosts()) {
                NodeSettings node = c.nodes().apply(host);
                TemplateContext context = TemplateContext.forHost(c.inventory(), host, node);
                tests.add(DynamicTest.dynamicTest(c.name() + " " + host + ": same files", () -> {
                    Set<String> ours = new TreeSet<>(index.stream().filter(f -> f.appliesTo(node)).map(FileSpec::file).toList());
                    Set<String> theirs = new TreeSet<>();
                    try (Stream<Path> files = Files.list(c.out().resolve(host))) {
                        files.forEach(f -> theirs.add(f.getFileName().toString()));
                    }
                    assertThat(ours).as("Ansible log:\n%s", c.log()).isEqualTo(theirs);
                }));
                for (FileSpec f : index.stream().filter(x -> x.appliesTo(node)).toList()) {
                    tests.add(DynamicTest.dynamicTest(c.name() + " " + host + " " + f.file(), () -> {
                        Path expected = c.out().resolve(host).resolve(f.file());
                        assertThat(expected).as("Ansible log:\n%s", c.log()).exists();
                        assertThat(ENGINE.render(TEMPLATES.resolve(f.template()), context)).isEqualTo(Files.readString(expected));
                    }));
                }
            }
        }
        return tests.stream();
    }
}
