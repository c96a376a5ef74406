package io.kafkaops.orchestrator.security;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where a broker's keystore and truststore come from. Every path is on the control machine; the stores are written to the
 * host as PKCS12 under {@link Tls#hostDir()}.
 */
public sealed interface TlsSource {
    /** cp-ansible's ssl_provided_keystore_and_truststore: the user's own stores, one pair per broker host. */
    record ProvidedStores(Map<String, Stores> hosts) implements TlsSource {
        public ProvidedStores { hosts = Map.copyOf(hosts); }
    }

    /** cp-ansible's ssl_custom_certs: the user's CA and each broker's signed certificate and key (PEM). */
    record CustomCerts(Map<String, Pem> hosts) implements TlsSource {
        public CustomCerts { hosts = Map.copyOf(hosts); }
    }

    /** cp-ansible's self_signed: a CA generated on the control machine in caDir, and per-host certificates it signs. */
    record SelfSigned(Path caDir) implements TlsSource {}

    record Stores(Path keystore, Path truststore) {}

    /** @param keyPassword the PEM key's passphrase (cp-ansible's ssl_key_password), if it has one */
    record Pem(Path caCert, Path signedCert, Path key, Optional<Password> keyPassword) {}
}
