package io.kafkaops.orchestrator.lab;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A lab of its own (name 'leak', a free 10.213.2xx.0/24 subnet, so it coexists with the shared lab and others'):
 * a lab up killed with -9 half-way is swept by the next lab up, a second lab up changes nothing,
 * and lab down leaves the machine exactly as it found it.
 */
class LabLeakIT {

    private static final String NAME = "leak";
    private static Subnet SUBNET;

    @Test
    void killedUpIsSweptSecondUpIsANoOpAndDownLeavesNothingBehind() throws Exception {
        Assumptions.assumeTrue(Files.isWritable(Path.of("/etc/hosts")) && System.getProperty("os.name").contains("Linux"), "needs Linux + root");
        SUBNET = freeSubnet();
        Map<String, String> before = snapshot();
        assertThat(before.get("processes")).isEmpty();

        // 1. a lab up killed with -9 while it starts hosts
        String java = ProcessHandle.current().info().command().orElse("java");
        Path cliOutput = Files.createTempFile("lab-up-killed", ".log");
        Process cli = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "io.kafkaops.orchestrator.cli.Main",
                "lab", "up", "--name", NAME, "--hosts", "3", "--subnet", SUBNET.toString())
                .redirectErrorStream(true).redirectOutput(cliOutput.toFile()).start();
        Path secondHost = Lab.STATE_ROOT.resolve(NAME).resolve("hosts/host2/console.log");
        long deadline = System.currentTimeMillis() + 30_000;
        while (!Files.exists(secondHost) && cli.isAlive() && System.currentTimeMillis() < deadline) Thread.sleep(5);
        cli.destroyForcibly().waitFor();
        assertThat(Files.exists(secondHost)).as("the killed run had started hosts; its output: %s", Files.readString(cliOutput)).isTrue();
        Files.delete(cliOutput);
        assertThat(run("ip", "netns", "list")).contains("o" + NAME + "-host1");

        // 2. the next lab up sweeps and builds the lab
        List<String> log = new ArrayList<>();
        Lab lab = new Lab(log::add);
        LabSpec spec = LabSpec.numbered(NAME, SUBNET, 3);
        lab.up(spec);
        assertThat(log).anyMatch(l -> l.contains("sweeping"));
        for (LabHost h : spec.hosts()) assertThat(Lab.sshdAnswers(h.address())).as(h.name()).isTrue();
        assertThat(lab.status(NAME)).allMatch(Lab.HostStatus::sshd);

        // 3. lab up again: nothing to do
        log.clear();
        lab.up(spec);
        assertThat(log).containsExactly("lab '" + NAME + "' is already up with 3 hosts: no changes");

        // 4. lab down: the machine is as before
        long start = System.nanoTime();
        lab.down(NAME);
        System.out.printf("[lab] '%s' (3 hosts) down in %d ms%n", NAME, (System.nanoTime() - start) / 1_000_000);
        Map<String, String> after = snapshot();
        for (String what : before.keySet()) {
            assertThat(after.get(what)).as(what).isEqualTo(before.get(what));
        }
        assertThat(lab.leftoversOf(NAME)).isFalse();
    }

    /** Other labs may run on this machine meanwhile (other people's tests): take a subnet nobody uses. */
    private static Subnet freeSubnet() throws IOException {
        String used = run("ip", "-o", "-4", "addr", "show") + run("ip", "-4", "route", "show", "table", "all");
        for (int i = 200; i < 250; i++) {
            if (!used.contains("10.213." + i + ".")) return Subnet.parse("10.213." + i + ".0/24");
        }
        throw new IllegalStateException("no free 10.213.x.0/24 subnet");
    }

    /** Everything lab up touches on the real root, as text. */
    private static Map<String, String> snapshot() throws IOException {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("ip netns", run("ip", "netns", "list"));
        s.put("ip link", run("ip", "-o", "link", "show"));
        s.put("ip addr", run("ip", "-o", "addr", "show"));
        s.put("ip route", run("ip", "route", "show", "table", "all"));
        s.put("nft list ruleset", run("nft", "list", "ruleset"));
        s.put("/proc/mounts", Files.readString(Path.of("/proc/mounts")));
        s.put("/etc/hosts", Files.readString(Path.of("/etc/hosts")));
        s.put("ip_forward", Files.readString(Path.of("/proc/sys/net/ipv4/ip_forward")));
        s.put("cgroups", cgroups());
        s.put("processes", labProcesses());
        s.put("state", Files.exists(Lab.STATE_ROOT.resolve(NAME)) ? "present" : "absent");
        return s;
    }

    private static String cgroups() throws IOException {
        Path root = Path.of("/sys/fs/cgroup");
        try (Stream<Path> walk = Files.walk(root, 4)) {
            // other cgroups come and go with every command anyone runs on this machine
            return walk.filter(Files::isDirectory).map(Path::toString).filter(d -> d.contains("orchestrator-lab-" + NAME))
                    .sorted().collect(Collectors.joining("\n"));
        }
    }

    /**
     * Processes of this lab: in its cgroup (every host process is), or naming its namespaces or
     * state directory. Other processes come and go with other people's builds, so only these are compared.
     */
    private static String labProcesses() {
        Set<String> out = new TreeSet<>();
        File[] procs = new File("/proc").listFiles((d, n) -> n.matches("\\d+"));
        for (File p : procs == null ? new File[0] : procs) {
            try {
                String stat = Files.readString(Path.of(p + "/stat"));
                if (stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z")) continue; // exited, its parent not yet told
                String cgroup = Files.readString(Path.of(p + "/cgroup"));
                String cmd = new String(Files.readAllBytes(Path.of(p + "/cmdline")), StandardCharsets.UTF_8).replace('\0', ' ').strip();
                if (cgroup.contains("orchestrator-lab-" + NAME + "/") || cmd.contains("orchestrator-lab/" + NAME)
                        || cmd.contains("o" + NAME + "-")) {
                    out.add(p.getName() + " " + cmd);
                }
            } catch (IOException e) {
                // exited meanwhile
            }
        }
        return String.join("\n", out);
    }

    private static String link(String path) {
        try {
            return Files.readSymbolicLink(Path.of(path)).toString();
        } catch (IOException e) {
            return "";
        }
    }

    private static String run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
