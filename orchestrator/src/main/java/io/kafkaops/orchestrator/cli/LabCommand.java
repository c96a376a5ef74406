package io.kafkaops.orchestrator.cli;

import io.kafkaops.orchestrator.BadInput;
import io.kafkaops.orchestrator.lab.Lab;
import io.kafkaops.orchestrator.lab.LabFailure;
import io.kafkaops.orchestrator.lab.LabInventoryReader;
import io.kafkaops.orchestrator.lab.LabSpec;
import io.kafkaops.orchestrator.lab.Subnet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "lab", mixinStandardHelpOptions = true,
        description = "Real Linux hosts on this machine (namespaces, systemd as PID 1, sshd) for tests and demos. Linux + root.",
        subcommands = {LabCommand.Up.class, LabCommand.Down.class, LabCommand.Status.class, LabCommand.Cut.class,
                LabCommand.Heal.class, LabCommand.Crash.class, LabCommand.Boot.class})
public final class LabCommand implements Runnable {

    @Spec CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Bad input is exit 2 (Main); a machine that refuses the lab (a tool failed, a host did not boot) is exit 1. */
    abstract static class LabVerb implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(names = "--name", defaultValue = LabSpec.DEFAULT_NAME, description = "Lab name (default: ${DEFAULT-VALUE}).")
        String name;

        PrintWriter out() { return spec.commandLine().getOut(); }

        Lab lab() { return new Lab(out()::println); }

        abstract void act();

        @Override
        public Integer call() {
            try {
                act();
                return 0;
            } catch (LabFailure e) {
                spec.commandLine().getErr().println("error: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "up", mixinStandardHelpOptions = true,
            description = "Bring a lab up: N hosts, or one per host of a YAML inventory (its ansible_host kept when in the subnet).")
    static final class Up extends LabVerb {
        @Option(names = "--hosts", description = "Number of hosts host1..hostN (default 3 without an inventory).")
        Integer hosts;

        @Option(names = "--subnet", defaultValue = Subnet.DEFAULT, description = "Lab subnet (default: ${DEFAULT-VALUE}).")
        String subnet;

        @Parameters(arity = "0..1", paramLabel = "<inventory>", description = "YAML inventory whose hosts to create.")
        Path inventory;

        @Override
        void act() {
            if (hosts != null && inventory != null) {
                throw new BadInput("give either --hosts or an inventory, not both", "drop one of them");
            }
            Subnet net = Subnet.parse(subnet);
            LabSpec wanted = inventory != null
                    ? LabSpec.of(name, net, LabInventoryReader.hosts(inventory))
                    : LabSpec.numbered(name, net, hosts == null ? 3 : hosts);
            Lab.requireLinuxRoot();
            long start = System.nanoTime();
            Lab lab = lab();
            lab.up(wanted);
            out().printf("lab '%s' up in %.1f s: %d hosts on %s%n", name, (System.nanoTime() - start) / 1e9, wanted.hosts().size(), net);
            wanted.hosts().forEach(h -> out().printf("  %-12s %s%n", h.name(), h.address()));
            out().println("  key:         " + lab.privateKey(name));
            out().println("  known_hosts: " + lab.knownHosts(name));
            out().println("  inventory:   " + lab.inventory(name));
        }
    }

    @Command(name = "down", mixinStandardHelpOptions = true, description = "Remove the lab and everything it made.")
    static final class Down extends LabVerb {
        @Override
        void act() {
            long start = System.nanoTime();
            lab().down(name);
            out().printf("done in %.1f s%n", (System.nanoTime() - start) / 1e9);
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show each host: running, link, sshd, memory.")
    static final class Status extends LabVerb {
        @Override
        void act() {
            List<Lab.HostStatus> hosts = lab().status(name);
            out().printf("%-12s %-15s %-8s %-5s %-5s %s%n", "HOST", "ADDRESS", "RUNNING", "LINK", "SSHD", "RSS");
            for (Lab.HostStatus h : hosts) {
                out().printf("%-12s %-15s %-8s %-5s %-5s %d MB%n", h.host().name(), h.host().address(),
                        h.running() ? "yes" : "no", h.linkUp() ? "up" : "down", h.sshd() ? "yes" : "no", h.rssKb() / 1024);
            }
        }
    }

    @Command(name = "cut", mixinStandardHelpOptions = true,
            description = "Cut HOST off the network, or with two hosts drop traffic between that pair only.")
    static final class Cut extends LabVerb {
        @Parameters(arity = "1..2", paramLabel = "HOST")
        List<String> hosts;

        @Override
        void act() {
            if (hosts.size() == 1) lab().cut(name, hosts.get(0));
            else lab().cut(name, hosts.get(0), hosts.get(1));
        }
    }

    @Command(name = "heal", mixinStandardHelpOptions = true, description = "Undo every cut involving HOST.")
    static final class Heal extends LabVerb {
        @Parameters(paramLabel = "HOST") String host;

        @Override
        void act() { lab().heal(name, host); }
    }

    @Command(name = "crash", mixinStandardHelpOptions = true, description = "kill -9 the host's init: everything on it dies.")
    static final class Crash extends LabVerb {
        @Parameters(paramLabel = "HOST") String host;

        @Override
        void act() { lab().crash(name, host); }
    }

    @Command(name = "boot", mixinStandardHelpOptions = true, description = "Start a crashed host again; its files survive.")
    static final class Boot extends LabVerb {
        @Parameters(paramLabel = "HOST") String host;

        @Override
        void act() { lab().boot(name, host); }
    }
}
