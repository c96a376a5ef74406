package io.kafkaops.orchestrator.lab;

import io.kafkaops.orchestrator.BadInput;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Lab hosts on this machine: one network namespace per host on a private bridge, its own
 * mount/UTS/IPC/PID/cgroup namespaces over an overlay of /, and systemd as PID 1 running sshd.
 * Every kernel object it makes carries the lab's name, so lab down (and the sweep at the start of
 * lab up) finds them again even after a run that was killed half-way.
 */
public final class Lab {

    public static final Path STATE_ROOT = Path.of("/var/lib/orchestrator-lab");
    private static final Path ETC_HOSTS = Path.of("/etc/hosts");
    private static final String GUARD_METRIC = "4242";
    private static final String CUT_TABLE = "olab_cut";
    private static final long BOOT_TIMEOUT_MS = 60_000;

    /** One host as seen from the control side. */
    public record HostStatus(LabHost host, boolean running, boolean linkUp, boolean sshd, long rssKb) {}

    private final Path stateRoot;
    private final Consumer<String> log;

    public Lab(Consumer<String> log) {
        this(STATE_ROOT, log);
    }

    Lab(Path stateRoot, Consumer<String> log) {
        this.stateRoot = stateRoot;
        this.log = log;
    }

    // ---- names of everything the lab makes -------------------------------------------------

    public Path dir(String lab) { return stateRoot.resolve(lab); }
    public Path privateKey(String lab) { return dir(lab).resolve("id_ed25519"); }
    public Path knownHosts(String lab) { return dir(lab).resolve("known_hosts"); }
    public Path inventory(String lab) { return dir(lab).resolve("inventory.yml"); }
    private Path hostDir(String lab, String host) { return dir(lab).resolve("hosts").resolve(host); }
    private Path specFile(String lab) { return dir(lab).resolve("lab.properties"); }
    private Path upDone(String lab) { return dir(lab).resolve("up.done"); }
    private Path cutsFile(String lab) { return dir(lab).resolve("cuts.txt"); }
    private static String prefix(String lab) { return "o" + lab + "-"; }
    private static String netns(String lab, String host) { return prefix(lab) + host; }
    private static String bridge(String lab) { return prefix(lab) + "br"; }
    private static String veth(String lab, int index) { return prefix(lab) + index; }
    private static Path cgroupRoot() {
        Path unified = Path.of("/sys/fs/cgroup/unified");
        return Files.exists(unified.resolve("cgroup.procs")) ? unified : Path.of("/sys/fs/cgroup");
    }
    private static Path cgroup(String lab) { return cgroupRoot().resolve("orchestrator-lab-" + lab); }

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
        exclusively(() -> cutHostLocked(lab, host));
    }

    /** Drops traffic between two hosts only (nft rules inside both namespaces). */
    public void cut(String lab, String a, String b) {
        exclusively(() -> cutPairLocked(lab, a, b));
    }

    /** Undoes every cut that involves the host. */
    public void heal(String lab, String host) {
        exclusively(() -> healLocked(lab, host));
    }

    /** kill -9 of the host's init: everything on the host dies at once, as in a power cut. */
    public void crash(String lab, String host) {
        exclusively(() -> crashLocked(lab, host));
    }

    /** Starts a stopped host again on the same upper layer: files survive, enabled units start. */
    public void boot(String lab, String host) {
        exclusively(() -> bootLocked(lab, host));
    }

    private static void exclusively(Runnable verb) {
        Path lock = Files.isDirectory(Path.of("/run/lock")) ? Path.of("/run/lock/orchestrator-lab.lock") : Path.of("/tmp/orchestrator-lab.lock");
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
                throw new BadInput("the lab needs " + tool, "apt-get install -y --no-install-recommends openssh-server nftables iptables systemd");
            }
        }
        for (String tool : List.of("ip", "nft", "unshare", "ssh-keygen", "setsid")) {
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
        Optional<LabSpec> existing = load(lab);
        // after a reboot of the machine the state is still there but /run/netns and the bridge are not: rebuild
        boolean intact = labNamespaces(lab).size() == spec.hosts().size() && labLinks(lab).contains(bridge(lab));
        if (existing.isPresent() && existing.get().equals(spec) && Files.exists(upDone(lab)) && intact) {
            List<String> repaired = new ArrayList<>();
            for (LabHost h : spec.hosts()) {
                if (initPid(lab, h.name()).isEmpty()) {
                    startHost(spec, h);
                    repaired.add(h.name());
                }
            }
            if (repaired.isEmpty()) {
                log.accept("lab '" + lab + "' is already up with " + spec.hosts().size() + " hosts: no changes");
                return;
            }
            awaitSshd(lab, spec.hosts().stream().filter(h -> repaired.contains(h.name())).toList());
            log.accept("lab '" + lab + "': restarted " + String.join(", ", repaired));
            return;
        }
        if (existing.isPresent() && !existing.get().equals(spec) && Files.exists(upDone(lab))) {
            log.accept("lab '" + lab + "' is up with other hosts or another subnet: rebuilding it");
            sweep(lab, existing.map(LabSpec::subnet));
        } else if (existing.isPresent() || leftoversOf(lab)) {
            log.accept("lab '" + lab + "': sweeping what an earlier run left behind");
            sweep(lab, existing.map(LabSpec::subnet));
        }
        checkSubnetFree(spec.subnet());
        try {
            Files.createDirectories(dir(lab).resolve("hosts"));
            Files.setPosixFilePermissions(dir(lab), PosixFilePermissions.fromString("rwx------"));
            save(spec);
            Path init = dir(lab).resolve("init.sh");
            try (InputStream in = resource("init.sh")) {
                Files.copy(in, init);
            }
            Files.setPosixFilePermissions(init, PosixFilePermissions.fromString("rwx------"));
            LocalCommand.check("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "orchestrator-lab-" + lab, "-f", privateKey(lab).toString());

            String br = bridge(lab);
            LocalCommand.check("ip", "link", "add", br, "type", "bridge");
            LocalCommand.check("ip", "addr", "add", spec.subnet().gateway() + "/" + spec.subnet().prefix(), "dev", br);
            LocalCommand.check("ip", "link", "set", br, "up");
            // if the bridge ever goes away, lab traffic dies here instead of following the default route
            LocalCommand.check("ip", "route", "add", "unreachable", spec.subnet().toString(), "metric", GUARD_METRIC);

            String labKey = Files.readString(privateKey(lab).resolveSibling("id_ed25519.pub"));
            for (int i = 0; i < spec.hosts().size(); i++) {
                LabHost h = spec.hosts().get(i);
                prepareUpper(spec, h, labKey);
                String ns = netns(lab, h.name());
                LocalCommand.check("ip", "netns", "add", ns);
                LocalCommand.check("ip", "link", "add", veth(lab, i + 1), "type", "veth", "peer", "name", "eth0", "netns", ns);
                LocalCommand.check("ip", "link", "set", veth(lab, i + 1), "master", br, "up");
                LocalCommand.check("ip", "-n", ns, "addr", "add", h.address() + "/" + spec.subnet().prefix(), "dev", "eth0");
                LocalCommand.check("ip", "-n", ns, "link", "set", "lo", "up");
                LocalCommand.check("ip", "-n", ns, "link", "set", "eth0", "up");
                startHost(spec, h);
            }
            writeKnownHosts(spec);
            writeInventory(spec);
            Files.writeString(ETC_HOSTS, HostsBlock.with(Files.readString(ETC_HOSTS), lab, spec.hosts()));
            awaitSshd(lab, spec.hosts());
            Files.writeString(upDone(lab), "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void prepareUpper(LabSpec spec, LabHost h, String labKey) throws IOException {
        Path upper = hostDir(spec.name(), h.name()).resolve("upper");
        Path etc = upper.resolve("etc");
        Path units = etc.resolve("systemd/system");
        Files.createDirectories(units.resolve("multi-user.target.wants"));
        Files.createDirectories(hostDir(spec.name(), h.name()).resolve("work"));
        Files.createDirectories(hostDir(spec.name(), h.name()).resolve("root"));
        Files.writeString(etc.resolve("hostname"), h.name() + "\n");
        Files.writeString(etc.resolve("machine-id"), HexFormat.of().formatHex(new SecureRandom().generateSeed(16)) + "\n");
        Files.writeString(etc.resolve("hosts"), HostsBlock.with(
                "127.0.0.1 localhost\n::1 localhost ip6-localhost ip6-loopback\n", spec.name(), spec.hosts()));
        for (String unit : maskedUnits()) {
            Path link = units.resolve(unit);
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, Path.of("/dev/null"));
        }
        // logind is masked, so pam_systemd would only log a failure on every SSH login
        Path pamSession = Path.of("/etc/pam.d/common-session");
        if (Files.isRegularFile(pamSession)) {
            Path pam = Files.createDirectories(etc.resolve("pam.d"));
            Files.writeString(pam.resolve("common-session"), Files.readAllLines(pamSession).stream()
                    .filter(l -> !l.contains("pam_systemd.so")).map(l -> l + "\n").reduce("", String::concat));
        }
        Path wants = units.resolve("multi-user.target.wants/ssh.service");
        Files.deleteIfExists(wants);
        Files.createSymbolicLink(wants, Path.of("/lib/systemd/system/ssh.service"));
        Path sshd = Files.createDirectories(etc.resolve("ssh/sshd_config.d"));
        try (InputStream in = resource("sshd-lab.conf")) {
            Files.write(sshd.resolve("orchestrator-lab.conf"), in.readAllBytes());
        }
        Path hostKey = etc.resolve("ssh/ssh_host_ed25519_key");
        LocalCommand.check("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "root@" + h.name(), "-f", hostKey.toString());
        Path ssh = Files.createDirectories(upper.resolve("root/.ssh"));
        Files.setPosixFilePermissions(upper.resolve("root"), PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(ssh, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(ssh.resolve("authorized_keys"), labKey);
        Files.setPosixFilePermissions(ssh.resolve("authorized_keys"), PosixFilePermissions.fromString("rw-------"));
    }

    private static List<String> maskedUnits() throws IOException {
        try (InputStream in = resource("masked-units.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        }
    }

    private static InputStream resource(String name) {
        InputStream in = Lab.class.getResourceAsStream("/lab/" + name);
        if (in == null) throw new LabFailure("resource lab/" + name + " is missing from the build");
        return in;
    }

    /** Starts the host's init in its own cgroup and namespaces; it outlives this JVM. */
    private void startHost(LabSpec spec, LabHost h) {
        String lab = spec.name();
        Path cg = cgroup(lab).resolve(h.name());
        removeCgroupTree(cg, false);
        Path dir = hostDir(lab, h.name());
        try {
            Files.createDirectories(cg);
            // join the host's cgroup before ip netns exec, which remounts /sys for the namespace
            new ProcessBuilder("setsid", "sh", "-c",
                    "echo $$ > \"$0/cgroup.procs\" && exec ip netns exec \"$1\" unshare --mount --uts --ipc --pid --cgroup"
                            + " --fork --kill-child --propagation private \"$2\" \"$3\" \"$4\" \"$5\"",
                    cg.toString(), netns(lab, h.name()), dir(lab).resolve("init.sh").toString(), h.name(), dir.toString(), lab)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("console.log").toFile()))
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new LabFailure("cannot start lab host " + h.name() + ": " + e.getMessage());
        }
    }

    private void awaitSshd(String lab, List<LabHost> hosts) {
        long deadline = System.currentTimeMillis() + BOOT_TIMEOUT_MS;
        Set<LabHost> waiting = new LinkedHashSet<>(hosts);
        while (!waiting.isEmpty()) {
            waiting.removeIf(h -> sshdAnswers(h.address()));
            if (waiting.isEmpty()) return;
            if (System.currentTimeMillis() > deadline) {
                throw new LabFailure("sshd did not answer within " + BOOT_TIMEOUT_MS / 1000 + " s on "
                        + waiting.stream().map(LabHost::name).toList() + "; see " + dir(lab).resolve("hosts") + "/HOST/console.log");
            }
            sleep(50);
        }
    }

    static boolean sshdAnswers(String address) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, 22), 300);
            s.setSoTimeout(1000);
            byte[] banner = s.getInputStream().readNBytes(4);
            return new String(banner, StandardCharsets.US_ASCII).equals("SSH-");
        } catch (IOException e) {
            return false;
        }
    }

    private void writeKnownHosts(LabSpec spec) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (LabHost h : spec.hosts()) {
            String[] pub = Files.readString(hostDir(spec.name(), h.name()).resolve("upper/etc/ssh/ssh_host_ed25519_key.pub")).strip().split("\\s+");
            sb.append(h.name()).append(',').append(h.address()).append(' ').append(pub[0]).append(' ').append(pub[1]).append('\n');
        }
        Files.writeString(knownHosts(spec.name()), sb.toString());
    }

    private void writeInventory(LabSpec spec) throws IOException {
        String lab = spec.name();
        StringBuilder sb = new StringBuilder("# Written by 'orchestrator lab up' for lab '" + lab + "'; removed by 'lab down'.\n")
                .append("all:\n  vars:\n")
                .append("    ansible_user: root\n")
                .append("    ansible_ssh_private_key_file: ").append(privateKey(lab)).append('\n')
                .append("    ansible_ssh_common_args: \"-o UserKnownHostsFile=").append(knownHosts(lab)).append("\"\n")
                .append("    hardware_profile: lab\n")
                .append("  hosts:\n");
        for (LabHost h : spec.hosts()) {
            sb.append("    ").append(h.name()).append(":\n      ansible_host: ").append(h.address()).append('\n');
        }
        Files.writeString(inventory(lab), sb.toString());
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

    // ---- down / sweep -----------------------------------------------------------------------

    private void downLocked(String lab) {
        requireLinuxRoot();
        LabSpec.checkName(lab);
        Optional<LabSpec> spec = load(lab);
        if (spec.isEmpty() && !leftoversOf(lab)) {
            log.accept("lab '" + lab + "' is not up: nothing to remove");
            return;
        }
        sweep(lab, spec.map(LabSpec::subnet));
        log.accept("lab '" + lab + "' is down");
    }

    /** Whether anything of the lab exists: state, namespaces, interfaces, cgroups or its /etc/hosts block. */
    public boolean leftoversOf(String lab) {
        return Files.exists(dir(lab)) || !labNamespaces(lab).isEmpty() || !labLinks(lab).isEmpty()
                || Files.exists(cgroup(lab)) || hostsFileHasBlock(lab);
    }

    private static boolean hostsFileHasBlock(String lab) {
        try {
            return Files.readString(ETC_HOSTS).contains(HostsBlock.begin(lab));
        } catch (IOException e) {
            return false;
        }
    }

    private void sweep(String lab, Optional<Subnet> subnet) {
        List<String> namespaces = labNamespaces(lab);
        killAll(namespaces);
        for (String ns : namespaces) LocalCommand.run("ip", "netns", "del", ns);
        for (String link : labLinks(lab)) LocalCommand.run("ip", "link", "del", link);
        subnet.ifPresent(s -> {
            while (LocalCommand.run("ip", "route", "del", "unreachable", s.toString(), "metric", GUARD_METRIC).ok()) {
                // a killed run may have added it twice
            }
        });
        unmountUnder(dir(lab));
        removeCgroupTree(cgroup(lab), true);
        try {
            if (hostsFileHasBlock(lab)) Files.writeString(ETC_HOSTS, HostsBlock.without(Files.readString(ETC_HOSTS), lab));
            deleteTree(dir(lab));
            try (Stream<Path> rest = Files.exists(stateRoot) ? Files.list(stateRoot) : Stream.empty()) {
                if (rest.findAny().isEmpty()) Files.deleteIfExists(stateRoot);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> labNamespaces(String lab) {
        return LocalCommand.run("ip", "netns", "list").out().lines().map(l -> l.split("\\s+")[0])
                .filter(n -> n.startsWith(prefix(lab))).toList();
    }

    private static List<String> labLinks(String lab) {
        return LocalCommand.run("ip", "-o", "link", "show").out().lines().map(l -> l.split(":\\s+")[1].split("@")[0])
                .filter(n -> n.startsWith(prefix(lab))).toList();
    }

    private static List<Long> pidsIn(String ns) {
        return LocalCommand.run("ip", "netns", "pids", ns).out().lines().map(String::strip).filter(s -> !s.isEmpty())
                .map(Long::parseLong).toList();
    }

    /** kill -9 every process in the namespaces (each host's init first takes its PID namespace with it), until none is left. */
    private static void killAll(List<String> namespaces) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            List<Long> pids = namespaces.stream().flatMap(ns -> pidsIn(ns).stream()).toList();
            if (pids.isEmpty()) return;
            pids.forEach(p -> ProcessHandle.of(p).ifPresent(ProcessHandle::destroyForcibly));
            if (System.currentTimeMillis() > deadline) {
                throw new LabFailure("processes " + pids + " in " + namespaces + " survive kill -9");
            }
            sleep(20);
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
    private static void removeCgroupTree(Path top, boolean includingTop) {
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
            sleep(20);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    // ---- state ------------------------------------------------------------------------------

    private void save(LabSpec spec) throws IOException {
        StringBuilder sb = new StringBuilder("name=" + spec.name() + "\nsubnet=" + spec.subnet() + "\n");
        for (int i = 0; i < spec.hosts().size(); i++) {
            LabHost h = spec.hosts().get(i);
            sb.append("host.").append(i + 1).append('=').append(h.name()).append(' ').append(h.address()).append('\n');
        }
        Files.writeString(specFile(spec.name()), sb.toString());
    }

    /** The lab as lab up last wrote it down. */
    public Optional<LabSpec> load(String lab) {
        Path file = specFile(lab);
        if (!Files.isRegularFile(file)) return Optional.empty();
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            return Optional.empty();
        }
        List<LabHost> hosts = new ArrayList<>();
        for (int i = 1; p.containsKey("host." + i); i++) {
            String[] f = p.getProperty("host." + i).split(" ");
            hosts.add(new LabHost(f[0], f[1]));
        }
        return Optional.of(new LabSpec(p.getProperty("name"), Subnet.parse(p.getProperty("subnet")), hosts));
    }

    public LabSpec require(String lab) {
        LabSpec.checkName(lab);
        return load(lab).filter(s -> Files.exists(upDone(lab))).orElseThrow(() -> new BadInput("lab '" + lab + "' is not up",
                "run 'orchestrator lab up --name " + lab + "' first"));
    }

    // ---- status and faults ------------------------------------------------------------------

    public List<HostStatus> status(String lab) {
        requireLinuxRoot();
        LabSpec spec = require(lab);
        List<HostStatus> out = new ArrayList<>();
        for (LabHost h : spec.hosts()) {
            String ns = netns(lab, h.name());
            boolean running = initPid(lab, h.name()).isPresent();
            boolean link = LocalCommand.run("ip", "-n", ns, "-o", "link", "show", "eth0").out().contains("state UP");
            long rss = pidsIn(ns).stream().mapToLong(Lab::rssKb).sum();
            out.add(new HostStatus(h, running, link, running && link && sshdAnswers(h.address()), rss));
        }
        return out;
    }

    /** The PID (in the root PID namespace) of the host's init, if it is running. */
    public Optional<Long> initPid(String lab, String host) {
        for (long pid : pidsIn(netns(lab, host))) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                    if (line.startsWith("NSpid:")) {
                        String[] f = line.substring(6).strip().split("\\s+");
                        if (f.length > 1 && f[f.length - 1].equals("1")) return Optional.of(pid);
                    }
                }
            } catch (IOException ignored) {
                // exited meanwhile
            }
        }
        return Optional.empty();
    }

    private static long rssKb(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                    .mapToLong(l -> Long.parseLong(l.split("\\s+")[1])).sum();
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    private void cutHostLocked(String lab, String host) {
        requireLinuxRoot();
        LabSpec spec = require(lab);
        spec.requireHost(host);
        LocalCommand.check("ip", "-n", netns(lab, host), "link", "set", "eth0", "down");
        log.accept(host + " is cut off the lab network");
    }

    private void cutPairLocked(String lab, String a, String b) {
        requireLinuxRoot();
        LabSpec spec = require(lab);
        spec.requireHost(a);
        spec.requireHost(b);
        if (a.equals(b)) throw new BadInput("cannot cut " + a + " from itself", "name two different hosts");
        Set<List<String>> cuts = readCuts(lab);
        cuts.add(pair(a, b));
        writeCuts(lab, cuts);
        applyCuts(spec, cuts, List.of(a, b));
        log.accept("traffic between " + a + " and " + b + " is dropped");
    }

    private void healLocked(String lab, String host) {
        requireLinuxRoot();
        LabSpec spec = require(lab);
        spec.requireHost(host);
        LocalCommand.check("ip", "-n", netns(lab, host), "link", "set", "eth0", "up");
        Set<List<String>> cuts = readCuts(lab);
        List<String> touched = new ArrayList<>(List.of(host));
        cuts.removeIf(p -> {
            if (!p.contains(host)) return false;
            touched.addAll(p);
            return true;
        });
        writeCuts(lab, cuts);
        applyCuts(spec, cuts, touched.stream().distinct().toList());
        // the link needs a moment before the host answers again; return when it does
        String address = spec.requireHost(host).address();
        long deadline = System.currentTimeMillis() + 5_000;
        while (initPid(lab, host).isPresent() && !sshdAnswers(address) && System.currentTimeMillis() < deadline) sleep(20);
        log.accept(host + " is healed");
    }

    private static List<String> pair(String a, String b) {
        return a.compareTo(b) < 0 ? List.of(a, b) : List.of(b, a);
    }

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
                        .append("  chain in { type filter hook input priority 0; policy accept; ip saddr { ").append(set).append(" } drop; }\n")
                        .append("  chain out { type filter hook output priority 0; policy accept; ip daddr { ").append(set).append(" } drop; }\n")
                        .append("}\n");
            }
            Path file = hostDir(spec.name(), host).resolve("cuts.nft");
            try {
                Files.writeString(file, nft.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            LocalCommand.check("ip", "netns", "exec", netns(spec.name(), host), "nft", "-f", file.toString());
        }
    }

    private Set<List<String>> readCuts(String lab) {
        Set<List<String>> cuts = new LinkedHashSet<>();
        try {
            if (Files.exists(cutsFile(lab))) {
                Files.readAllLines(cutsFile(lab)).stream().filter(l -> !l.isBlank()).map(l -> l.split(" "))
                        .forEach(f -> cuts.add(List.of(f[0], f[1])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cuts;
    }

    private void writeCuts(String lab, Set<List<String>> cuts) {
        StringBuilder sb = new StringBuilder();
        cuts.forEach(p -> sb.append(p.get(0)).append(' ').append(p.get(1)).append('\n'));
        try {
            Files.writeString(cutsFile(lab), sb.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void crashLocked(String lab, String host) {
        requireLinuxRoot();
        LabSpec spec = require(lab);
        spec.requireHost(host);
        Optional<Long> init = initPid(lab, host);
        if (init.isEmpty()) {
            log.accept(host + " is not running");
            return;
        }
        ProcessHandle.of(init.get()).ifPresent(ProcessHandle::destroyForcibly);
        long deadline = System.currentTimeMillis() + 10_000;
        while (!pidsIn(netns(lab, host)).isEmpty()) {
            if (System.currentTimeMillis() > deadline) throw new LabFailure(host + " still has processes after kill -9 of its init");
            sleep(10);
        }
        log.accept(host + " crashed (kill -9 of its init)");
    }

    private void bootLocked(String lab, String host) {
        requireLinuxRoot();
        LabSpec spec = require(lab);
        LabHost h = spec.requireHost(host);
        if (initPid(lab, host).isPresent()) {
            log.accept(host + " is already running");
            return;
        }
        startHost(spec, h);
        awaitSshd(lab, List.of(h));
        log.accept(host + " booted");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabFailure("interrupted");
        }
    }
}
