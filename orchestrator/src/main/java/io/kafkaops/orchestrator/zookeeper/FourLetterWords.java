package io.kafkaops.orchestrator.zookeeper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** ZooKeeper's four-letter words (srvr, mntr) over TCP: what mode a node is in. */
public final class FourLetterWords {
    private static final int TIMEOUT_MS = 3000;

    private FourLetterWords() {}

    public static String send(String host, int port, String word) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), TIMEOUT_MS);
            s.setSoTimeout(TIMEOUT_MS);
            OutputStream out = s.getOutputStream();
            out.write(word.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** "leader", "follower", "standalone", or empty when unreachable or not serving. */
    public static Optional<String> mode(String host, int port) {
        try {
            for (String line : send(host, port, "srvr").split("\n")) {
                if (line.startsWith("Mode:")) return Optional.of(line.substring(5).strip());
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
