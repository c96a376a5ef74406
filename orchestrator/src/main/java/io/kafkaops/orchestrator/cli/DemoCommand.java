package io.kafkaops.orchestrator.cli;

import io.kafkaops.orchestrator.Workspace;
import io.kafkaops.orchestrator.cluster.GroupMapping;
import io.kafkaops.orchestrator.kafka.KafkaClients;
import io.kafkaops.orchestrator.kafka.KafkaConnection;
import io.kafkaops.orchestrator.kafka.LoadGenerator;
import io.kafkaops.orchestrator.lab.Lab;
import io.kafkaops.orchestrator.dist.Distributions;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "The whole story on this machine: lab up (3 ZooKeeper + 3 brokers), provision Kafka 2.1.1, run an idempotent acks=all "
                + "producer and a consumer, upgrade to 2.6.3 through both phases, then report timings and every message. Linux + root.")
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--inventory", defaultValue = "inventory/lab.yml", description = "the lab inventory (default ${DEFAULT-VALUE})")
    Path inventory;

    @Option(names = "--to", defaultValue = "2.6.3", description = "version to upgrade to (default ${DEFAULT-VALUE})")
    String to;

    @Option(names = "--rate", defaultValue = "300", description = "messages per second the producer sends (default ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--lab-name", defaultValue = "lab", description = "lab name for `lab up` (default ${DEFAULT-VALUE})")
    String labName;

    @Option(names = "--subnet", defaultValue = io.kafkaops.orchestrator.lab.Subnet.DEFAULT, description = "lab subnet (default ${DEFAULT-VALUE})")
    String subnet;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path artifacts = Distributions.kafka("2.1.1").getParent();
        Distributions.kafka(to);
        Distributions.zookeeper("3.8.4");
        out.println("== distributions ready in " + artifacts);
        // The demo tells the story from new hosts: its lab left by an earlier demo (already at the target version) is rebuilt.
        if (Files.exists(new Lab(line -> { }).dir(labName))) {
            out.println("== lab '" + labName + "' exists from an earlier run: the demo rebuilds it from new hosts");
            if (step(out, "lab", "down", "--name", labName) != 0) return 1;
        }
        if (step(out, "lab", "up", "--name", labName, "--subnet", subnet, inventory.toString()) != 0) return 1;
        if (step(out, "provision", inventory.toString(), "--artifacts", artifacts.toString(), "--health-timeout", "180") != 0) return 1;

        Workspace ws = Workspace.load(inventory, GroupMapping.none(), Optional.empty());
        KafkaConnection kafka = ws.kafka(ws.cluster());
        try (Admin admin = KafkaClients.admin(kafka, KafkaClients.CHECKING)) {
            admin.createTopics(List.of(new NewTopic("demo-orders", 3, (short) 3).configs(Map.of("min.insync.replicas", "2"))))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) throw e;
        }
        out.println("== topic demo-orders (3 partitions, RF 3, min ISR 2); producer (acks=all, idempotent, " + rate + " msg/s) and consumer started");
        out.flush();
        LoadGenerator traffic = new LoadGenerator(kafka, "demo-orders", "demo-consumer", rate).start();
        Thread.sleep(5000);
        StringWriter captured = new StringWriter();
        long start = System.nanoTime();
        int upgraded = step(out, captured, "upgrade", inventory.toString(), "--to", to, "--yes-finalize", "--artifacts", artifacts.toString());
        double upgradeSeconds = (System.nanoTime() - start) / 1e9;
        LoadGenerator.Report report = traffic.finish(Duration.ofSeconds(90));

        out.println();
        out.println("================ demo report ================");
        List<String> lines = captured.toString().lines().toList();
        lines.stream().filter(l -> l.matches("\\[\\S+\\] broker \\d+ runs .*")).forEach(l -> out.println("before: " + l));
        String phase = "";
        for (String l : lines) {
            if (l.matches("\\[phase \\d+ [a-z ]+\\] phase \\d+, .*")) phase = l.substring(0, l.indexOf(']') + 1);
            if (l.startsWith("BROKER ") || l.matches("\\d+\\s+\\S+\\s+[0-9.]+s.*") || l.startsWith("[bench]")) out.println(phase + " " + l);
        }
        lines.stream().filter(l -> l.matches("\\[\\S+\\] broker \\d+ now runs .*")).forEach(l -> out.println("after:  " + l));
        lines.stream().filter(l -> l.startsWith("[verify]")).forEach(out::println);
        out.printf("upgrade wall time %.1f s; result: %s%n", upgradeSeconds, upgraded == 0 ? "done" : "HALTED (see above)");
        out.println("messages: " + report.describe());
        out.println(report.clean() ? "every acknowledged message was consumed once, at its offset" : "MESSAGES WERE LOST OR DUPLICATED");
        out.println("the lab keeps running; tear it down with: orchestrator lab down" + (labName.equals("lab") ? "" : " --name " + labName));
        out.flush();
        return upgraded == 0 && report.clean() ? 0 : 1;
    }

    private int step(PrintWriter out, String... args) { return step(out, new StringWriter(), args); }

    /** Runs one orchestrator command in-process, its output shown live and kept for the report. */
    private int step(PrintWriter out, StringWriter keep, String... args) {
        out.println("== orchestrator " + String.join(" ", args));
        out.flush();
        Writer both = new Writer() {
            @Override
            public void write(char[] c, int off, int len) {
                out.write(c, off, len);
                keep.write(c, off, len);
            }

            @Override
            public void flush() { out.flush(); }

            @Override
            public void close() {}
        };
        return Main.execute(new ArrayList<>(List.of(args)).toArray(String[]::new), new PrintWriter(both, true), spec.commandLine().getErr());
    }
}
