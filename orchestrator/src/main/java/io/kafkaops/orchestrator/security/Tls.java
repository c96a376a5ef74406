package io.kafkaops.orchestrator.security;

/**
 * The brokers' TLS: where the stores come from, where they live on each host and their passwords (the same on every broker).
 *
 * @param hostDir cp-ansible's ssl_file_dir: the directory on the host that holds the stores
 */
public record Tls(TlsSource source, String hostDir, Password keystorePassword, Password keyPassword, Password truststorePassword) {
    public static final String KEYSTORE = "kafka_broker.keystore.p12";
    public static final String TRUSTSTORE = "kafka_broker.truststore.p12";
    public static final String STORE_TYPE = "PKCS12";

    public String keystoreLocation() { return join(KEYSTORE); }

    public String truststoreLocation() { return join(TRUSTSTORE); }

    private String join(String file) {
        return hostDir.endsWith("/") ? hostDir + file : hostDir + "/" + file;
    }
}
