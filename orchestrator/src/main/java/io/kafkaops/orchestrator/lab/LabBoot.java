package io.kafkaops.orchestrator.lab;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Boots lab hosts: systemd as PID 1 in the host's own cgroup and namespaces, then waits for its sshd. Used by lab up and lab boot. */
final class LabBoot {

    private static final long BOOT_TIMEOUT_MS = 60_000;

    private final LabNames names;

    LabBoot(LabNames names) {
        this.names = names;
    }

    /** Starts the host's init in its own cgroup and namespaces; it outlives this JVM. */
    void start(LabSpec spec, LabHost h) {
        String lab = spec.name();
        Path cg = LabNames.cgroup(lab).resolve(h.name());
        LabSweep.removeCgroupTree(cg, false);
        Path dir = names.hostDir(lab, h.name());
        try {
            Files.createDirectories(cg);
            // join the host's cgroup before ip netns exec, which remounts /sys for the namespace
            new ProcessBuilder("setsid", "sh", "-c",
                    "echo $$ > \"$0/cgroup.procs\" && exec ip netns exec \"$1\" unshare --mount --uts --ipc --pid --cgroup"
                            + " --fork --kill-child --propagation private \"$2\" \"$3\" \"$4\" \"$5\"",
                    cg.toString(), LabNames.netns(lab, h.name()), names.dir(lab).resolve("init.sh").toString(), h.name(),
                    dir.toString(), lab)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("console.log").toFile()))
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new LabFailure("cannot start lab host " + h.name() + ": " + e.getMessage());
        }
    }

    void awaitSshd(String lab, List<LabHost> hosts) {
        long deadline = System.currentTimeMillis() + BOOT_TIMEOUT_MS;
        Set<LabHost> waiting = new LinkedHashSet<>(hosts);
        while (!waiting.isEmpty()) {
            waiting.removeIf(h -> LabStatus.sshdAnswers(h.address()));
            if (waiting.isEmpty()) return;
            if (System.currentTimeMillis() > deadline) {
                throw new LabFailure("sshd did not answer within " + BOOT_TIMEOUT_MS / 1000 + " s on "
                        + waiting.stream().map(LabHost::name).toList() + "; see " + names.dir(lab).resolve("hosts")
                        + "/HOST/console.log");
            }
            Lab.sleep(50);
        }
    }
}
