package io.kafkaops.orchestrator.tls;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.bc.BcPEMDecryptorProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

import io.kafkaops.orchestrator.BadInput;
import io.kafkaops.orchestrator.SourceRef;

/** PEM files on the control machine: certificates, and a private key in PKCS#8 (plain or encrypted) or PKCS#1/SEC1 form. */
final class PemFiles {
    private PemFiles() {}

    static List<X509Certificate> certificates(Path file) {
        List<X509Certificate> out = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(in)) {
            for (Object o = pem.readObject(); o != null; o = pem.readObject()) {
                if (o instanceof X509CertificateHolder h) out.add(converter.getCertificate(h));
            }
        } catch (IOException | CertificateException | RuntimeException e) {
            throw bad(file, file + " cannot be read as PEM certificates (" + e.getClass().getSimpleName() + ")");
        }
        if (out.isEmpty()) throw bad(file, file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        return out;
    }

    static PrivateKey privateKey(Path file, Optional<char[]> password) {
        Object o;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(in)) {
            do {
                o = pem.readObject();
            } while (o != null && !(o instanceof PEMKeyPair || o instanceof PrivateKeyInfo || o instanceof PKCS8EncryptedPrivateKeyInfo
                    || o instanceof PEMEncryptedKeyPair));
        } catch (IOException | RuntimeException e) {
            throw bad(file, file + " cannot be read as a PEM private key (" + e.getClass().getSimpleName() + ")");
        }
        if (o == null) throw bad(file, file + " holds no PEM private key (-----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----)");
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try {
            if (o instanceof PEMKeyPair pair) return converter.getKeyPair(pair).getPrivate();
            if (o instanceof PrivateKeyInfo info) return converter.getPrivateKey(info);
            char[] pw = password.orElseThrow(() -> new BadInput(new SourceRef(file, null), "the private key in " + file + " is encrypted and no key password is given",
                    "give the key's password in the inventory, or use an unencrypted key file (mode 0600)"));
            try {
                if (o instanceof PKCS8EncryptedPrivateKeyInfo enc) {
                    return converter.getPrivateKey(enc.decryptPrivateKeyInfo(new JceOpenSSLPKCS8DecryptorProviderBuilder().build(pw)));
                }
                return converter.getKeyPair(((PEMEncryptedKeyPair) o).decryptKeyPair(new BcPEMDecryptorProvider(pw))).getPrivate();
            } catch (PKCSException | IOException | OperatorCreationException e) {
                throw bad(file, "the private key in " + file + " does not open with the key password given");
            }
        } catch (IOException e) {
            throw bad(file, "the private key in " + file + " cannot be converted (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Whether {@code key} is the private half of {@code publicKey}: it signs, the public key verifies. */
    static boolean pairs(PrivateKey key, PublicKey publicKey) {
        if (!key.getAlgorithm().equals(publicKey.getAlgorithm())) return false;
        try {
            String algorithm = signatureAlgorithm(key);
            byte[] probe = "orchestrator key check".getBytes(StandardCharsets.US_ASCII);
            Signature sign = Signature.getInstance(algorithm);
            sign.initSign(key);
            sign.update(probe);
            byte[] signature = sign.sign();
            Signature verify = Signature.getInstance(algorithm);
            verify.initVerify(publicKey);
            verify.update(probe);
            return verify.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    static String signatureAlgorithm(PrivateKey key) {
        return switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> throw new IllegalArgumentException("keys of type " + key.getAlgorithm() + " are not supported (RSA or EC)");
        };
    }

    static boolean signedBy(X509Certificate certificate, X509Certificate issuer) {
        if (!certificate.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) return false;
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    static BadInput bad(Path file, String problem) {
        return new BadInput(new SourceRef(file, null), problem, "check the file named in the inventory (PEM, as openssl writes it)");
    }
}
