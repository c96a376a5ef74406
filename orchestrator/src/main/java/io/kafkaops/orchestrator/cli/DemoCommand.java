package io.kafkaops.orchestrator.cli;

import io.kafkaops.orchestrator.Workspace;
import io.kafkaops.orchestrator.cluster.Cluster;
import io.kafkaops.orchestrator.cluster.GroupMapping;
import io.kafkaops.orchestrator.dist.Distributions;
import io.kafkaops.orchestrator.gate.GateSettings;
import io.kafkaops.orchestrator.lab.Lab;
import io.kafkaops.orchestrator.lab.Subnet;
import io.kafkaops.orchestrator.roll.RollReport;
import io.kafkaops.orchestrator.ssh.HostKeyPolicy;
import io.kafkaops.orchestrator.lease.Invocation;
import io.kafkaops.orchestrator.upgrade.RollingUpgrade;
import io.kafkaops.orchestrator.upgrade.UpgradeUnderLoad;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "The whole story on this machine: lab up (3 ZooKeeper + 3 brokers), "
                + "provision the inventory's Kafka (2.1.1), run an idempotent "
                + "acks=all producer and a consumer, upgrade to 2.6.3 through every phase, "
                + "then report timings and every message. Linux + root.")
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--inventory", defaultValue = "inventory/lab.yml", description = "the lab inventory (default ${DEFAULT-VALUE})")
    Path inventory;

    @Option(names = "--to", defaultValue = "2.6.3", description = "version to upgrade to (default ${DEFAULT-VALUE})")
    String to;

    @Option(names = "--rate", defaultValue = "300", description = "messages per second the producer sends (default ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--lab-name", defaultValue = "lab", description = "lab name for `lab up` (default ${DEFAULT-VALUE})")
    String labName;

    @Option(names = "--subnet", defaultValue = Subnet.DEFAULT, description = "lab subnet (default ${DEFAULT-VALUE})")
    String subnet;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Workspace ws = Workspace.load(inventory, GroupMapping.none(), Optional.empty());
        Cluster cluster = ws.cluster();
        // the versions are the inventory's (kafka_version, else upgrade/versions.yml's defaults) and --to
        Path artifacts = Distributions.kafka(cluster.kafka().version()).getParent();
        Distributions.kafka(to);
        Distributions.zookeeper(cluster.zookeeper().version());
        out.println("== distributions ready in " + artifacts);
        // The demo tells the story from new hosts: its lab left by an earlier demo (already at the target version) is rebuilt.
        if (Files.exists(new Lab(line -> { }).dir(labName))) {
            out.println("== lab '" + labName + "' exists from an earlier run: the demo rebuilds it from new hosts");
            if (step(out, "lab", "down", "--name", labName) != 0) return 1;
        }
        if (step(out, "lab", "up", "--name", labName, "--subnet", subnet, inventory.toString()) != 0) return 1;
        if (step(out, "provision", inventory.toString(), "--artifacts", artifacts.toString(), "--health-timeout", "180") != 0) return 1;

        String again = "orchestrator upgrade " + inventory + " --to " + to + " --yes-finalize --artifacts " + artifacts;
        var request = new RollingUpgrade.Request(inventory, to, false, true, Optional.of(artifacts), GateSettings.defaults(),
                HostKeyPolicy.STRICT, again, new Invocation("orchestrator demo (" + again + ")", "orchestrator unlock " + inventory),
                RollingUpgrade.Output.TEXT);
        UpgradeUnderLoad.Report report = UpgradeUnderLoad.run(ws, request, "demo-orders", "demo-consumer", rate, out,
                spec.commandLine().getErr());
        print(report, out);
        return report.upgrade().done() && report.messages().clean() ? 0 : 1;
    }

    /** The report, from the outcomes themselves: what ran before and after, every roll's timings, the verification, the messages. */
    private void print(UpgradeUnderLoad.Report report, PrintWriter out) {
        RollingUpgrade.Result result = report.upgrade();
        out.println();
        out.println("================ demo report ================");
        result.before().forEach((id, st) -> out.println("before: [" + result.hosts().get(id) + "] broker " + id + " runs " + st));
        for (RollingUpgrade.PhaseRoll roll : result.rolls()) RollReport.lines(roll.outcome())
                .forEach(l -> out.println("[" + roll.title() + "] " + l));
        result.after().forEach((id, st) -> out.println("after:  [" + result.hosts().get(id) + "] broker " + id + " now runs " + st));
        result.verification().forEach(out::println);
        out.printf("upgrade wall time %.1f s; result: %s%n", report.upgradeTime().toMillis() / 1000.0, result.done()
                ? "done" : "HALTED (see above)");
        out.println("messages: " + report.messages().describe());
        out.println(report.messages().clean()
                ? "every acknowledged message was consumed once, at its offset" : "MESSAGES WERE LOST OR DUPLICATED");
        out.println("the lab keeps running; tear it down with: orchestrator lab down"
                + (labName.equals("lab") ? "" : " --name " + labName));
        out.flush();
    }

    /** Runs one orchestrator command in-process, its output shown live; only its exit code is read. */
    private int step(PrintWriter out, String... args) {
        out.println("== orchestrator " + String.join(" ", args));
        out.flush();
        return Main.execute(args, out, spec.commandLine().getErr());
    }
}
