package io.kafkaops.orchestrator.testkit;

/**
 * A committed lab inventory moved onto a test's own lab: its subnet's third octet, host names with a prefix, and the lab
 * and CA directories of that lab name - so the test never meets another lab (the default one uses 10.213.77.0/24).
 */
public final class OwnLab {
    private OwnLab() {}

    /** @param octet the third octet of the test's 10.213.X.0/24; @param lab its lab name; @param hostPrefix put before zk1, kafka1, ... */
    public static String of(String inventoryText, int octet, String lab, String hostPrefix) {
        return inventoryText.replace("10.213.77.", "10.213." + octet + ".")
                .replace("/var/lib/orchestrator-lab/lab/", "/var/lib/orchestrator-lab/" + lab + "/")
                .replace("/var/lib/orchestrator-lab/lab-secure/", "/var/lib/orchestrator-lab/" + lab + "-secure/")
                .replaceAll("(?m)^(\\s+)(zk\\d|kafka\\d|kctl\\d):", "$1" + hostPrefix + "$2:");
    }
}
