package io.kafkaops.orchestrator.cli;

import io.kafkaops.orchestrator.BadInput;
import io.kafkaops.orchestrator.inventory.AnsibleInventory;
import io.kafkaops.orchestrator.inventory.InventoryLoader;
import io.kafkaops.orchestrator.inventory.InventoryReport;
import io.kafkaops.orchestrator.inventory.Vault;
import io.kafkaops.orchestrator.inventory.VaultValue;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;

@Command(name = "inventory", mixinStandardHelpOptions = true,
        description = "Read an Ansible inventory (file or directory) and print it as ansible-inventory does.")
public final class InventoryCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INVENTORY", description = "Inventory file (INI or YAML) or directory.")
    Path inventoryPath;

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

    @Option(names = "--vault-password-file", paramLabel = "FILE",
            description = "Check every !vault value decrypts with the password in FILE.")
    Path vaultPasswordFile;

    @Override
    public void run() {
        AnsibleInventory inventory = InventoryLoader.load(inventoryPath);
        if (vaultPasswordFile != null) {
            // a wrong password must stop us here, naming the variable, not later on a host
            for (VaultValue v : inventory.vaultValues()) Vault.decrypt(v, vaultPasswordFile);
        }
        PrintWriter out = spec.commandLine().getOut();
        InventoryReport report = new InventoryReport(inventory);
        if (action == null) {
            printCluster(inventory);
        } else if (action.list) {
            out.println(InventoryReport.json(report.list()));
        } else if (action.graph != null) {
            out.println(report.graph(action.graph));
        } else {
            out.println(InventoryReport.json(report.host(action.host)));
        }
        out.flush();
    }

    /** The cluster view of the inventory (brokers, ZooKeeper/controllers); filled in by the cluster model. */
    void printCluster(AnsibleInventory inventory) {
        throw new BadInput("not implemented", "use --list");
    }
}
