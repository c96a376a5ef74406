package io.kafkaops.orchestrator.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layers of docs/architecture.md, read from the import lines (and inline qualified names) of the main sources:
 * cli -> use cases -> adapters -> domain, dependencies pointing inward, no package cycles. A new package must be
 * placed in {@link #LAYER} before it compiles past this test.
 */
class LayeringTest {
    static final String BASE = "io.kafkaops.orchestrator";
    static final Path MAIN = Path.of("orchestrator/src/main/java/io/kafkaops/orchestrator");

    /** Inner to outer; the workspace (the user's files, loaded through the inventory and template adapters) is the use cases' input. */
    enum Layer { BASE, DOMAIN, ADAPTER, WORKSPACE, USE_CASE, CLI }

    /** Package (or, in the root package, class) -> layer. */
    static final Map<String, Layer> LAYER = Map.ofEntries(
            Map.entry("cli", Layer.CLI),
            Map.entry("Workspace", Layer.WORKSPACE),
            Map.entry("upgrade", Layer.USE_CASE), Map.entry("provision", Layer.USE_CASE), Map.entry("roll", Layer.USE_CASE),
            Map.entry("secure", Layer.USE_CASE),
            Map.entry("ssh", Layer.ADAPTER), Map.entry("host", Layer.ADAPTER), Map.entry("kafka", Layer.ADAPTER),
            Map.entry("zookeeper", Layer.ADAPTER), Map.entry("template", Layer.ADAPTER), Map.entry("lab", Layer.ADAPTER),
            Map.entry("dist", Layer.ADAPTER), Map.entry("lease", Layer.ADAPTER), Map.entry("tls", Layer.ADAPTER),
            Map.entry("version", Layer.DOMAIN), Map.entry("gate", Layer.DOMAIN), Map.entry("plan", Layer.DOMAIN),
            Map.entry("cluster", Layer.DOMAIN), Map.entry("profile", Layer.DOMAIN), Map.entry("install", Layer.DOMAIN),
            Map.entry("inventory", Layer.DOMAIN), Map.entry("security", Layer.DOMAIN),
            Map.entry("BadInput", Layer.BASE), Map.entry("DataFile", Layer.BASE), Map.entry("Home", Layer.BASE),
            Map.entry("SourceRef", Layer.BASE), Map.entry("Pause", Layer.BASE));

    /**
     * Within the use cases: the roll engine is below upgrade (and later the ZooKeeper and controller rolls); the migration
     * (upgrade) provisions its controllers with provision's own code; provision uses neither.
     */
    static final Map<String, Set<String>> USE_CASE_MAY_USE = Map.of(
            "roll", Set.of(), "provision", Set.of("secure"), "upgrade", Set.of("roll", "provision"), "secure", Set.of("roll"));

    /** Libraries that mean I/O with a cluster or a host: the pure domain never touches them (file loaders are allowed and named *.load). */
    static final List<String> NOT_IN_DOMAIN = List.of("org.apache.kafka.", "org.apache.zookeeper.", "net.schmizz.", "com.hierynomus.", "com.hubspot.jinjava.", "java.net.",
            "picocli.");

    /** The CLI parses options and calls a use case: it opens no SSH session, makes no Kafka client, runs no thread pool. */
    static final List<String> NOT_IN_CLI = List.of("org.apache.kafka.", "net.schmizz.", "java.util.concurrent.Executor", BASE + ".ssh.SshRemoteHost",
            BASE + ".ssh.RemoteHost", BASE + ".kafka.KafkaClients", BASE + ".kafka.SnapshotCollector");

    private static final Pattern REFERENCE = Pattern.compile("\\b" + Pattern.quote(BASE) + "\\.([a-z]\\w*(?:\\.[a-z]\\w*)*)?\\.?([A-Z]\\w*)");

    record Source(String unit, Path file, String text) {}

    static List<Source> sources() throws IOException {
        List<Source> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                out.add(new Source(unitOf(f), f, Files.readString(f)));
            }
        }
        return out;
    }

    /** The package below the base, or for a root class its name. */
    static String unitOf(Path file) {
        Path rel = MAIN.relativize(file);
        if (rel.getNameCount() == 1) return rel.toString().replace(".java", "");
        return rel.getName(0).toString();
    }

    /** Units this source refers to by qualified name (imports, static imports, inline names). */
    static Set<String> references(Source s) {
        Set<String> out = new TreeSet<>();
        String code = s.text().replaceAll("(?m)^package .*$", "");
        Matcher m = REFERENCE.matcher(code);
        while (m.find()) {
            String pkg = m.group(1);
            String unit = pkg == null ? m.group(2) : pkg.split("\\.")[0];
            if (!unit.equals(s.unit())) out.add(unit);
        }
        return out;
    }

    /** Every rule broken, one sentence each; empty when the tree is layered. */
    static List<String> violations(List<Source> sources) {
        List<String> broken = new ArrayList<>();
        Map<String, Set<String>> graph = new TreeMap<>();
        for (Source s : sources) {
            Layer from = LAYER.get(s.unit());
            if (from == null) {
                broken.add(s.file() + ": package '" + s.unit() + "' has no layer; add it to LayeringTest.LAYER");
                continue;
            }
            for (String unit : references(s)) {
                graph.computeIfAbsent(s.unit(), k -> new TreeSet<>()).add(unit);
                Layer to = LAYER.get(unit);
                if (to == null) continue; // reported for its own files
                String edge = s.file().getFileName() + " (" + from + " " + s.unit() + ") imports " + unit + " (" + to + ")";
                if (to == Layer.CLI) broken.add(edge + ": nothing may import the CLI");
                else if (to.ordinal() > from.ordinal()) broken.add(edge + ": dependencies point inward only");
                else if (from == Layer.USE_CASE && to == Layer.USE_CASE && !USE_CASE_MAY_USE.getOrDefault(s.unit(), Set.of()).contains(unit)) {
                    broken.add(edge + ": this use case may use only " + USE_CASE_MAY_USE.getOrDefault(s.unit(), Set.of()));
                }
            }
            if (from == Layer.DOMAIN || from == Layer.BASE) {
                for (String lib : NOT_IN_DOMAIN) {
                    if (Pattern.compile("(?m)^import (static )?" + Pattern.quote(lib)).matcher(s.text()).find() || s.text().contains(" " + lib)) {
                        broken.add(s.file().getFileName() + " (" + from + " " + s.unit() + ") uses " + lib + "*: the domain does no cluster or host I/O");
                    }
                }
            }
        }
        for (Source s : sources) {
            if (LAYER.get(s.unit()) != Layer.CLI) continue;
            for (String banned : NOT_IN_CLI) {
                if (s.text().contains(banned)) broken.add(s.file().getFileName() + " (CLI) uses " + banned + ": commands only parse options and call a use case");
            }
        }
        cycles(graph).forEach(c -> broken.add("package cycle: " + String.join(" -> ", c)));
        return broken;
    }

    /** Strongly connected components of more than one unit (Tarjan), each as a closed path. */
    static List<List<String>> cycles(Map<String, Set<String>> graph) {
        List<List<String>> out = new ArrayList<>();
        Map<String, Integer> index = new TreeMap<>(), low = new TreeMap<>();
        List<String> stack = new ArrayList<>();
        int[] counter = {0};
        for (String v : graph.keySet()) if (!index.containsKey(v)) strong(v, graph, index, low, stack, counter, out);
        return out;
    }

    private static void strong(String v, Map<String, Set<String>> g, Map<String, Integer> index, Map<String, Integer> low, List<String> stack,
                               int[] counter, List<List<String>> out) {
        index.put(v, counter[0]);
        low.put(v, counter[0]++);
        stack.add(v);
        for (String w : g.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                strong(w, g, index, low, stack, counter, out);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (stack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            List<String> component = new ArrayList<>();
            String w;
            do {
                w = stack.remove(stack.size() - 1);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                component.add(component.get(0));
                out.add(component);
            }
        }
    }

    @Test
    void theTreeIsLayered() throws IOException {
        assertThat(violations(sources())).isEmpty();
    }

    @Test
    void aDomainClassImportingAnAdapterIsCaught() {
        Source gate = new Source("gate", Path.of("gate/BrokerGate.java"),
                "package io.kafkaops.orchestrator.gate;\nimport io.kafkaops.orchestrator.ssh.RemoteHost;\nimport org.apache.kafka.clients.admin.Admin;\n");
        Source ssh = new Source("ssh", Path.of("ssh/RemoteHost.java"), "package io.kafkaops.orchestrator.ssh;\nimport io.kafkaops.orchestrator.gate.BrokerGate;\n");
        assertThat(violations(List.of(gate, ssh))).containsExactly(
                "BrokerGate.java (DOMAIN gate) imports ssh (ADAPTER): dependencies point inward only",
                "BrokerGate.java (DOMAIN gate) uses org.apache.kafka.*: the domain does no cluster or host I/O",
                "package cycle: ssh -> gate -> ssh");
    }

    @Test
    void aCommandThatMakesItsOwnKafkaClientIsCaught() {
        Source demo = new Source("cli", Path.of("cli/DemoCommand.java"), "package io.kafkaops.orchestrator.cli;\nimport org.apache.kafka.clients.admin.Admin;\n");
        assertThat(violations(List.of(demo))).containsExactly(
                "DemoCommand.java (CLI) uses org.apache.kafka.: commands only parse options and call a use case");
    }

    @Test
    void theCliIsImportedByNobodyAndTheEngineDoesNotCallUpIntoUpgrade() {
        Source roll = new Source("roll", Path.of("roll/BrokerRoll.java"),
                "package io.kafkaops.orchestrator.roll;\nimport io.kafkaops.orchestrator.upgrade.PhaseChange;\nimport io.kafkaops.orchestrator.cli.Main;\n");
        assertThat(violations(List.of(roll))).containsExactly(
                "BrokerRoll.java (USE_CASE roll) imports cli (CLI): nothing may import the CLI",
                "BrokerRoll.java (USE_CASE roll) imports upgrade (USE_CASE): this use case may use only []");
    }
}
