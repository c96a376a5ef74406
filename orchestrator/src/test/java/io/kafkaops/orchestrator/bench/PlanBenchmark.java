package io.kafkaops.orchestrator.bench;

import io.kafkaops.orchestrator.Workspace;
import io.kafkaops.orchestrator.cluster.GroupMapping;
import io.kafkaops.orchestrator.plan.ProvisionPlan;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark, not a test of speed: loads, validates and renders every template for a generated
 * 1,000-host inventory in-process and prints the wall time. Run with
 * `mvn -o -B test -Dgroups=benchmark -Dexcluded.groups=none -Dtest=PlanBenchmark`.
 */
@Tag("benchmark")
class PlanBenchmark {
    static final int BROKERS = 995;
    static final int ZOOKEEPER = 5;

    @Test
    void planOfAThousandHosts() throws Exception {
        Path dir = Files.createTempDirectory("bench-inv");
        StringBuilder inv = new StringBuilder("all:\n  vars:\n    hardware_profile: large\n  children:\n    zookeeper:\n      hosts:\n");
        for (int i = 1; i <= ZOOKEEPER; i++) inv.append("        zk").append(i).append(": {ansible_host: 10.1.0.").append(i).append(", rack: az").append(i % 3).append("}\n");
        inv.append("    kafka:\n      hosts:\n");
        for (int i = 1; i <= BROKERS; i++) {
            inv.append("        kafka").append(String.format("%04d", i)).append(": {ansible_host: 10.2.").append(i / 250).append('.').append(i % 250 + 1)
                    .append(", broker_rack: az").append(i % 3).append("}\n");
        }
        Path file = Files.writeString(dir.resolve("hosts.yml"), inv.toString());
        for (int round = 1; round <= 5; round++) {
            long start = System.nanoTime();
            Workspace ws = Workspace.load(file, GroupMapping.none(), Optional.empty());
            long loaded = System.nanoTime();
            var cluster = ws.cluster();
            long read = System.nanoTime();
            ProvisionPlan plan = ws.plan();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("[bench]   load %.2f s, cluster %.2f s, plan (cluster again + validate + render) %.2f s%n",
                    (loaded - start) / 1e9, (read - loaded) / 1e9, (System.nanoTime() - read) / 1e9);
            int files = plan.hosts().stream().mapToInt(h -> h.files().size()).sum();
            System.out.printf("[bench] round %d: %d hosts, %d files rendered and validated in %.2f s%n", round, plan.hosts().size(), files, seconds);
            assertThat(plan.hosts()).hasSize(BROKERS + ZOOKEEPER);
        }
    }
}
