package io.kafkaops.orchestrator.lab;

import io.kafkaops.orchestrator.BadInput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The faults a lab can inject into a running host: cut (eth0 down, or nft drops between a pair), heal, crash
 * (kill -9 of its init) and boot. Each checks the lab is up and names the host first.
 */
final class LabFaults {

    private static final String CUT_TABLE = "olab_cut";

    private final LabNames names;
    private final LabState state;
    private final LabBoot boot;
    private final Consumer<String> log;

    LabFaults(LabNames names, LabState state, LabBoot boot, Consumer<String> log) {
        this.names = names;
        this.state = state;
        this.boot = boot;
        this.log = log;
    }

    void cutHost(String lab, String host) {
        Lab.requireLinuxRoot();
        LabSpec spec = state.require(lab);
        spec.requireHost(host);
        LocalCommand.check("ip", "-n", LabNames.netns(lab, host), "link", "set", "eth0", "down");
        log.accept(host + " is cut off the lab network");
    }

    void cutPair(String lab, String a, String b) {
        Lab.requireLinuxRoot();
        LabSpec spec = state.require(lab);
        spec.requireHost(a);
        spec.requireHost(b);
        if (a.equals(b)) throw new BadInput("cannot cut " + a + " from itself", "name two different hosts");
        Set<List<String>> cuts = state.cuts(lab);
        cuts.add(pair(a, b));
        state.writeCuts(lab, cuts);
        applyCuts(spec, cuts, List.of(a, b));
        log.accept("traffic between " + a + " and " + b + " is dropped");
    }

    void heal(String lab, String host) {
        Lab.requireLinuxRoot();
        LabSpec spec = state.require(lab);
        spec.requireHost(host);
        LocalCommand.check("ip", "-n", LabNames.netns(lab, host), "link", "set", "eth0", "up");
        Set<List<String>> cuts = state.cuts(lab);
        List<String> touched = new ArrayList<>(List.of(host));
        cuts.removeIf(p -> {
            if (!p.contains(host)) return false;
            touched.addAll(p);
            return true;
        });
        state.writeCuts(lab, cuts);
        applyCuts(spec, cuts, touched.stream().distinct().toList());
        // the link needs a moment before the host answers again; return when it does
        String address = spec.requireHost(host).address();
        long deadline = System.currentTimeMillis() + 5_000;
        while (LabStatus.initPid(lab, host).isPresent() && !LabStatus.sshdAnswers(address) && System.currentTimeMillis() < deadline) {
            Lab.sleep(20);
        }
        log.accept(host + " is healed");
    }

    private static List<String> pair(String a, String b) {
        return a.compareTo(b) < 0 ? List.of(a, b) : List.of(b, a);
    }

    /** Rewrites each host's drop rules from the cuts in force: one nft table per host namespace, empty when uncut. */
    private void applyCuts(LabSpec spec, Set<List<String>> cuts, List<String> hosts) {
        for (String host : hosts) {
            List<String> peers = cuts.stream().filter(p -> p.contains(host))
                    .map(p -> p.get(0).equals(host) ? p.get(1) : p.get(0))
                    .map(peer -> spec.requireHost(peer).address()).toList();
            // declare-then-delete makes the delete valid whether or not the table exists
            StringBuilder nft = new StringBuilder("table inet " + CUT_TABLE + " {}\ndelete table inet " + CUT_TABLE + "\n");
            if (!peers.isEmpty()) {
                String set = String.join(", ", peers);
                nft.append("table inet ").append(CUT_TABLE).append(" {\n")
                        .append("  chain in { type filter hook input priority 0; policy accept; ip saddr { ")
                        .append(set).append(" } drop; }\n")
                        .append("  chain out { type filter hook output priority 0; policy accept; ip daddr { ")
                        .append(set).append(" } drop; }\n")
                        .append("}\n");
            }
            Path file = names.hostDir(spec.name(), host).resolve("cuts.nft");
            try {
                Files.writeString(file, nft.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            LocalCommand.check("ip", "netns", "exec", LabNames.netns(spec.name(), host), "nft", "-f", file.toString());
        }
    }

    void crash(String lab, String host) {
        Lab.requireLinuxRoot();
        LabSpec spec = state.require(lab);
        spec.requireHost(host);
        Optional<Long> init = LabStatus.initPid(lab, host);
        if (init.isEmpty()) {
            log.accept(host + " is not running");
            return;
        }
        ProcessHandle.of(init.get()).ifPresent(ProcessHandle::destroyForcibly);
        long deadline = System.currentTimeMillis() + 10_000;
        while (!LabStatus.pidsIn(LabNames.netns(lab, host)).isEmpty()) {
            if (System.currentTimeMillis() > deadline) throw new LabFailure(host + " still has processes after kill -9 of its init");
            Lab.sleep(10);
        }
        log.accept(host + " crashed (kill -9 of its init)");
    }

    void boot(String lab, String host) {
        Lab.requireLinuxRoot();
        LabSpec spec = state.require(lab);
        LabHost h = spec.requireHost(host);
        if (LabStatus.initPid(lab, host).isPresent()) {
            log.accept(host + " is already running");
            return;
        }
        boot.start(spec, h);
        boot.awaitSshd(lab, List.of(h));
        log.accept(host + " booted");
    }
}
