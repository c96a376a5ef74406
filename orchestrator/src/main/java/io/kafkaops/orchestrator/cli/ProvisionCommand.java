package io.kafkaops.orchestrator.cli;

import io.kafkaops.orchestrator.Workspace;
import io.kafkaops.orchestrator.cluster.Cluster;
import io.kafkaops.orchestrator.plan.ProvisionPlan;
import io.kafkaops.orchestrator.provision.ArtifactFolder;
import io.kafkaops.orchestrator.provision.ClusterAccess;
import io.kafkaops.orchestrator.provision.ProvisionCluster;
import io.kafkaops.orchestrator.provision.ProvisionDiff.Install;
import io.kafkaops.orchestrator.ssh.HostKeyPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "provision", mixinStandardHelpOptions = true,
        description = "Install ZooKeeper and Kafka over SSH: read facts, show what differs, apply ZooKeeper first then brokers,"
                + " check health. Never deletes data.")
public final class ProvisionCommand implements Callable<Integer> {
    @Mixin InventoryOptions inventory;

    @Option(names = "--dry-run", description = "read facts and print the changes, then stop")
    boolean dryRun;

    @Option(names = "--artifacts", paramLabel = "DIR",
            description = "folder with the official tarballs and their .sha512 files (default: inventory variable artifact_dir)")
    Path artifacts;

    @Option(names = "--forks", defaultValue = "10", description = "hosts worked on in parallel (default ${DEFAULT-VALUE})")
    int forks;

    @Option(names = "--accept-new-host-keys",
            description = "add unknown SSH host keys to known_hosts on first contact (a changed key is always refused)")
    boolean acceptNewHostKeys;

    @Option(names = "--health-timeout", defaultValue = "180", paramLabel = "SECONDS",
            description = "how long to wait for the ensemble and the brokers to be healthy")
    int healthTimeout;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        Workspace ws = inventory.workspace();
        ProvisionPlan plan = ws.plan();
        Cluster cluster = plan.cluster();
        Path dir = ArtifactFolder.resolve(artifacts, ws, plan.hosts().get(0).host(), cluster.kafka().tarballName());
        Install zookeeper = Install.from(dir, cluster.zookeeper().installDir(), cluster.zookeeper().tarballName());
        Install kafka = Install.from(dir, cluster.kafka().installDir(), cluster.kafka().tarballName());
        HostKeyPolicy hostKeys = acceptNewHostKeys ? HostKeyPolicy.ACCEPT_NEW : HostKeyPolicy.STRICT;
        ClusterAccess access = ClusterAccess.overNetwork(cluster, ws.variables(), hostKeys, ws.kafka(cluster));
        var options = new ProvisionCluster.Options(dryRun, forks, Duration.ofSeconds(healthTimeout));
        PrintWriter out = spec.commandLine().getOut();
        plan.warnings().forEach(w -> out.println("warning: " + w.message()));
        return new ProvisionCluster(plan, zookeeper, kafka, options, access, out).run();
    }
}
