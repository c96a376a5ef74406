package io.kafkaops.orchestrator.tls;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
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
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.PBEParametersGenerator;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.engines.DESedeEngine;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.paddings.PaddedBufferedBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.bouncycastle.pkcs.bc.BcPKCS12PBEInputDecryptorProviderBuilder;
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
        try {
            if (o instanceof PEMKeyPair pair) return jdkKey(pair.getPrivateKeyInfo(), file);
            if (o instanceof PrivateKeyInfo info) return jdkKey(info, file);
            char[] pw = password.orElseThrow(() -> new BadInput(new SourceRef(file, null), "the private key in " + file + " is encrypted and no key password is given",
                    "give the key's password in the inventory, or use an unencrypted key file (mode 0600)"));
            try {
                if (o instanceof PKCS8EncryptedPrivateKeyInfo enc) return jdkKey(decrypt(enc, pw, file), file);
                return jdkKey(((PEMEncryptedKeyPair) o).decryptKeyPair(new BcPEMDecryptorProvider(pw)).getPrivateKeyInfo(), file);
            } catch (BadInput e) {
                throw e;
            } catch (PKCSException | IOException | InvalidCipherTextException | RuntimeException e) {
                throw bad(file, "the private key in " + file + " does not open with the key password given");
            }
        } catch (IOException e) {
            throw bad(file, "the private key in " + file + " cannot be converted (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * The key through the JDK's own key factory by its standard name ("RSA", "EC"), whichever providers are
     * registered (sshj registers Bouncy Castle's, whose EC keys call themselves "ECDSA").
     */
    private static PrivateKey jdkKey(PrivateKeyInfo info, Path file) throws IOException {
        ASN1ObjectIdentifier algorithm = info.getPrivateKeyAlgorithm().getAlgorithm();
        String name;
        if (algorithm.equals(PKCSObjectIdentifiers.rsaEncryption)) name = "RSA";
        else if (algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) name = "EC";
        else throw new BadInput(new SourceRef(file, null), "the private key in " + file + " is of type " + algorithm + ", not RSA or EC",
                "give an RSA or EC key");
        try {
            return KeyFactory.getInstance(name).generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    /**
     * An encrypted PKCS#8 key, decrypted with Bouncy Castle's own engines (the JDK's providers lack the
     * PKCS7Padding name BC asks for, and a JCE provider from a repackaged jar is refused by some JDKs):
     * PBES2 (openssl 3's default: PBKDF2 with an HMAC-SHA PRF, AES-CBC or 3DES-CBC) and the PKCS#12 PBE schemes.
     */
    static PrivateKeyInfo decrypt(PKCS8EncryptedPrivateKeyInfo enc, char[] password, Path file) throws PKCSException, InvalidCipherTextException {
        AlgorithmIdentifier scheme = enc.getEncryptionAlgorithm();
        if (!scheme.getAlgorithm().equals(PKCSObjectIdentifiers.id_PBES2)) {
            return enc.decryptPrivateKeyInfo(new BcPKCS12PBEInputDecryptorProviderBuilder().build(password));
        }
        PBES2Parameters pbes2 = PBES2Parameters.getInstance(scheme.getParameters());
        if (!pbes2.getKeyDerivationFunc().getAlgorithm().equals(PKCSObjectIdentifiers.id_PBKDF2)) throw unsupported(file, pbes2.getKeyDerivationFunc().getAlgorithm());
        PBKDF2Params kdf = PBKDF2Params.getInstance(pbes2.getKeyDerivationFunc().getParameters());
        ASN1ObjectIdentifier prf = kdf.getPrf().getAlgorithm();
        Digest digest;
        if (prf.equals(PKCSObjectIdentifiers.id_hmacWithSHA1)) digest = new SHA1Digest();
        else if (prf.equals(PKCSObjectIdentifiers.id_hmacWithSHA256)) digest = new SHA256Digest();
        else if (prf.equals(PKCSObjectIdentifiers.id_hmacWithSHA384)) digest = new SHA384Digest();
        else if (prf.equals(PKCSObjectIdentifiers.id_hmacWithSHA512)) digest = new SHA512Digest();
        else throw unsupported(file, prf);
        ASN1ObjectIdentifier cipherId = pbes2.getEncryptionScheme().getAlgorithm();
        BlockCipher engine;
        int keyBytes;
        if (cipherId.equals(NISTObjectIdentifiers.id_aes128_CBC)) { engine = AESEngine.newInstance(); keyBytes = 16; }
        else if (cipherId.equals(NISTObjectIdentifiers.id_aes192_CBC)) { engine = AESEngine.newInstance(); keyBytes = 24; }
        else if (cipherId.equals(NISTObjectIdentifiers.id_aes256_CBC)) { engine = AESEngine.newInstance(); keyBytes = 32; }
        else if (cipherId.equals(PKCSObjectIdentifiers.des_EDE3_CBC)) { engine = new DESedeEngine(); keyBytes = 24; }
        else throw unsupported(file, cipherId);
        byte[] iv = ASN1OctetString.getInstance(pbes2.getEncryptionScheme().getParameters()).getOctets();
        PKCS5S2ParametersGenerator gen = new PKCS5S2ParametersGenerator(digest);
        byte[] pw = PBEParametersGenerator.PKCS5PasswordToUTF8Bytes(password);
        KeyParameter key;
        try {
            gen.init(pw, kdf.getSalt(), kdf.getIterationCount().intValueExact());
            key = (KeyParameter) gen.generateDerivedParameters(keyBytes * 8);
        } finally {
            java.util.Arrays.fill(pw, (byte) 0);
        }
        PaddedBufferedBlockCipher cipher = new PaddedBufferedBlockCipher(CBCBlockCipher.newInstance(engine));
        cipher.init(false, new ParametersWithIV(key, iv));
        byte[] data = enc.getEncryptedData();
        byte[] plain = new byte[cipher.getOutputSize(data.length)];
        int n = cipher.processBytes(data, 0, data.length, plain, 0);
        n += cipher.doFinal(plain, n);
        return PrivateKeyInfo.getInstance(java.util.Arrays.copyOf(plain, n));
    }

    private static BadInput unsupported(Path file, ASN1ObjectIdentifier algorithm) {
        return new BadInput(new SourceRef(file, null), "the private key in " + file + " is encrypted with " + algorithm + ", which this tool does not read",
                "re-encrypt it with openssl 3's default: openssl pkcs8 -topk8 -in KEY -out NEW (PBES2, AES-256-CBC)");
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
