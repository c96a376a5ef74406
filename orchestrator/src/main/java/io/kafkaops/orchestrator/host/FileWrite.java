package io.kafkaops.orchestrator.host;

import io.kafkaops.orchestrator.ssh.RemoteHost;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** A file to write on a host, whole, with its owner and mode. Its content is never printed: it may hold secrets. */
public record FileWrite(String path, String content, String owner, String mode) {
    public void to(RemoteHost host) throws IOException {
        host.write(path, content.getBytes(StandardCharsets.UTF_8), owner, mode);
    }

    @Override
    public String toString() {
        return "FileWrite[" + path + " " + owner + " " + mode + ", " + content.length() + " chars]";
    }
}
