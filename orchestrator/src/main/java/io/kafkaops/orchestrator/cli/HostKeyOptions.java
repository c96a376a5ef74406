package io.kafkaops.orchestrator.cli;

import io.kafkaops.orchestrator.ssh.HostKeyPolicy;
import picocli.CommandLine.Option;

/** How unknown SSH host keys are treated, for every command that connects. */
public final class HostKeyOptions {
    @Option(names = "--accept-new-host-keys",
            description = "add unknown SSH host keys to known_hosts on first contact (a changed key is always refused)")
    boolean acceptNewHostKeys;

    public HostKeyPolicy policy() { return acceptNewHostKeys ? HostKeyPolicy.ACCEPT_NEW : HostKeyPolicy.STRICT; }
}
