package io.kafkaops.orchestrator.tls;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

/**
 * Truststores under their own password (the inventory's ssl_truststore_password, which may differ from the keystore's):
 * the brokers' copy and the one clients on this machine use. Deterministic bytes, so an unchanged truststore is "no change".
 */
public final class Truststores {
    private Truststores() {}

    /** The CA's certificate as a PKCS12 truststore. */
    public static byte[] of(CertificateAuthority ca, char[] password) {
        return Pkcs12Store.truststore(List.of(ca.certificate()), password);
    }

    /** The certificates of a PEM CA bundle (cp-ansible's ssl_ca_cert_filepath) as a PKCS12 truststore. */
    public static byte[] fromPem(Path caCert, char[] password) {
        List<X509Certificate> cas = PemFiles.certificates(caCert);
        return Pkcs12Store.truststore(cas, password);
    }

    /** Writes {@code content} to {@code file} (0600) unless it already holds exactly that. */
    public static Path keep(Path file, byte[] content) {
        try {
            if (Files.exists(file) && Arrays.equals(Files.readAllBytes(file), content)) return file;
        } catch (java.io.IOException e) {
            // unreadable: written again below
        }
        PrivateFiles.directory(file.getParent());
        PrivateFiles.write(file, content, PrivateFiles.SECRET);
        return file;
    }
}
