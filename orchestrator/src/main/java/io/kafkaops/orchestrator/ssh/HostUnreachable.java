package io.kafkaops.orchestrator.ssh;

import java.io.IOException;

/** No SSH session could be opened to a host: its message says why and, for a host key, how to fix it. */
public final class HostUnreachable extends IOException {
    public HostUnreachable(String message, Throwable cause) {
        super(message, cause);
    }
}
