package io.kafkaops.orchestrator.tls;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.kafkaops.orchestrator.BadInput;
import io.kafkaops.orchestrator.SourceRef;

/**
 * What a broker host gets: its keystore (its private key and certificate chain) and the truststore (the CA),
 * as the bytes to put on the host. {@code clientTruststore} is the truststore's file on the control machine,
 * for client properties; empty when the stores were built from PEM files and no such file exists.
 */
public record HostStores(byte[] keystore, StoreType keystoreType, byte[] truststore, StoreType truststoreType, Optional<Path> clientTruststore) {

    public HostStores {
        keystore = keystore.clone();
        truststore = truststore.clone();
        Objects.requireNonNull(keystoreType);
        Objects.requireNonNull(truststoreType);
        Objects.requireNonNull(clientTruststore);
    }

    @Override public byte[] keystore() { return keystore.clone(); }
    @Override public byte[] truststore() { return truststore.clone(); }

    /** Hex SHA-256 of the keystore bytes, as {@code sha256sum} prints it for the host's copy. */
    public String keystoreSha256() { return sha256(keystore); }
    public String truststoreSha256() { return sha256(truststore); }

    /**
     * cp-ansible's {@code ssl_custom_certs}: a CA certificate file (one or more CAs), the host's signed
     * certificate (optionally followed by intermediates) and its key, all PEM. Gives a PKCS12 keystore (key and
     * chain up to the CA) and a PKCS12 truststore (the CA file's certificates), both under {@code storePassword};
     * the same files and password give the same bytes.
     */
    public static HostStores fromPem(Path caCert, Path signedCert, Path key, Optional<char[]> keyPassword, char[] storePassword) {
        List<X509Certificate> cas = PemFiles.certificates(caCert);
        List<X509Certificate> signed = PemFiles.certificates(signedCert);
        PrivateKey privateKey = PemFiles.privateKey(key, keyPassword);
        X509Certificate leaf = signed.get(0);
        if (!PemFiles.pairs(privateKey, leaf.getPublicKey())) {
            throw new BadInput(new SourceRef(key, null), "the private key in " + key + " does not belong to the certificate in " + signedCert
                    + " (" + leaf.getSubjectX500Principal().getName() + ")", "give the key the certificate was issued for");
        }
        List<X509Certificate> chain = chain(leaf, signed.subList(1, signed.size()), cas);
        if (chain.stream().noneMatch(cas::contains) && cas.stream().noneMatch(ca -> PemFiles.signedBy(chain.get(chain.size() - 1), ca))) {
            throw new BadInput(new SourceRef(signedCert, null), "the certificate in " + signedCert + " (issuer "
                    + chain.get(chain.size() - 1).getIssuerX500Principal().getName() + ") does not chain to a CA in " + caCert,
                    "put the CA that signed it (and any intermediate) in the CA certificate file");
        }
        String alias = CertificateInfo.commonName(leaf.getSubjectX500Principal().getName()).orElse("host").toLowerCase(java.util.Locale.ROOT);
        return new HostStores(Pkcs12Store.keystore(alias, privateKey, chain, storePassword), StoreType.PKCS12,
                Pkcs12Store.truststore(cas, storePassword), StoreType.PKCS12, Optional.empty());
    }

    /**
     * cp-ansible's {@code ssl_provided_keystore_and_truststore}: the user's PKCS12 or JKS files, used as they are
     * (the bytes are not rewritten) once they open with their passwords and hold a key entry and a trusted certificate.
     */
    public static HostStores provided(Path keystore, char[] storePass, Path truststore, char[] trustPass) {
        byte[] keys = CertificateInfo.read(keystore);
        byte[] trust = CertificateInfo.read(truststore);
        KeyStore k = CertificateInfo.open(keys, storePass, keystore);
        KeyStore t = CertificateInfo.open(trust, trustPass, truststore);
        try {
            if (Collections.list(k.aliases()).stream().noneMatch(a -> isKey(k, a))) {
                throw new BadInput(new SourceRef(keystore, null), "the keystore " + keystore + " holds no private key entry",
                        "give a keystore with the host's private key and certificate (keytool -importkeystore or openssl pkcs12 -export)");
            }
            if (Collections.list(t.aliases()).stream().noneMatch(a -> isCertificate(t, a))) {
                throw new BadInput(new SourceRef(truststore, null), "the truststore " + truststore + " holds no trusted certificate",
                        "import the CA certificate into it (keytool -importcert -alias ca)");
            }
        } catch (KeyStoreException e) {
            throw new IllegalStateException("the store is not loaded", e);
        }
        return new HostStores(keys, StoreType.of(keys).orElseThrow(), trust, StoreType.of(trust).orElseThrow(), Optional.of(truststore));
    }

    /** Leaf first, then each issuer found among the intermediates and CAs, up to a self-signed certificate. */
    private static List<X509Certificate> chain(X509Certificate leaf, List<X509Certificate> intermediates, List<X509Certificate> cas) {
        List<X509Certificate> pool = new ArrayList<>(intermediates);
        pool.addAll(cas);
        List<X509Certificate> chain = new ArrayList<>(List.of(leaf));
        X509Certificate current = leaf;
        while (!PemFiles.signedBy(current, current) && chain.size() < 10) {
            X509Certificate c = current;
            Optional<X509Certificate> issuer = pool.stream().filter(p -> !chain.contains(p) && PemFiles.signedBy(c, p)).findFirst();
            if (issuer.isEmpty()) break;
            chain.add(issuer.get());
            current = issuer.get();
        }
        return chain;
    }

    private static boolean isKey(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (KeyStoreException e) {
            return false;
        }
    }

    private static boolean isCertificate(KeyStore store, String alias) {
        try {
            return store.isCertificateEntry(alias);
        } catch (KeyStoreException e) {
            return false;
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HostStores h && Arrays.equals(keystore, h.keystore) && keystoreType == h.keystoreType
                && Arrays.equals(truststore, h.truststore) && truststoreType == h.truststoreType && clientTruststore.equals(h.clientTruststore);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(keystore), keystoreType, Arrays.hashCode(truststore), truststoreType, clientTruststore);
    }

    @Override
    public String toString() {
        return "HostStores[keystore " + keystoreType + " sha256 " + keystoreSha256().substring(0, 12) + ", truststore " + truststoreType
                + " sha256 " + truststoreSha256().substring(0, 12) + clientTruststore.map(p -> ", client truststore " + p).orElse("") + "]";
    }
}
