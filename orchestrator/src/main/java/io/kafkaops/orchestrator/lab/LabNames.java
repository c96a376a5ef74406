package io.kafkaops.orchestrator.lab;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The names of everything a lab makes: its files under the state root, and its namespaces, links, route and
 * cgroup. Every kernel object carries the lab's name so that the sweep finds it again after a killed run.
 */
record LabNames(Path stateRoot) {

    /** Shared by all labs on the machine; each lab owns only its marked block. */
    static final Path ETC_HOSTS = Path.of("/etc/hosts");
    /** The metric of the lab's unreachable guard route, by which the sweep tells it from anyone else's. */
    static final String GUARD_METRIC = "4242";

    Path dir(String lab) { return stateRoot.resolve(lab); }
    Path privateKey(String lab) { return dir(lab).resolve("id_ed25519"); }
    Path knownHosts(String lab) { return dir(lab).resolve("known_hosts"); }
    Path inventory(String lab) { return dir(lab).resolve("inventory.yml"); }
    Path hostDir(String lab, String host) { return dir(lab).resolve("hosts").resolve(host); }
    Path specFile(String lab) { return dir(lab).resolve("lab.properties"); }
    Path upDone(String lab) { return dir(lab).resolve("up.done"); }
    Path cutsFile(String lab) { return dir(lab).resolve("cuts.txt"); }

    static String prefix(String lab) { return "o" + lab + "-"; }
    static String netns(String lab, String host) { return prefix(lab) + host; }
    static String bridge(String lab) { return prefix(lab) + "br"; }
    static String veth(String lab, int index) { return prefix(lab) + index; }

    // hybrid cgroup v1/v2 machines keep the v2 tree under unified/
    static Path cgroupRoot() {
        Path unified = Path.of("/sys/fs/cgroup/unified");
        return Files.exists(unified.resolve("cgroup.procs")) ? unified : Path.of("/sys/fs/cgroup");
    }
    static Path cgroup(String lab) { return cgroupRoot().resolve("orchestrator-lab-" + lab); }
}
