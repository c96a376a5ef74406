package io.kafkaops.orchestrator.provision;

/** How provisioning ended on one host, for the summary table. */
public sealed interface HostOutcome {
    String host();

    record Unchanged(String host) implements HostOutcome {}

    record Changed(String host, int changes) implements HostOutcome {}

    record Refused(String host, String why) implements HostOutcome {}

    record Failed(String host, String step, String command, String stderr) implements HostOutcome {}

    record Unreachable(String host, String why) implements HostOutcome {}
}
