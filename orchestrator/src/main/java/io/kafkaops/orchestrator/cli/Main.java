package io.kafkaops.orchestrator.cli;

import io.kafkaops.orchestrator.BadInput;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

@Command(name = "orchestrator", mixinStandardHelpOptions = true, version = "orchestrator 0.1.0",
        description = "Provision and upgrade ZooKeeper + Kafka clusters over SSH from an Ansible inventory.",
        subcommands = {InventoryCommand.class, PlanCommand.class, ProvisionCommand.class, LabCommand.class, DistCommand.class,
                RestartCommand.class, UpgradeCommand.class, DemoCommand.class})
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
            throw ex;
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
