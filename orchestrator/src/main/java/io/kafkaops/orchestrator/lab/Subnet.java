package io.kafkaops.orchestrator.lab;

import io.kafkaops.orchestrator.BadInput;

/** An IPv4 subnet in CIDR form; the lab's bridge takes its first address. */
public record Subnet(int network, int prefix) {

    public static final String DEFAULT = "10.213.77.0/24";

    public static Subnet parse(String cidr) {
        String[] parts = cidr.strip().split("/");
        if (parts.length != 2) {
            throw new BadInput("subnet '" + cidr + "' is not in CIDR form", "write it like " + DEFAULT);
        }
        int prefix;
        try {
            prefix = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new BadInput("subnet '" + cidr + "' has no numeric prefix length", "write it like " + DEFAULT);
        }
        if (prefix < 16 || prefix > 28) {
            throw new BadInput("subnet '" + cidr + "' must have a prefix length between /16 and /28", "use a /24 like " + DEFAULT);
        }
        int address = toInt(parts[0], cidr);
        int mask = (int) (0xffffffffL << (32 - prefix));
        if ((address & mask) != address) {
            throw new BadInput("subnet '" + cidr + "' has host bits set", "use " + toString(address & mask) + "/" + prefix);
        }
        return new Subnet(address, prefix);
    }

    public boolean contains(String ip) {
        int mask = (int) (0xffffffffL << (32 - prefix));
        return (toInt(ip, ip) & mask) == network;
    }

    /** The bridge's address: the control side's face in the lab. */
    public String gateway() { return toString(network + 1); }

    public String address(int offset) {
        if (offset < 1 || offset >= size() - 1) {
            throw new BadInput("subnet " + this + " has no room for host number " + offset, "use a larger subnet");
        }
        return toString(network + offset);
    }

    public int offsetOf(String ip) { return toInt(ip, ip) - network; }

    public int size() { return 1 << (32 - prefix); }

    @Override
    public String toString() { return toString(network) + "/" + prefix; }

    static boolean isIpv4(String s) {
        return s != null && s.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    private static int toInt(String ip, String context) {
        String[] o = ip.strip().split("\\.");
        if (o.length != 4) {
            throw new BadInput("'" + context + "' is not an IPv4 address", "write it like 10.213.77.11");
        }
        int v = 0;
        for (String s : o) {
            int b;
            try {
                b = Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw new BadInput("'" + context + "' is not an IPv4 address", "write it like 10.213.77.11");
            }
            if (b < 0 || b > 255) {
                throw new BadInput("'" + context + "' is not an IPv4 address", "each part must be 0-255");
            }
            v = (v << 8) | b;
        }
        return v;
    }

    private static String toString(int v) {
        return ((v >>> 24) & 255) + "." + ((v >>> 16) & 255) + "." + ((v >>> 8) & 255) + "." + (v & 255);
    }
}
