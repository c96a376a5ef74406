package io.kafkaops.orchestrator.cli;

import io.kafkaops.orchestrator.Workspace;

import io.kafkaops.orchestrator.cluster.GroupMapping;
import io.kafkaops.orchestrator.plan.HostPlan;
import io.kafkaops.orchestrator.plan.PlanPrinter;
import io.kafkaops.orchestrator.plan.PlannedFile;
import io.kafkaops.orchestrator.plan.ProvisionPlan;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example inventories in inventory/ are planned with the real cluster model, and every file
 * the plan would write is byte-identical to what Ansible's template module renders from the same
 * templates (playbooks/render-templates.yml fed with `plan --output ansible-vars`).
 */
class ExampleInventoriesTest {
    record Example(String name, Path inventory, Optional<Path> vaultPassword) {}

    static final List<Example> EXAMPLES = List.of(
            new Example("lab", Path.of("inventory/lab.yml"), Optional.empty()),
            new Example("lab-secure", Path.of("inventory/lab-secure.yml"), Optional.empty()),
            new Example("lab-kraft", Path.of("inventory/lab-kraft.yml"), Optional.empty()),
            new Example("lab-migration", Path.of("inventory/lab-migration.yml"), Optional.empty()),
            new Example("book", Path.of("inventory/book/hosts"), Optional.empty()),
            new Example("production", Path.of("inventory/production/hosts.yml"), Optional.of(Path.of("inventory/production/example-vault-password"))));

    static ProvisionPlan plan(Example e) {
        return Workspace.load(e.inventory(), GroupMapping.none(), e.vaultPassword()).plan();
    }

    @Test
    void theBooksInventoryWorksUnchangedWithItsJinjaDerivedIds() {
        ProvisionPlan plan = plan(EXAMPLES.get(4));
        assertThat(plan.cluster().zookeeperGroup()).contains("zkhosts");
        assertThat(plan.hosts()).filteredOn(h -> h.node().broker()).extracting(h -> h.node().brokerId()).containsExactly(1, 2, 3);
        assertThat(plan.hosts()).filteredOn(h -> h.node().zookeeper()).extracting(h -> h.node().myid()).containsExactly(1, 2, 3);
        assertThat(plan.cluster().kafka().tarballName()).isEqualTo("kafka_2.12-2.6.0.tgz");
    }

    @Test
    void productionHasFiveZooKeepersJbodRacksAndAMaskedSecret() {
        ProvisionPlan plan = plan(EXAMPLES.get(5));
        assertThat(plan.cluster().zookeeperNodes()).hasSize(5);
        HostPlan kafka1 = plan.hosts().stream().filter(h -> h.host().startsWith("kafka1")).findFirst().orElseThrow();
        assertThat(kafka1.node().logDirs()).hasSize(10);
        PlannedFile props = kafka1.files().stream().filter(f -> f.path().endsWith("server.properties")).findFirst().orElseThrow();
        assertThat(props.content()).contains("broker.rack=eu-west-1a").contains("zookeeper.connect=10.10.1.11:2181,").contains("/kafka\n")
                .contains("log.dirs=/data1/kafka-logs,/data2/kafka-logs");
        PlannedFile jaas = kafka1.files().stream().filter(f -> f.path().endsWith("jaas.conf")).findFirst().orElseThrow();
        assertThat(jaas.content()).contains("adminSecret-42");
        assertThat(jaas.mode()).isEqualTo("0600");
        String text = new PlanPrinter(Optional.empty()).text(plan);
        String json = new PlanPrinter(Optional.empty()).json(plan);
        assertThat(text).doesNotContain("adminSecret-42").contains("secret");
        assertThat(json).doesNotContain("adminSecret-42");
        // warnings with reasons, no errors: 5 ZooKeeper nodes over 3 AZs is what the notes recommend
        assertThat(plan.warnings()).noneMatch(w -> w.message().contains("racks/AZs"));
    }

    @Test
    void theKRaftLabPlanOrdersTheControllersAndTheirQuorumBeforeTheBrokers() {
        ProvisionPlan plan = plan(EXAMPLES.get(2));
        assertThat(plan.steps().get(0).target()).isEqualTo("kctl1, kctl2, kctl3");
        assertThat(plan.steps()).extracting(s -> s.phase()).isSorted();
        assertThat(plan.steps()).extracting(s -> s.target() + ": " + s.action())
                .contains("quorum: wait for a leader and every one of the 3 voters caught up (describeMetadataQuorum)",
                        "kafka1, kafka2, kafka3: write server.properties, jmx and the kafka-server unit")
                .noneMatch(s -> s.contains("zookeeper") || s.contains("ZooKeeper"));
    }

    @Test
    void theLabPlanOrdersZooKeeperBeforeBrokers() {
        ProvisionPlan plan = plan(EXAMPLES.get(0));
        assertThat(plan.steps().get(0).target()).isEqualTo("zk1, zk2, zk3");
        assertThat(plan.steps()).extracting(s -> s.phase()).isSorted();
        assertThat(plan.hosts().get(0).files()).extracting(PlannedFile::path).containsExactly(
                "/usr/local/zookeeper/conf/zoo.cfg", "/data/zk/myid", "/etc/systemd/system/zookeeper-server.service");
        assertThat(plan.hosts().get(3).files()).extracting(PlannedFile::path).containsExactly(
                "/usr/local/kafka/config/server.properties", "/usr/local/kafka/config/log4j.properties",
                "/usr/local/kafka/config/jmx", "/etc/systemd/system/kafka-server.service");
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.execute(new String[]{"plan", "inventory/lab.yml", "--output", "json"}, new PrintWriter(out), new PrintWriter(err));
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("\"broker_group\" : \"kafka\"");
    }

    @TestFactory
    Stream<DynamicTest> everyPlannedFileIsWhatAnsibleRenders() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        Path work = Files.createDirectories(Path.of("orchestrator/target/example-parity").toAbsolutePath());
        for (Example e : EXAMPLES) {
            ProvisionPlan plan = plan(e);
            Path vars = work.resolve(e.name() + "-nodes.json");
            Files.writeString(vars, new PlanPrinter(Optional.empty()).ansibleVars(plan));
            Path out = Files.createDirectories(work.resolve(e.name()));
            List<String> cmd = new ArrayList<>(List.of("ansible-playbook", "-i", e.inventory().toAbsolutePath().toString(),
                    Path.of("playbooks/render-templates.yml").toAbsolutePath().toString(), "-e", "@" + vars, "-e", "out=" + out,
                    "-e", "ansible_become=false", "-e", "ansible_python_interpreter=/usr/bin/python3"));
            e.vaultPassword().ifPresent(p -> { cmd.add("--vault-password-file"); cmd.add(p.toAbsolutePath().toString()); });
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(work.resolve(e.name() + ".log").toFile());
            pb.environment().put("ANSIBLE_NOCOLOR", "1");
            pb.environment().put("ANSIBLE_FORKS", "12");
            int rc = pb.start().waitFor();
            String log = Files.readString(work.resolve(e.name() + ".log"));
            assertThat(rc).as(log).isZero();
            for (HostPlan h : plan.hosts()) {
                for (PlannedFile f : h.files()) {
                    // TLS stores are made on this machine, not rendered from a template
                    if (f.binary()) continue;
                    String file = Path.of(f.path()).getFileName().toString();
                    tests.add(DynamicTest.dynamicTest(e.name() + " " + h.host() + " " + file, () ->
                            assertThat(f.content()).isEqualTo(Files.readString(out.resolve(h.host()).resolve(file)))));
                }
            }
        }
        return tests.stream();
    }
}
