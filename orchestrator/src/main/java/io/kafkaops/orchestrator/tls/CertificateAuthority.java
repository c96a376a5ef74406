package io.kafkaops.orchestrator.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import io.kafkaops.orchestrator.BadInput;
import io.kafkaops.orchestrator.SourceRef;

/**
 * The cluster's own CA on the control machine, for the lab and for users who ask for generated certificates.
 * Made once in its directory and reused by every later run; a damaged CA file stops the run (a silently new CA
 * would leave every host and client trusting the old one).
 *
 * <pre>
 * dir/                      0700
 *   ca.key                  0600  PKCS#8 PEM, RSA 2048
 *   ca.crt                  0644  PEM, SHA256withRSA, 10 years
 *   store-password          0600  generated when the inventory gives none
 *   truststore.p12          0600  the CA certificate, for brokers and clients
 *   hosts/                  0700
 *     HOST.keystore.p12     0600  the host's key and chain (host certificate, CA)
 * </pre>
 *
 * RSA 2048 with SHA-256 because every JSSE Kafka runs on (Java 8 to 21) accepts it.
 * One instance per directory per process: {@link #storesFor} is synchronized, the cluster lease keeps other runs out.
 */
public final class CertificateAuthority {
    public static final Duration CA_VALIDITY = Duration.ofDays(3650);
    /** The longest validity current TLS clients accept for a leaf certificate. */
    public static final Duration HOST_VALIDITY = Duration.ofDays(825);
    /** A host certificate this close to its end is issued anew on the next provision. */
    public static final Duration RENEW_BEFORE = Duration.ofDays(30);
    /** Clocks of hosts that are a little behind still accept a certificate issued just now. */
    private static final Duration BACKDATE = Duration.ofHours(1);
    private static final Pattern HOST_FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final char[] PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();
    private static final int PASSWORD_LENGTH = 32;

    private final Path dir;
    private final X509Certificate certificate;
    private final PrivateKey key;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    private CertificateAuthority(Path dir, X509Certificate certificate, PrivateKey key, Clock clock) {
        this.dir = dir;
        this.certificate = certificate;
        this.key = key;
        this.clock = clock;
    }

    /** The CA in {@code dir}, made there (subject "CN=CLUSTER CA, O=orchestrator") when the directory holds none. */
    public static CertificateAuthority loadOrCreate(Path dir, String clusterName, Clock clock) {
        PrivateFiles.directory(dir);
        Path keyFile = dir.resolve("ca.key"), certFile = dir.resolve("ca.crt");
        boolean hasKey = Files.exists(keyFile), hasCert = Files.exists(certFile);
        if (!hasKey && !hasCert) return create(dir, clusterName, clock);
        if (!hasKey) throw damaged(keyFile, "is missing beside " + certFile);
        if (!hasCert) throw damaged(certFile, "is missing beside " + keyFile);
        PrivateKey key;
        X509Certificate cert;
        try {
            key = PemFiles.privateKey(keyFile, Optional.empty());
        } catch (BadInput e) {
            throw damaged(keyFile, "cannot be read as the CA's private key");
        }
        try {
            cert = PemFiles.certificates(certFile).get(0);
        } catch (BadInput e) {
            throw damaged(certFile, "cannot be read as the CA's certificate");
        }
        if (!PemFiles.pairs(key, cert.getPublicKey())) throw damaged(keyFile, "does not belong to the certificate in " + certFile);
        if (cert.getBasicConstraints() < 0) throw damaged(certFile, "is not a CA certificate (no basicConstraints CA:TRUE)");
        return new CertificateAuthority(dir, cert, key, clock);
    }

    /**
     * The store password kept in {@code dir/store-password} (0600), made once: 32 random letters and digits.
     * For clusters whose inventory gives no password of its own.
     */
    public static char[] storePassword(Path dir) {
        PrivateFiles.directory(dir);
        Path file = dir.resolve("store-password");
        if (Files.exists(file)) {
            char[] pw;
            try {
                pw = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip().toCharArray();
            } catch (IOException e) {
                throw damaged(file, "cannot be read (" + e.getClass().getSimpleName() + ")");
            }
            if (pw.length < 6) throw damaged(file, "holds no password of 6 or more characters (Kafka's keystores need one)");
            return pw;
        }
        SecureRandom random = new SecureRandom();
        char[] pw = new char[PASSWORD_LENGTH];
        for (int i = 0; i < pw.length; i++) pw[i] = PASSWORD_ALPHABET[random.nextInt(PASSWORD_ALPHABET.length)];
        byte[] bytes = (new String(pw) + "\n").getBytes(StandardCharsets.UTF_8);
        PrivateFiles.write(file, bytes, PrivateFiles.SECRET);
        Arrays.fill(bytes, (byte) 0);
        return pw;
    }

    /**
     * The host's keystore and the truststore, under {@code storePassword}. The host certificate has CN=host, the
     * given DNS names and IP addresses as SANs, serverAuth and clientAuth, {@link #HOST_VALIDITY}. A kept keystore
     * is returned byte for byte while it opens with the password, was signed by this CA, names the same SANs and
     * is more than {@link #RENEW_BEFORE} from its end; otherwise a new key and certificate replace it.
     */
    public synchronized HostStores storesFor(String host, List<String> dnsNames, List<String> ipAddresses, char[] storePassword) {
        if (!HOST_FILE_NAME.matcher(host).matches()) {
            throw new IllegalArgumentException("the host name '" + host + "' cannot name its keystore file");
        }
        if (storePassword.length < 6) throw new IllegalArgumentException("a store password needs 6 or more characters (Kafka's keystores need one)");
        List<String> dns = CertificateInfo.normalizedDns(dnsNames);
        List<String> ips = CertificateInfo.normalizedIps(ipAddresses);
        if (dns.isEmpty() && ips.isEmpty()) throw new IllegalArgumentException("a host certificate for " + host + " needs at least one DNS name or IP address");

        byte[] trust = Pkcs12Store.truststore(List.of(certificate), storePassword);
        Path truststore = truststore();
        if (!sameContent(truststore, trust)) PrivateFiles.write(truststore, trust, PrivateFiles.SECRET);

        Path keystore = keystore(host);
        byte[] kept = keptKeystore(keystore, host, dns, ips, storePassword);
        if (kept == null) {
            kept = issue(host, dns, ips, storePassword);
            PrivateFiles.directory(keystore.getParent());
            PrivateFiles.write(keystore, kept, PrivateFiles.SECRET);
        }
        return new HostStores(kept, StoreType.PKCS12, trust, StoreType.PKCS12, Optional.of(truststore));
    }

    public X509Certificate certificate() { return certificate; }
    public CertificateInfo describe() { return CertificateInfo.of(certificate); }
    public Path directory() { return dir; }
    /** The CA's truststore on the control machine: {@code ssl.truststore.location} of client properties. */
    public Path truststore() { return dir.resolve("truststore.p12"); }
    public Path keystore(String host) { return dir.resolve("hosts").resolve(host + ".keystore.p12"); }

    @Override
    public String toString() {
        return "CertificateAuthority[" + dir + ", " + certificate.getSubjectX500Principal().getName() + ", until " + certificate.getNotAfter().toInstant() + "]";
    }

    /** The kept keystore's bytes when it still serves, else null. */
    private byte[] keptKeystore(Path file, String host, List<String> dns, List<String> ips, char[] password) {
        if (!Files.exists(file)) return null;
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return null;
        }
        try {
            KeyStore store = StoreType.open(bytes, password);
            Certificate[] chain = store.getCertificateChain(host);
            if (chain == null || !(chain[0] instanceof X509Certificate leaf) || store.getKey(host, password) == null) return null;
            if (!PemFiles.signedBy(leaf, certificate)) return null;
            CertificateInfo info = CertificateInfo.of(leaf);
            if (!info.dnsNames().stream().map(d -> d.toLowerCase(java.util.Locale.ROOT)).toList().equals(dns) || !info.ipAddresses().equals(ips)) return null;
            if (info.expiresWithin(RENEW_BEFORE, clock.instant())) return null;
            if (leaf.getNotBefore().toInstant().isAfter(clock.instant())) return null;
            return bytes;
        } catch (StoreType.StoreUnreadable | GeneralSecurityException e) {
            return null; // another password or a damaged file: the host gets a new keystore
        }
    }

    private byte[] issue(String host, List<String> dns, List<String> ips, char[] password) {
        try {
            KeyPair pair = rsaKeyPair();
            Instant now = clock.instant();
            Instant notAfter = now.plus(HOST_VALIDITY);
            Instant caEnd = certificate.getNotAfter().toInstant();
            if (notAfter.isAfter(caEnd)) notAfter = caEnd;
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, host).build();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serial(), Date.from(now.minus(BACKDATE)),
                    Date.from(notAfter), subject, pair.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            List<GeneralName> names = new ArrayList<>();
            dns.forEach(d -> names.add(new GeneralName(GeneralName.dNSName, d)));
            ips.forEach(i -> names.add(new GeneralName(GeneralName.iPAddress, i)));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate));
            X509Certificate leaf = sign(builder, key);
            return Pkcs12Store.keystore(host, pair.getPrivate(), List.of(leaf, certificate), password);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot issue the certificate for " + host, e);
        }
    }

    private static CertificateAuthority create(Path dir, String clusterName, Clock clock) {
        try {
            KeyPair pair = rsaKeyPair();
            Instant now = clock.instant();
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, clusterName + " CA").addRDN(BCStyle.O, "orchestrator").build();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(new SecureRandom()), Date.from(now.minus(BACKDATE)),
                    Date.from(now.plus(CA_VALIDITY)), subject, pair.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
            X509Certificate cert = sign(builder, pair.getPrivate());
            // the certificate last: a run cut short leaves a key without a certificate, which the next run names
            PrivateFiles.write(dir.resolve("ca.key"), pem(new JcaPKCS8Generator(pair.getPrivate(), null)), PrivateFiles.SECRET);
            PrivateFiles.write(dir.resolve("ca.crt"), pem(cert), PrivateFiles.PUBLIC);
            return new CertificateAuthority(dir, cert, pair.getPrivate(), clock);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot create the CA in " + dir, e);
        }
    }

    private static KeyPair rsaKeyPair() throws GeneralSecurityException {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        return gen.generateKeyPair();
    }

    private BigInteger serial() { return serial(random); }

    /** 127 random bits: positive, unique in practice, as the CA/B forum asks (at least 64). */
    private static BigInteger serial(SecureRandom random) { return new BigInteger(127, random).setBit(126); }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder(PemFiles.signatureAlgorithm(signer)).build(signer)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static byte[] pem(Object o) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(o);
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean sameContent(Path file, byte[] content) {
        try {
            return Files.exists(file) && Arrays.equals(Files.readAllBytes(file), content);
        } catch (IOException e) {
            return false;
        }
    }

    private static BadInput damaged(Path file, String problem) {
        return new BadInput(new SourceRef(file, null), "the CA file " + file + " " + problem + "; the CA is not made anew by itself, since hosts and clients trust it",
                "restore " + file.getFileName() + " from a backup of " + file.getParent() + "; to start over with a new CA on purpose, move "
                        + file.getParent() + " away: the next provision makes a new CA and new stores for every host, and clients must trust the new ca.crt");
    }
}
