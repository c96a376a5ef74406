package io.kafkaops.orchestrator.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.util.IPAddress;

import io.kafkaops.orchestrator.BadInput;
import io.kafkaops.orchestrator.SourceRef;

/**
 * What a certificate says that an operator checks: who it is for, the names a client may reach it by, when it
 * ends and who signed it. IP addresses are in Java's canonical form, DNS names as written.
 */
public record CertificateInfo(String subject, List<String> dnsNames, List<String> ipAddresses, Instant notAfter, String issuer) {

    public CertificateInfo {
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
    }

    public static CertificateInfo of(X509Certificate certificate) {
        List<String> dns = new ArrayList<>(), ips = new ArrayList<>();
        try {
            if (certificate.getSubjectAlternativeNames() != null) {
                for (List<?> name : certificate.getSubjectAlternativeNames()) {
                    int type = (Integer) name.get(0);
                    if (type == 2) dns.add((String) name.get(1));
                    else if (type == 7) ips.add(canonicalIp((String) name.get(1)));
                }
            }
        } catch (CertificateParsingException e) {
            throw new IllegalArgumentException("the subject alternative names of " + certificate.getSubjectX500Principal() + " cannot be read", e);
        }
        return new CertificateInfo(certificate.getSubjectX500Principal().getName(X500Principal.RFC2253), dns, ips,
                certificate.getNotAfter().toInstant(), certificate.getIssuerX500Principal().getName(X500Principal.RFC2253));
    }

    /** The names as openssl prints them: {@code DNS:kafka-1}, {@code IP:10.0.0.1}. */
    public List<String> sans() {
        List<String> out = new ArrayList<>();
        dnsNames.forEach(d -> out.add("DNS:" + d));
        ipAddresses.forEach(i -> out.add("IP:" + i));
        return out;
    }

    public boolean expiresWithin(Duration window, Instant now) {
        return !notAfter.isAfter(now.plus(window));
    }

    /**
     * Why TLS hostname verification ({@code ssl.endpoint.identification.algorithm=https}, Kafka's default since
     * 2.0) would refuse this certificate for a client connecting to {@code advertisedHost}; empty when it would
     * pass. The rule is JSSE's: an IP address must be an IP SAN; a name must match a DNS SAN (a {@code *} matches
     * within one label), and only a certificate without DNS SANs is matched by its most specific CN.
     */
    public Optional<String> missingSan(String advertisedHost) {
        String host = advertisedHost.startsWith("[") && advertisedHost.endsWith("]")
                ? advertisedHost.substring(1, advertisedHost.length() - 1) : advertisedHost;
        String names = sans().isEmpty() ? "no subject alternative names" : "the subject alternative names " + String.join(", ", sans());
        String refusal = ": TLS hostname verification (on by default since Kafka 2.0) would refuse it";
        if (isIpLiteral(host)) {
            if (ipAddresses.contains(canonicalIp(host))) return Optional.empty();
            return Optional.of("the certificate " + subject + " has " + names + " but not IP:" + host
                    + ", the address clients connect to" + refusal);
        }
        if (!dnsNames.isEmpty()) {
            for (String d : dnsNames) if (dnsMatches(host, d)) return Optional.empty();
            return Optional.of("the certificate " + subject + " has " + names + " but not DNS:" + host
                    + ", the name clients connect to" + refusal);
        }
        Optional<String> cn = commonName(subject);
        if (cn.isPresent() && dnsMatches(host, cn.get())) return Optional.empty();
        return Optional.of("the certificate " + subject + " has " + names + " and its CN is not " + host
                + ", the name clients connect to" + refusal);
    }

    /** Every certificate in a PKCS12 or JKS store, alias by alias: a key entry's chain (its own certificate first), then trusted entries. */
    public static List<CertificateInfo> describe(byte[] store, char[] password) {
        return describe(open(store, password, null));
    }

    public static List<CertificateInfo> describe(Path store, char[] password) {
        return describe(open(read(store), password, store));
    }

    /** The certificate of the store's (first, by alias) private key entry: the one a broker presents. */
    public static CertificateInfo hostCertificate(byte[] keystore, char[] password) {
        return hostCertificate(open(keystore, password, null), null);
    }

    public static CertificateInfo hostCertificate(Path keystore, char[] password) {
        return hostCertificate(open(read(keystore), password, keystore), keystore);
    }

    /** The hosts (sorted) whose certificate ends within {@code window} of {@code now}. */
    public static List<String> expiringWithin(Map<String, CertificateInfo> byHost, Duration window, Instant now) {
        return new TreeMap<>(byHost).entrySet().stream().filter(e -> e.getValue().expiresWithin(window, now)).map(Map.Entry::getKey).toList();
    }

    private static List<CertificateInfo> describe(KeyStore store) {
        List<CertificateInfo> out = new ArrayList<>();
        try {
            List<String> aliases = Collections.list(store.aliases());
            Collections.sort(aliases);
            for (String alias : aliases) {
                if (store.isKeyEntry(alias)) {
                    Certificate[] chain = store.getCertificateChain(alias);
                    if (chain != null) for (Certificate c : chain) out.add(of((X509Certificate) c));
                }
            }
            for (String alias : aliases) {
                if (store.isCertificateEntry(alias)) out.add(of((X509Certificate) store.getCertificate(alias)));
            }
        } catch (KeyStoreException e) {
            throw new IllegalStateException("the store is not loaded", e);
        }
        return out;
    }

    private static CertificateInfo hostCertificate(KeyStore store, Path file) {
        try {
            List<String> aliases = Collections.list(store.aliases());
            Collections.sort(aliases);
            for (String alias : aliases) {
                if (store.isKeyEntry(alias) && store.getCertificate(alias) instanceof X509Certificate c) return of(c);
            }
        } catch (KeyStoreException e) {
            throw new IllegalStateException("the store is not loaded", e);
        }
        throw new BadInput(new SourceRef(file, null), "the keystore holds no private key entry, so a broker has no certificate to present",
                "give a keystore made with the host's private key and its signed certificate");
    }

    static KeyStore open(byte[] bytes, char[] password, Path file) {
        try {
            return StoreType.open(bytes, password);
        } catch (StoreType.StoreUnreadable e) {
            throw new BadInput(new SourceRef(file, null), (file == null ? "the store" : "the store " + file) + " cannot be opened: " + e.getMessage(),
                    "check that the file is a PKCS12 or JKS store and that the inventory gives its password");
        }
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new BadInput(new SourceRef(file, null), "cannot read " + file + " (" + e.getClass().getSimpleName() + ")",
                    "check the path and that this user may read it");
        }
    }

    // --- names, the way JSSE's hostname checker compares them

    static boolean isIpLiteral(String host) {
        return IPAddress.isValid(host);
    }

    /** Java's form of an IP literal (no lookup: the argument is a literal). */
    static String canonicalIp(String literal) {
        try {
            return InetAddress.getByName(literal).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + literal);
        }
    }

    /** DNS names lower-cased, IPs canonical, duplicates dropped, order kept. */
    static List<String> normalizedDns(List<String> names) {
        Set<String> out = new LinkedHashSet<>();
        for (String n : names) out.add(n.toLowerCase(Locale.ROOT));
        return List.copyOf(out);
    }

    static List<String> normalizedIps(List<String> ips) {
        Set<String> out = new LinkedHashSet<>();
        for (String ip : ips) {
            if (!isIpLiteral(ip)) throw new IllegalArgumentException("not an IP address: " + ip);
            out.add(canonicalIp(ip));
        }
        return List.copyOf(out);
    }

    static boolean dnsMatches(String host, String template) {
        String name = host.toLowerCase(Locale.ROOT), pattern = template.toLowerCase(Locale.ROOT);
        if (pattern.equals("*") || pattern.equals("*.")) return false;
        int lastStar = pattern.lastIndexOf('*');
        if (lastStar >= 0 && pattern.indexOf('.', lastStar) < 0) return false; // a wildcard in the last label
        String[] nameLabels = name.split("\\."), patternLabels = pattern.split("\\.");
        if (nameLabels.length != patternLabels.length) return false;
        for (int i = 0; i < nameLabels.length; i++) {
            if (!labelMatches(nameLabels[i], patternLabels[i])) return false;
        }
        return true;
    }

    private static boolean labelMatches(String label, String pattern) {
        String regex = ("\\Q" + pattern.replace("*", "\\E[^.]*\\Q") + "\\E");
        return label.matches(regex);
    }

    static Optional<String> commonName(String rfc2253Subject) {
        RDN[] cns = new X500Name(BCStyle.INSTANCE, rfc2253Subject).getRDNs(BCStyle.CN);
        return cns.length == 0 ? Optional.empty() : Optional.of(IETFUtils.valueToString(cns[0].getFirst().getValue()));
    }
}
