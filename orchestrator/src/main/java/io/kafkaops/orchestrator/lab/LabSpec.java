package io.kafkaops.orchestrator.lab;

import io.kafkaops.orchestrator.BadInput;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** What a lab should look like: its name, its subnet and its hosts with their addresses. */
public record LabSpec(String name, Subnet subnet, List<LabHost> hosts) {

    public static final String DEFAULT_NAME = "lab";
    private static final Pattern LAB_NAME = Pattern.compile("[a-z][a-z0-9]{0,7}");
    private static final Pattern HOST_NAME = Pattern.compile("[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?");
    /** Addresses below this offset are left to the bridge and future use. */
    private static final int FIRST_ASSIGNED = 10;

    public LabSpec {
        hosts = List.copyOf(hosts);
    }

    /** host1..hostN. */
    public static LabSpec numbered(String name, Subnet subnet, int count) {
        if (count < 1 || count > 64) {
            throw new BadInput("--hosts " + count + " is out of range", "give 1 to 64 hosts");
        }
        Map<String, Optional<String>> wanted = new LinkedHashMap<>();
        for (int i = 1; i <= count; i++) wanted.put("host" + i, Optional.empty());
        return of(name, subnet, wanted);
    }

    /** Hosts in order; a present address is kept when it lies in the subnet, else one is assigned. */
    public static LabSpec of(String name, Subnet subnet, Map<String, Optional<String>> wanted) {
        checkName(name);
        if (wanted.isEmpty()) {
            throw new BadInput("the lab would have no hosts", "give --hosts N or an inventory with hosts");
        }
        Set<Integer> taken = new HashSet<>();
        taken.add(1);
        Map<String, String> fixed = new LinkedHashMap<>();
        wanted.forEach((host, address) -> {
            if (!HOST_NAME.matcher(host).matches()) {
                throw new BadInput("'" + host + "' cannot be a lab host name", "use letters, digits and '-' (a hostname)");
            }
            address.filter(Subnet::isIpv4).filter(subnet::contains).ifPresent(a -> {
                int offset = subnet.offsetOf(a);
                if (offset <= 1 || offset >= subnet.size() - 1) return;
                if (!taken.add(offset)) {
                    throw new BadInput("two lab hosts share the address " + a, "give each host its own ansible_host");
                }
                fixed.put(host, a);
            });
        });
        List<LabHost> hosts = new ArrayList<>();
        int next = FIRST_ASSIGNED;
        for (String host : wanted.keySet()) {
            String address = fixed.get(host);
            if (address == null) {
                while (taken.contains(next)) next++;
                address = subnet.address(next);
                taken.add(next);
            }
            hosts.add(new LabHost(host, address));
        }
        return new LabSpec(name, subnet, hosts);
    }

    public static void checkName(String name) {
        if (!LAB_NAME.matcher(name).matches()) {
            throw new BadInput("lab name '" + name + "' is not allowed",
                    "use 1-8 lower-case letters and digits, starting with a letter (it becomes part of interface names)");
        }
    }

    public Optional<LabHost> host(String host) {
        return hosts.stream().filter(h -> h.name().equals(host)).findFirst();
    }

    public LabHost requireHost(String host) {
        return host(host).orElseThrow(() -> new BadInput("lab '" + name + "' has no host '" + host + "'",
                "run 'orchestrator lab status --name " + name + "' to see its hosts"));
    }
}
