package io.kafkaops.orchestrator.cli;

import io.kafkaops.orchestrator.BadInput;
import io.kafkaops.orchestrator.Workspace;

import io.kafkaops.orchestrator.cluster.Cluster;
import io.kafkaops.orchestrator.cluster.ClusterRules;
import io.kafkaops.orchestrator.cluster.ClusterTable;
import io.kafkaops.orchestrator.cluster.Finding;
import io.kafkaops.orchestrator.inventory.AnsibleInventory;
import io.kafkaops.orchestrator.inventory.InventoryLoader;
import io.kafkaops.orchestrator.inventory.InventoryReport;
import io.kafkaops.orchestrator.inventory.Vault;
import io.kafkaops.orchestrator.inventory.VaultValue;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;

@Command(name = "inventory", mixinStandardHelpOptions = true,
        description = "Read an Ansible inventory (file or directory) and print it as ansible-inventory does.")
public final class InventoryCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Mixin
    InventoryOptions options;

    @Option(names = "--output", defaultValue = "text", paramLabel = "text|json", description = "cluster view as a table or JSON")
    String output;

    @ArgGroup(exclusive = true)
    Action action;

    static final class Action {
        @Option(names = "--list", description = "Print all groups and hosts as JSON (like ansible-inventory --list).")
        boolean list;

        @Option(names = "--graph", arity = "0..1", fallbackValue = "all", paramLabel = "GROUP",
                description = "Print the group tree (like ansible-inventory --graph [GROUP]).")
        String graph;

        @Option(names = "--host", paramLabel = "HOST", description = "Print one host's variables as JSON.")
        String host;
    }

    @Override
    public void run() {
        if (!List.of("text", "json").contains(output)) throw new BadInput("unknown --output " + output, "use --output text or --output json");
        AnsibleInventory inventory = InventoryLoader.load(options.inventory);
        if (options.vaultPasswordFile != null) {
            // a wrong password must stop us here, naming the variable, not later on a host
            for (VaultValue v : inventory.vaultValues()) Vault.decrypt(v, options.vaultPasswordFile);
        }
        PrintWriter out = spec.commandLine().getOut();
        InventoryReport report = new InventoryReport(inventory);
        if (action != null) {
            // what ansible-inventory prints on stderr for the same input (the cluster view lists them as findings)
            inventory.replaced().stream().flatMap(r -> r.ansibleWarning().stream()).distinct()
                    .forEach(w -> spec.commandLine().getErr().println("[WARNING]: " + w));
            inventory.warnings().forEach(w -> spec.commandLine().getErr().println("[WARNING]: " + w));
        }
        if (action == null) {
            printCluster(out);
        } else if (action.list) {
            out.println(InventoryReport.json(report.list()));
        } else if (action.graph != null) {
            out.println(report.graph(action.graph));
        } else {
            out.println(InventoryReport.json(report.host(action.host)));
        }
        out.flush();
    }

    /** The cluster as the tool understands it: roles, ids and where they came from, rack, profile, address. */
    private void printCluster(PrintWriter out) {
        Workspace ws = options.workspace();
        Cluster cluster = ws.cluster();
        List<Finding> findings = ClusterRules.check(cluster);
        out.print("json".equals(output) ? ClusterTable.json(cluster, findings) : ClusterTable.text(cluster, findings));
    }
}
