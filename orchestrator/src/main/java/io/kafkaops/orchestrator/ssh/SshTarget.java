package io.kafkaops.orchestrator.ssh;

import java.nio.file.Path;
import java.util.Optional;

/** How to reach one inventory host, from its connection variables. */
public record SshTarget(String name, String address, int port, String user, Optional<Path> privateKey,
                        Optional<Path> knownHosts, boolean become) {}
