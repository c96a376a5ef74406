package io.kafkaops.orchestrator.cli;

import io.kafkaops.orchestrator.Workspace;

import io.kafkaops.orchestrator.BadInput;
import io.kafkaops.orchestrator.cluster.VariableResolver;
import io.kafkaops.orchestrator.plan.ProvisionPlan;
import io.kafkaops.orchestrator.install.Artifact;
import io.kafkaops.orchestrator.provision.ProvisionDiff;
import io.kafkaops.orchestrator.provision.Provisioner;
import io.kafkaops.orchestrator.ssh.HostKeyPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "provision", mixinStandardHelpOptions = true,
        description = "Install ZooKeeper and Kafka over SSH: read facts, show what differs, apply ZooKeeper first then brokers, check health. Never deletes data.")
public final class ProvisionCommand implements Callable<Integer> {
    @Mixin InventoryOptions inventory;

    @Option(names = "--dry-run", description = "read facts and print the changes, then stop")
    boolean dryRun;

    @Option(names = "--artifacts", paramLabel = "DIR", description = "folder with the official tarballs and their .sha512 files (default: inventory variable artifact_dir)")
    Path artifacts;

    @Option(names = "--forks", defaultValue = "10", description = "hosts worked on in parallel (default ${DEFAULT-VALUE})")
    int forks;

    @Option(names = "--accept-new-host-keys", description = "add unknown SSH host keys to known_hosts on first contact (a changed key is always refused)")
    boolean acceptNewHostKeys;

    @Option(names = "--health-timeout", defaultValue = "180", paramLabel = "SECONDS", description = "how long to wait for the ensemble and the brokers to be healthy")
    int healthTimeout;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        Workspace ws = inventory.workspace();
        ProvisionPlan plan = ws.plan();
        VariableResolver vars = ws.variables();
        Path dir = artifacts != null ? artifacts : vars.resolve(plan.hosts().get(0).host(), "artifact_dir")
                .map(v -> Path.of(String.valueOf(v).replaceFirst("^~", System.getProperty("user.home"))))
                .orElseThrow(() -> new BadInput(String.valueOf(ws.inventory().source()), null, "no artifact folder given",
                        "pass --artifacts DIR (holding " + plan.cluster().kafka().tarballName() + " and its .sha512) or set artifact_dir in the inventory"));
        var zk = plan.cluster().zookeeper();
        var kafka = plan.cluster().kafka();
        ProvisionDiff.Install zkInstall = new ProvisionDiff.Install(zk.installDir(), Artifact.find(dir, zk.tarballName(), "artifact_dir"));
        ProvisionDiff.Install kafkaInstall = new ProvisionDiff.Install(kafka.installDir(), Artifact.find(dir, kafka.tarballName(), "artifact_dir"));
        var options = new Provisioner.Options(dryRun, forks, acceptNewHostKeys ? HostKeyPolicy.ACCEPT_NEW : HostKeyPolicy.STRICT,
                Duration.ofSeconds(healthTimeout));
        plan.warnings().forEach(w -> spec.commandLine().getOut().println("warning: " + w.message()));
        return new Provisioner(plan, vars, zkInstall, kafkaInstall, options, spec.commandLine().getOut()).run();
    }
}
