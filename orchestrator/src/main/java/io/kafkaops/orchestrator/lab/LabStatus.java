package io.kafkaops.orchestrator.lab;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What runs on the lab hosts, as seen from the control side: each host's init, its processes, its link and its sshd. */
final class LabStatus {

    private final LabState state;

    LabStatus(LabState state) {
        this.state = state;
    }

    List<Lab.HostStatus> status(String lab) {
        Lab.requireLinuxRoot();
        LabSpec spec = state.require(lab);
        List<Lab.HostStatus> out = new ArrayList<>();
        for (LabHost h : spec.hosts()) {
            String ns = LabNames.netns(lab, h.name());
            boolean running = initPid(lab, h.name()).isPresent();
            boolean link = LocalCommand.run("ip", "-n", ns, "-o", "link", "show", "eth0").out().contains("state UP");
            long rss = pidsIn(ns).stream().mapToLong(LabStatus::rssKb).sum();
            out.add(new Lab.HostStatus(h, running, link, running && link && sshdAnswers(h.address()), rss));
        }
        return out;
    }

    /** The PID (in the root PID namespace) of the host's init, if it is running. */
    static Optional<Long> initPid(String lab, String host) {
        for (long pid : pidsIn(LabNames.netns(lab, host))) {
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

    static List<Long> pidsIn(String ns) {
        return LocalCommand.run("ip", "netns", "pids", ns).out().lines().map(String::strip).filter(s -> !s.isEmpty())
                .map(Long::parseLong).toList();
    }

    private static long rssKb(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                    .mapToLong(l -> Long.parseLong(l.split("\\s+")[1])).sum();
        } catch (IOException | NumberFormatException e) {
            return 0;
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
}
