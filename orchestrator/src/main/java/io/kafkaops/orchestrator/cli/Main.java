package io.kafkaops.orchestrator.cli;

import io.kafkaops.orchestrator.BadInput;
import io.kafkaops.orchestrator.lease.LeaseHeld;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

@Command(name = "orchestrator", mixinStandardHelpOptions = true, version = "orchestrator 0.1.0",
        description = "Provision and upgrade ZooKeeper + Kafka clusters over SSH from an Ansible inventory.",
        subcommands = {InventoryCommand.class, PlanCommand.class, ProvisionCommand.class, LabCommand.class, DistCommand.class,
                RestartCommand.class, UpgradeCommand.class, SecureCommand.class, ClientConfigCommand.class, DemoCommand.class,
                UnlockCommand.class},
        footer = {"", "Exit codes: 0 done; 1 halted or refused (the state and the command to resume are printed); 2 bad input "
                + "(nothing touched); 3 another operation holds the cluster's lease (nothing touched)."})
public final class Main implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI in-process (tests use this); bad input is exit 2 with no stack trace. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cmd = new CommandLine(new Main());
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof BadInput bad) {
                commandLine.getErr().println(bad.describe());
                commandLine.getErr().flush();
                return 2;
            }
            if (ex instanceof LeaseHeld held) {
                commandLine.getErr().println(held.describe());
                commandLine.getErr().flush();
                return 3;
            }
            if (System.getenv("ORCHESTRATOR_TRACE") != null) throw ex;
            // what no use case turned into a halt: one line, not a stack trace (ORCHESTRATOR_TRACE=1 shows it)
            commandLine.getErr().println("error: " + (ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage()));
            commandLine.getErr().flush();
            return 1;
        });
        cmd.setParameterExceptionHandler((ex, cmdArgs) -> {
            ex.getCommandLine().getErr().println("error: " + ex.getMessage());
            ex.getCommandLine().getErr().println("  fix: see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'");
            ex.getCommandLine().getErr().flush();
            return 2;
        });
        int code = cmd.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
