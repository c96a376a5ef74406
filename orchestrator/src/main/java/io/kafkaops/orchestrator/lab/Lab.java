package io.kafkaops.orchestrator.lab;

import io.kafkaops.orchestrator.BadInput;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Lab hosts on this machine: one network namespace per host on a private bridge, its own
 * mount/UTS/IPC/PID/cgroup namespaces over an overlay of /, and systemd as PID 1 running sshd.
 * Every kernel object it makes carries the lab's name, so lab down (and the sweep at the start of
 * lab up) finds them again even after a run that was killed half-way.
 *
 * <p>This class is the entry point: it takes the machine-wide lock, builds the lab (up) and removes it (down).
 * The other jobs live beside it: {@link LabNames} (what everything is called), {@link LabState} (its files),
 * {@link UpperLayer} (a host's own files), {@link LabBoot} (starting a host), {@link LabStatus} (what runs),
 * {@link LabSweep} (teardown, also of leftovers) and {@link LabFaults} (cut/heal/crash/boot).
 */
public final class Lab {

    public static final Path STATE_ROOT = Path.of("/var/lib/orchestrator-lab");

    /** One host as seen from the control side. */
    public record HostStatus(LabHost host, boolean running, boolean linkUp, boolean sshd, long rssKb) {}

    private final Consumer<String> log;
    private final LabNames names;
    private final LabState state;
    private final LabSweep sweep;
    private final LabBoot boot;
    private final UpperLayer upperLayer;
    private final LabStatus status;
    private final LabFaults faults;

    public Lab(Consumer<String> log) {
        this(STATE_ROOT, log);
    }

    Lab(Path stateRoot, Consumer<String> log) {
        this.log = log;
        this.names = new LabNames(stateRoot);
        this.state = new LabState(names);
        this.sweep = new LabSweep(names);
        this.boot = new LabBoot(names);
        this.upperLayer = new UpperLayer(names);
        this.status = new LabStatus(state);
        this.faults = new LabFaults(names, state, boot, log);
    }

    // ---- where the lab keeps what a user needs ---------------------------------------------

    public Path dir(String lab) { return names.dir(lab); }
    public Path privateKey(String lab) { return names.privateKey(lab); }
    public Path knownHosts(String lab) { return names.knownHosts(lab); }
    public Path inventory(String lab) { return names.inventory(lab); }

    // ---- the verbs, one at a time on this machine (labs share /etc/hosts) ---------------------

    /** Brings the lab to the spec: nothing to do if it is up as specified, a restart of dead hosts, or a fresh build. */
    public void up(LabSpec spec) {
        exclusively(() -> upLocked(spec));
    }

    /** Removes every namespace, interface, route, mount, process, cgroup, hosts block and file of the lab. */
    public void down(String lab) {
        exclusively(() -> downLocked(lab));
    }

    /** Takes the host off the network (its eth0 down). */
    public void cut(String lab, String host) {
        exclusively(() -> faults.cutHost(lab, host));
    }

    /** Drops traffic between two hosts only (nft rules inside both namespaces). */
    public void cut(String lab, String a, String b) {
        exclusively(() -> faults.cutPair(lab, a, b));
    }

    /** Undoes every cut that involves the host. */
    public void heal(String lab, String host) {
        exclusively(() -> faults.heal(lab, host));
    }

    /** kill -9 of the host's init: everything on the host dies at once, as in a power cut. */
    public void crash(String lab, String host) {
        exclusively(() -> faults.crash(lab, host));
    }

    /** Starts a stopped host again on the same upper layer: files survive, enabled units start. */
    public void boot(String lab, String host) {
        exclusively(() -> faults.boot(lab, host));
    }

    private static void exclusively(Runnable verb) {
        Path lock = Files.isDirectory(Path.of("/run/lock"))
                ? Path.of("/run/lock/orchestrator-lab.lock") : Path.of("/tmp/orchestrator-lab.lock");
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            verb.run();
        } catch (IOException e) {
            throw new LabFailure("cannot lock " + lock + ": " + e.getMessage());
        }
    }

    // ---- preconditions ----------------------------------------------------------------------

    public static void requireLinuxRoot() {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            throw new BadInput("the lab needs Linux (network, mount and PID namespaces); this is " + System.getProperty("os.name"),
                    "run the lab on a Linux machine, or use real hosts in an inventory");
        }
        String uid = "";
        try {
            uid = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("Uid:"))
                    .map(l -> l.split("\\s+")[1]).findFirst().orElse("");
        } catch (IOException ignored) {
            // treated as not root below
        }
        if (!uid.equals("0")) {
            throw new BadInput("the lab needs root (it creates namespaces, interfaces and mounts)", "run it as root, e.g. with sudo");
        }
        for (String tool : List.of("/usr/sbin/sshd", "/lib/systemd/systemd")) {
            if (!Files.isExecutable(Path.of(tool))) {
                throw new BadInput("the lab needs " + tool,
                        "apt-get install -y --no-install-recommends openssh-server nftables iptables systemd");
            }
        }
        for (String tool : List.of("ip", "nft", "unshare", "setpriv", "ssh-keygen", "setsid")) {
            if (!onPath(tool)) {
                throw new BadInput("the lab needs the '" + tool + "' command",
                        "apt-get install -y --no-install-recommends iproute2 nftables util-linux openssh-client openssh-server");
            }
        }
    }

    private static boolean onPath(String tool) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/sbin:/usr/bin:/sbin:/bin") + ":/usr/sbin:/sbin";
        return Stream.of(path.split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }

    // ---- up ---------------------------------------------------------------------------------

    private void upLocked(LabSpec spec) {
        requireLinuxRoot();
        String lab = spec.name();
        Optional<LabSpec> existing = state.load(lab);
        // after a reboot of the machine the state is still there but /run/netns and the bridge are not: rebuild
        boolean intact = LabSweep.labNamespaces(lab).size() == spec.hosts().size()
                && LabSweep.labLinks(lab).contains(LabNames.bridge(lab));
        if (existing.isPresent() && existing.get().equals(spec) && Files.exists(names.upDone(lab)) && intact) {
            List<String> repaired = new ArrayList<>();
            for (LabHost h : spec.hosts()) {
                if (LabStatus.initPid(lab, h.name()).isEmpty()) {
                    boot.start(spec, h);
                    repaired.add(h.name());
                }
            }
            if (repaired.isEmpty()) {
                log.accept("lab '" + lab + "' is already up with " + spec.hosts().size() + " hosts: no changes");
                return;
            }
            boot.awaitSshd(lab, spec.hosts().stream().filter(h -> repaired.contains(h.name())).toList());
            log.accept("lab '" + lab + "': restarted " + String.join(", ", repaired));
            return;
        }
        if (existing.isPresent() && !existing.get().equals(spec) && Files.exists(names.upDone(lab))) {
            log.accept("lab '" + lab + "' is up with other hosts or another subnet: rebuilding it");
            sweep.sweep(lab, existing.map(LabSpec::subnet));
        } else if (existing.isPresent() || sweep.leftoversOf(lab)) {
            log.accept("lab '" + lab + "': sweeping what an earlier run left behind");
            sweep.sweep(lab, existing.map(LabSpec::subnet));
        }
        checkSubnetFree(spec.subnet());
        try {
            Files.createDirectories(names.dir(lab).resolve("hosts"));
            Files.setPosixFilePermissions(names.dir(lab), PosixFilePermissions.fromString("rwx------"));
            state.save(spec);
            Path init = names.dir(lab).resolve("init.sh");
            try (InputStream in = resource("init.sh")) {
                Files.copy(in, init);
            }
            Files.setPosixFilePermissions(init, PosixFilePermissions.fromString("rwx------"));
            LocalCommand.check("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "orchestrator-lab-" + lab,
                    "-f", names.privateKey(lab).toString());

            String br = LabNames.bridge(lab);
            LocalCommand.check("ip", "link", "add", br, "type", "bridge");
            LocalCommand.check("ip", "addr", "add", spec.subnet().gateway() + "/" + spec.subnet().prefix(), "dev", br);
            LocalCommand.check("ip", "link", "set", br, "up");
            // if the bridge ever goes away, lab traffic dies here instead of following the default route
            LocalCommand.check("ip", "route", "add", "unreachable", spec.subnet().toString(), "metric", LabNames.GUARD_METRIC);

            String labKey = Files.readString(names.privateKey(lab).resolveSibling("id_ed25519.pub"));
            for (int i = 0; i < spec.hosts().size(); i++) {
                LabHost h = spec.hosts().get(i);
                upperLayer.write(spec, h, labKey);
                String ns = LabNames.netns(lab, h.name());
                LocalCommand.check("ip", "netns", "add", ns);
                LocalCommand.check("ip", "link", "add", LabNames.veth(lab, i + 1), "type", "veth",
                        "peer", "name", "eth0", "netns", ns);
                LocalCommand.check("ip", "link", "set", LabNames.veth(lab, i + 1), "master", br, "up");
                LocalCommand.check("ip", "-n", ns, "addr", "add", h.address() + "/" + spec.subnet().prefix(), "dev", "eth0");
                LocalCommand.check("ip", "-n", ns, "link", "set", "lo", "up");
                LocalCommand.check("ip", "-n", ns, "link", "set", "eth0", "up");
                boot.start(spec, h);
            }
            writeKnownHosts(spec);
            writeInventory(spec);
            Files.writeString(LabNames.ETC_HOSTS, HostsBlock.with(Files.readString(LabNames.ETC_HOSTS), lab, spec.hosts()));
            boot.awaitSshd(lab, spec.hosts());
            Files.writeString(names.upDone(lab), "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static InputStream resource(String name) {
        InputStream in = Lab.class.getResourceAsStream("/lab/" + name);
        if (in == null) throw new LabFailure("resource lab/" + name + " is missing from the build");
        return in;
    }

    private void writeKnownHosts(LabSpec spec) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (LabHost h : spec.hosts()) {
            Path hostKey = names.hostDir(spec.name(), h.name()).resolve("upper/etc/ssh/ssh_host_ed25519_key.pub");
            String[] pub = Files.readString(hostKey).strip().split("\\s+");
            sb.append(h.name()).append(',').append(h.address()).append(' ').append(pub[0]).append(' ').append(pub[1]).append('\n');
        }
        Files.writeString(names.knownHosts(spec.name()), sb.toString());
    }

    private void writeInventory(LabSpec spec) throws IOException {
        String lab = spec.name();
        StringBuilder sb = new StringBuilder("# Written by 'orchestrator lab up' for lab '" + lab + "'; removed by 'lab down'.\n")
                .append("all:\n  vars:\n")
                .append("    ansible_user: root\n")
                .append("    ansible_ssh_private_key_file: ").append(names.privateKey(lab)).append('\n')
                .append("    ansible_ssh_common_args: \"-o UserKnownHostsFile=").append(names.knownHosts(lab)).append("\"\n")
                .append("    hardware_profile: lab\n")
                .append("  hosts:\n");
        for (LabHost h : spec.hosts()) {
            sb.append("    ").append(h.name()).append(":\n      ansible_host: ").append(h.address()).append('\n');
        }
        Files.writeString(names.inventory(lab), sb.toString());
    }

    private void checkSubnetFree(Subnet subnet) {
        for (String line : LocalCommand.check("ip", "-o", "-4", "addr", "show").out().lines().toList()) {
            String[] f = line.split("\\s+");
            for (int i = 0; i + 1 < f.length; i++) {
                if (f[i].equals("inet") && subnet.contains(f[i + 1].split("/")[0])) {
                    throw new BadInput("subnet " + subnet + " is already in use on interface " + f[1].replace(":", ""),
                            "give this lab another --subnet (and --name) so two labs can coexist");
                }
            }
        }
        for (String line : LocalCommand.check("ip", "-4", "route", "show", "table", "all").out().lines().toList()) {
            if (line.startsWith(subnet + " ") || line.startsWith("unreachable " + subnet + " ")) {
                throw new BadInput("subnet " + subnet + " is already routed: " + line.strip(),
                        "give this lab another --subnet, or remove that route");
            }
        }
    }

    // ---- down -------------------------------------------------------------------------------

    private void downLocked(String lab) {
        requireLinuxRoot();
        LabSpec.checkName(lab);
        Optional<LabSpec> spec = state.load(lab);
        if (spec.isEmpty() && !sweep.leftoversOf(lab)) {
            log.accept("lab '" + lab + "' is not up: nothing to remove");
            return;
        }
        sweep.sweep(lab, spec.map(LabSpec::subnet));
        log.accept("lab '" + lab + "' is down");
    }

    /** Whether anything of the lab exists: state, namespaces, interfaces, cgroups or its /etc/hosts block. */
    public boolean leftoversOf(String lab) {
        return sweep.leftoversOf(lab);
    }

    // ---- state and status -------------------------------------------------------------------

    /** The lab as lab up last wrote it down. */
    public Optional<LabSpec> load(String lab) {
        return state.load(lab);
    }

    public LabSpec require(String lab) {
        return state.require(lab);
    }

    public List<HostStatus> status(String lab) {
        return status.status(lab);
    }

    /** The PID (in the root PID namespace) of the host's init, if it is running. */
    public Optional<Long> initPid(String lab, String host) {
        return LabStatus.initPid(lab, host);
    }

    static boolean sshdAnswers(String address) {
        return LabStatus.sshdAnswers(address);
    }

    /** The one pause of every lab wait loop: an interrupt ends the lab verb instead of being swallowed. */
    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabFailure("interrupted");
        }
    }
}
