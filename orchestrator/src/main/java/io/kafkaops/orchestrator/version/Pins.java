package io.kafkaops.orchestrator.version;

/** The server.properties keys that hold a cluster back at an older protocol or message format. */
public final class Pins {
    public static final String IBP = "inter.broker.protocol.version";
    public static final String LMF = "log.message.format.version";

    private Pins() {}
}
