package io.kafkaops.orchestrator.lab;

import io.kafkaops.orchestrator.testkit.LabSession;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A lab that is up, as tests see it: hosts, addresses, the lab key, known_hosts, and the fault verbs. */
public final class RunningLab implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    private final Lab lab;
    private final LabSpec spec;
    private final long upMillis;

    private RunningLab(Lab lab, LabSpec spec, long upMillis) {
        this.lab = lab;
        this.spec = spec;
        this.upMillis = upMillis;
    }

    public static RunningLab up(LabSpec spec) {
        Lab lab = new Lab(line -> System.out.println("[lab] " + line));
        // Tests need clean hosts: a lab left up by a killed run (same name) would be reused as is by lab up.
        lab.down(spec.name());
        long start = System.nanoTime();
        lab.up(spec);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("[lab] '" + spec.name() + "' up with " + spec.hosts().size() + " hosts in " + millis + " ms");
        for (Lab.HostStatus h : lab.status(spec.name())) {
            System.out.printf("[lab]   %-8s %-13s idle RSS %d MB%n", h.host().name(), h.host().address(), h.rssKb() / 1024);
        }
        return new RunningLab(lab, spec, millis);
    }

    public String name() { return spec.name(); }
    public LabSpec spec() { return spec; }
    public List<LabHost> hosts() { return spec.hosts(); }
    public String address(String host) { return spec.requireHost(host).address(); }
    public Path privateKey() { return lab.privateKey(name()); }
    public Path knownHosts() { return lab.knownHosts(name()); }
    /** The inventory lab up wrote (same hosts and addresses as the one it was started from). */
    public Path inventory() { return lab.inventory(name()); }
    public long upMillis() { return upMillis; }
    public Lab lab() { return lab; }

    /** Root SSH to a host with the lab key, its host key checked against the lab's known_hosts. */
    public LabSession ssh(String host) throws IOException {
        return LabSession.open(host, address(host), knownHosts(), privateKey());
    }

    public void cut(String host) { lab.cut(name(), host); }
    public void cut(String a, String b) { lab.cut(name(), a, b); }
    public void heal(String host) { lab.heal(name(), host); }
    public void crash(String host) { lab.crash(name(), host); }
    public void boot(String host) { lab.boot(name(), host); }
    public List<Lab.HostStatus> status() { return lab.status(name()); }

    /**
     * Freezes (or thaws) every process of the host at once through its cgroup, and returns once the kernel says it is
     * frozen: a test can then change the host's world (cut it, say) at an exact point of what it was doing.
     */
    public void freeze(String host, boolean frozen) throws IOException, InterruptedException {
        Path cg = LabNames.cgroup(name()).resolve(host);
        java.nio.file.Files.writeString(cg.resolve("cgroup.freeze"), frozen ? "1" : "0");
        for (int i = 0; i < 1000 && frozen && !java.nio.file.Files.readString(cg.resolve("cgroup.events")).contains("frozen 1"); i++) {
            Thread.sleep(1);
        }
    }

    @Override
    public void close() {
        if (Boolean.getBoolean("lab.keep")) {
            System.out.println("[lab] -Dlab.keep=true: leaving lab '" + name() + "' up (orchestrator lab down --name " + name() + ")");
            return;
        }
        long start = System.nanoTime();
        lab.down(name());
        System.out.println("[lab] '" + name() + "' down in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        if (lab.leftoversOf(name())) {
            throw new IllegalStateException("lab '" + name() + "' left something behind after lab down");
        }
    }
}
