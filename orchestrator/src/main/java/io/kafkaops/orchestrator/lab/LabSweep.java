package io.kafkaops.orchestrator.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds and removes everything of a lab by its name: processes, namespaces, interfaces, the guard route, mounts,
 * cgroups, the /etc/hosts block and the state files. It works from what the kernel shows, not from the state,
 * so it also clears what a run killed half-way left behind.
 */
final class LabSweep {

    private final LabNames names;

    LabSweep(LabNames names) {
        this.names = names;
    }

    /** Whether anything of the lab exists: state, namespaces, interfaces, cgroups or its /etc/hosts block. */
    boolean leftoversOf(String lab) {
        return Files.exists(names.dir(lab)) || !labNamespaces(lab).isEmpty() || !labLinks(lab).isEmpty()
                || Files.exists(LabNames.cgroup(lab)) || hostsFileHasBlock(lab);
    }

    private static boolean hostsFileHasBlock(String lab) {
        try {
            return Files.readString(LabNames.ETC_HOSTS).contains(HostsBlock.begin(lab));
        } catch (IOException e) {
            return false;
        }
    }

    void sweep(String lab, Optional<Subnet> subnet) {
        List<String> namespaces = labNamespaces(lab);
        killAll(namespaces);
        for (String ns : namespaces) LocalCommand.run("ip", "netns", "del", ns);
        for (String link : labLinks(lab)) LocalCommand.run("ip", "link", "del", link);
        subnet.ifPresent(s -> {
            while (LocalCommand.run("ip", "route", "del", "unreachable", s.toString(), "metric", LabNames.GUARD_METRIC).ok()) {
                // a killed run may have added it twice
            }
        });
        unmountUnder(names.dir(lab));
        removeCgroupTree(LabNames.cgroup(lab), true);
        try {
            if (hostsFileHasBlock(lab)) {
                Files.writeString(LabNames.ETC_HOSTS, HostsBlock.without(Files.readString(LabNames.ETC_HOSTS), lab));
            }
            deleteTree(names.dir(lab));
            try (Stream<Path> rest = Files.exists(names.stateRoot()) ? Files.list(names.stateRoot()) : Stream.empty()) {
                if (rest.findAny().isEmpty()) Files.deleteIfExists(names.stateRoot());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> labNamespaces(String lab) {
        return LocalCommand.run("ip", "netns", "list").out().lines().map(l -> l.split("\\s+")[0])
                .filter(n -> n.startsWith(LabNames.prefix(lab))).toList();
    }

    static List<String> labLinks(String lab) {
        return LocalCommand.run("ip", "-o", "link", "show").out().lines().map(l -> l.split(":\\s+")[1].split("@")[0])
                .filter(n -> n.startsWith(LabNames.prefix(lab))).toList();
    }

    /** kill -9 every process in the namespaces (each host's init first takes its PID namespace with it), until none is left. */
    private static void killAll(List<String> namespaces) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            List<Long> pids = namespaces.stream().flatMap(ns -> LabStatus.pidsIn(ns).stream()).toList();
            if (pids.isEmpty()) return;
            pids.forEach(p -> ProcessHandle.of(p).ifPresent(ProcessHandle::destroyForcibly));
            if (System.currentTimeMillis() > deadline) {
                throw new LabFailure("processes " + pids + " in " + namespaces + " survive kill -9");
            }
            Lab.sleep(20);
        }
    }

    private static void unmountUnder(Path dir) {
        try {
            List<String> points = Files.readAllLines(Path.of("/proc/mounts")).stream().map(l -> l.split(" ")[1])
                    .filter(p -> p.startsWith(dir.toString() + "/")).sorted(Comparator.reverseOrder()).toList();
            for (String p : points) LocalCommand.run("umount", "-l", p);
        } catch (IOException ignored) {
            // no /proc/mounts: nothing we could unmount either
        }
    }

    /** rmdir depth-first; cgroups of processes that just died may take a moment to empty. */
    static void removeCgroupTree(Path top, boolean includingTop) {
        if (!Files.isDirectory(top)) return;
        long deadline = System.currentTimeMillis() + 5_000;
        while (true) {
            List<Path> dirs;
            try (Stream<Path> walk = Files.walk(top)) {
                dirs = walk.filter(Files::isDirectory).filter(d -> includingTop || !d.equals(top))
                        .sorted(Comparator.reverseOrder()).toList();
            } catch (IOException | UncheckedIOException e) {
                dirs = List.of();
            }
            boolean all = true;
            for (Path d : dirs) all &= d.toFile().delete();
            if (all || System.currentTimeMillis() > deadline) return;
            Lab.sleep(20);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
