package io.kafkaops.orchestrator.provision;

/** How provisioning ended on one host, for the summary table. */
public sealed interface HostOutcome {
    String host();

    /** The host's cell in the summary table. */
    String result();

    /** Every change made (or none needed). */
    default boolean ok() { return this instanceof Unchanged || this instanceof Changed; }

    record Unchanged(String host) implements HostOutcome {
        public String result() { return "ok, no changes"; }
    }

    record Changed(String host, int changes) implements HostOutcome {
        public String result() { return "ok, " + changes + " change(s)"; }
    }

    record Refused(String host, String why) implements HostOutcome {
        public String result() { return "refused"; }
    }

    record Failed(String host, String step, String command, String stderr) implements HostOutcome {
        public String result() { return "FAILED at " + step; }
    }

    record Unreachable(String host, String why) implements HostOutcome {
        public String result() { return "UNREACHABLE"; }
    }
}
