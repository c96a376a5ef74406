package io.kafkaops.orchestrator.lab;

import java.util.List;

/** The marked block of lab host names in an /etc/hosts file: added by lab up, removed by lab down. */
public final class HostsBlock {

    private HostsBlock() {}

    static String begin(String lab) { return "# BEGIN orchestrator-lab " + lab; }

    static String end(String lab) { return "# END orchestrator-lab " + lab; }

    /** The content with the lab's block replaced (or appended). */
    public static String with(String content, String lab, List<LabHost> hosts) {
        StringBuilder sb = new StringBuilder(without(content, lab));
        if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '\n') sb.append('\n');
        sb.append(begin(lab)).append('\n');
        for (LabHost h : hosts) sb.append(h.address()).append(' ').append(h.name()).append('\n');
        sb.append(end(lab)).append('\n');
        return sb.toString();
    }

    /** The content without the lab's block; everything else byte for byte. */
    public static String without(String content, String lab) {
        StringBuilder sb = new StringBuilder();
        boolean inside = false;
        for (String line : content.split("(?<=\n)")) {
            String bare = line.strip();
            if (!inside && bare.equals(begin(lab))) {
                inside = true;
            } else if (inside && bare.equals(end(lab))) {
                inside = false;
            } else if (!inside) {
                sb.append(line);
            }
        }
        return sb.toString();
    }
}
