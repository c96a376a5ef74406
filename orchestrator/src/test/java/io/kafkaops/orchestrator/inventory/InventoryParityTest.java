package io.kafkaops.orchestrator.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every folder under inventories/ is read by the real `ansible-inventory` and by us; --list and
 * --host must be equal as data, --graph equal as text. The folder holds exactly one inventory
 * entry (a file, or a directory for directory inventories) beside SOURCE, group_vars/, host_vars/.
 */
class InventoryParityTest {
    static final Path CORPUS = Path.of("orchestrator/src/test/resources/inventories");
    // ansible-inventory prints Python's bare Infinity/NaN for float overflow
    static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    @Test
    void corpusHasAtLeastFifteenInventoriesOfWhichEightArePublished() throws IOException {
        List<Path> cases = cases();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(15);
        long published = cases.stream().filter(c -> Files.exists(c.resolve("SOURCE"))).count();
        assertThat(published).isGreaterThanOrEqualTo(8);
        for (Path c : cases) {
            if (Files.exists(c.resolve("SOURCE"))) {
                assertThat(Files.readString(c.resolve("SOURCE"))).contains("repo:").contains("path:").containsPattern("commit: [0-9a-f]{40}");
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> ansibleInventoryAndWeAgree() throws IOException {
        Assumptions.assumeTrue(ansibleInstalled(), "ansible-inventory is not installed");
        return cases().stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            Path inventory = entry(dir);
            AnsibleInventory ours = InventoryLoader.load(inventory);
            InventoryReport report = new InventoryReport(ours);

            JsonNode expectedList = JSON.readTree(ansible(inventory, "--list"));
            JsonNode actualList = JSON.readTree(InventoryReport.json(report.list()));
            assertThat(actualList).as("--list of %s", inventory).isEqualTo(expectedList);

            assertThat(report.graph("all")).as("--graph of %s", inventory).isEqualTo(ansible(inventory, "--graph").stripTrailing());

            for (JsonNode child : expectedList.path("all").path("children")) {
                if (child.asText().equals("ungrouped")) continue;
                assertThat(report.graph(child.asText())).as("--graph %s of %s", child.asText(), inventory)
                        .isEqualTo(ansible(inventory, "--graph", child.asText()).stripTrailing());
                break;
            }

            Iterator<String> hosts = expectedList.path("_meta").path("hostvars").fieldNames();
            String host = hosts.hasNext() ? hosts.next() : ours.hosts().isEmpty() ? null : ours.hosts().get(0);
            if (host != null) {
                JsonNode expectedHost = JSON.readTree(ansible(inventory, "--host", host));
                assertThat(JSON.readTree(InventoryReport.json(report.host(host)))).as("--host %s of %s", host, inventory)
                        .isEqualTo(expectedHost);
            }
        }));
    }

    static List<Path> cases() throws IOException {
        try (Stream<Path> s = Files.list(CORPUS)) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }

    static Path entry(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> entries = s.filter(p -> !List.of("SOURCE", "group_vars", "host_vars").contains(p.getFileName().toString())).toList();
            assertThat(entries).as("inventory entries in %s", dir).hasSize(1);
            return entries.get(0);
        }
    }

    static boolean ansibleInstalled() {
        try {
            return new ProcessBuilder("ansible-inventory", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Runs the real ansible-inventory; parse failures fail loudly instead of yielding an empty inventory. */
    static String ansible(Path inventory, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ansible-inventory", "-i", inventory.toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("ANSIBLE_INVENTORY_UNPARSED_FAILED", "true");
        pb.environment().put("ANSIBLE_NOCOLOR", "1");
        pb.directory(Files.createTempDirectory("ansible-parity").toFile());
        Path err = Files.createTempFile("ansible-parity", ".err");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("ansible-inventory %s failed: %s", args, Files.readString(err)).isZero();
        return out;
    }
}
