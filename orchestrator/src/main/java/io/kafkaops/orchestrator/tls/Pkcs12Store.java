package io.kafkaops.orchestrator.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCS12PBEParams;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.crypto.BufferedBlockCipher;
import org.bouncycastle.crypto.CipherParameters;
import org.bouncycastle.crypto.PBEParametersGenerator;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.DESedeEngine;
import org.bouncycastle.crypto.generators.PKCS12ParametersGenerator;
import org.bouncycastle.crypto.io.CipherOutputStream;
import org.bouncycastle.crypto.io.MacOutputStream;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.paddings.PaddedBufferedBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.operator.GenericKey;
import org.bouncycastle.operator.MacCalculator;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS12MacCalculatorBuilder;
import org.bouncycastle.pkcs.PKCS12PfxPduBuilder;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.PKCSException;

/**
 * Writes PKCS12 stores that every JVM Kafka runs on reads (Java 8 before 8u301 knows no AES-protected PKCS12):
 * the key under PBE-SHA1-3DES, certificates in the clear (they are public), an HMAC-SHA1 integrity MAC.
 * The salts come from an HMAC of the password over the content, so the same key, chain and password always
 * give the same bytes: provision compares a store with the host's copy by hash.
 */
final class Pkcs12Store {
    private static final int ITERATIONS = 50_000;
    /** Java's PKCS12 reads a certificate bag as a trusted entry only when it carries this attribute. */
    private static final ASN1ObjectIdentifier ORACLE_TRUSTED_KEY_USAGE = new ASN1ObjectIdentifier("2.16.840.1.113894.746875.1.1");

    private Pkcs12Store() {}

    /** A keystore with one private key entry under {@code alias}; {@code chain} starts with the key's certificate. */
    static byte[] keystore(String alias, PrivateKey key, List<X509Certificate> chain, char[] password) {
        try {
            PrivateKeyInfo keyInfo = PrivateKeyInfo.getInstance(key.getEncoded());
            byte[] localKeyId = sha1(chain.get(0).getPublicKey().getEncoded());
            byte[] seed = seed(password, alias, keyInfo.getEncoded(), chain);
            PKCS12PfxPduBuilder pfx = new PKCS12PfxPduBuilder();
            PKCS12SafeBag[] certs = new PKCS12SafeBag[chain.size()];
            for (int i = 0; i < chain.size(); i++) {
                PKCS12SafeBagBuilder bag = new PKCS12SafeBagBuilder(holder(chain.get(i)));
                if (i == 0) {
                    bag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString(alias));
                    bag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, new DEROctetString(localKeyId));
                }
                certs[i] = bag.build();
            }
            for (PKCS12SafeBag c : certs) pfx.addData(c);
            PKCS12SafeBagBuilder keyBag = new PKCS12SafeBagBuilder(keyInfo, new TripleDesEncryptor(password, salt(seed, "key")));
            keyBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString(alias));
            keyBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, new DEROctetString(localKeyId));
            pfx.addData(keyBag.build());
            return pfx.build(new Sha1Mac(salt(seed, "mac")), password).getEncoded();
        } catch (IOException | PKCSException e) {
            throw new IllegalStateException("cannot build the PKCS12 keystore for " + alias, e);
        }
    }

    /** A truststore: each certificate a trusted entry, aliased by its position ("ca", "ca-1", ...). */
    static byte[] truststore(List<X509Certificate> certificates, char[] password) {
        try {
            byte[] seed = seed(password, "truststore", new byte[0], certificates);
            PKCS12PfxPduBuilder pfx = new PKCS12PfxPduBuilder();
            for (int i = 0; i < certificates.size(); i++) {
                PKCS12SafeBagBuilder bag = new PKCS12SafeBagBuilder(holder(certificates.get(i)));
                bag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString(i == 0 ? "ca" : "ca-" + i));
                bag.addBagAttribute(ORACLE_TRUSTED_KEY_USAGE, KeyPurposeId.anyExtendedKeyUsage.toOID());
                pfx.addData(bag.build());
            }
            return pfx.build(new Sha1Mac(salt(seed, "mac")), password).getEncoded();
        } catch (IOException | PKCSException e) {
            throw new IllegalStateException("cannot build the PKCS12 truststore", e);
        }
    }

    private static X509CertificateHolder holder(X509Certificate c) throws IOException {
        try {
            return new X509CertificateHolder(c.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IOException(e);
        }
    }

    private static byte[] seed(char[] password, String alias, byte[] key, List<X509Certificate> certs) throws IOException {
        byte[] pw = PBEParametersGenerator.PKCS12PasswordToBytes(password);
        try {
            HMac mac = new HMac(new SHA256Digest());
            mac.init(new KeyParameter(pw));
            update(mac, alias.getBytes(StandardCharsets.UTF_8));
            update(mac, key);
            for (X509Certificate c : certs) update(mac, c.getEncoded());
            byte[] out = new byte[mac.getMacSize()];
            mac.doFinal(out, 0);
            return out;
        } catch (CertificateEncodingException e) {
            throw new IOException(e);
        } finally {
            Arrays.fill(pw, (byte) 0);
        }
    }

    private static void update(HMac mac, byte[] part) {
        byte[] len = {(byte) (part.length >>> 24), (byte) (part.length >>> 16), (byte) (part.length >>> 8), (byte) part.length};
        mac.update(len, 0, 4);
        mac.update(part, 0, part.length);
    }

    private static byte[] salt(byte[] seed, String purpose) {
        HMac mac = new HMac(new SHA256Digest());
        mac.init(new KeyParameter(seed));
        byte[] p = purpose.getBytes(StandardCharsets.UTF_8);
        mac.update(p, 0, p.length);
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        return Arrays.copyOf(out, 20);
    }

    private static byte[] sha1(byte[] data) {
        SHA1Digest d = new SHA1Digest();
        d.update(data, 0, data.length);
        byte[] out = new byte[d.getDigestSize()];
        d.doFinal(out, 0);
        return out;
    }

    /** PKCS#12 appendix B key derivation; {@code cipher} gives the key and IV, otherwise the MAC key. */
    private static CipherParameters derive(char[] password, byte[] salt, boolean cipher) {
        PKCS12ParametersGenerator gen = new PKCS12ParametersGenerator(new SHA1Digest());
        byte[] pw = PBEParametersGenerator.PKCS12PasswordToBytes(password);
        try {
            gen.init(pw, salt, ITERATIONS); // keeps pw by reference: cleared only after the derivation
            return cipher ? gen.generateDerivedParameters(192, 64) : gen.generateDerivedMacParameters(160);
        } finally {
            Arrays.fill(pw, (byte) 0);
        }
    }

    /** pbeWithSHAAnd3-KeyTripleDES-CBC (PKCS#12 appendix B key and IV derivation). */
    private static final class TripleDesEncryptor implements OutputEncryptor {
        private final AlgorithmIdentifier algorithm;
        private final CipherParameters parameters;

        TripleDesEncryptor(char[] password, byte[] salt) {
            this.algorithm = new AlgorithmIdentifier(PKCSObjectIdentifiers.pbeWithSHAAnd3_KeyTripleDES_CBC, new PKCS12PBEParams(salt, ITERATIONS));
            this.parameters = derive(password, salt, true);
        }

        @Override public AlgorithmIdentifier getAlgorithmIdentifier() { return algorithm; }

        @Override
        public OutputStream getOutputStream(OutputStream out) {
            BufferedBlockCipher cipher = new PaddedBufferedBlockCipher(CBCBlockCipher.newInstance(new DESedeEngine()));
            cipher.init(true, parameters);
            return new CipherOutputStream(out, cipher);
        }

        @Override public GenericKey getKey() { return new GenericKey(algorithm, new byte[0]); }
    }

    /** The PKCS#12 integrity MAC: HMAC-SHA1 under a key derived from the password (ID 3). */
    private static final class Sha1Mac implements PKCS12MacCalculatorBuilder {
        private static final AlgorithmIdentifier SHA1 = new AlgorithmIdentifier(OIWObjectIdentifiers.idSHA1, DERNull.INSTANCE);
        private final byte[] salt;

        Sha1Mac(byte[] salt) { this.salt = salt; }

        @Override public AlgorithmIdentifier getDigestAlgorithmIdentifier() { return SHA1; }

        @Override
        public MacCalculator build(char[] password) {
            KeyParameter key = (KeyParameter) derive(password, salt, false);
            HMac hmac = new HMac(new SHA1Digest());
            hmac.init(key);
            AlgorithmIdentifier id = new AlgorithmIdentifier(OIWObjectIdentifiers.idSHA1, new PKCS12PBEParams(salt, ITERATIONS));
            return new MacCalculator() {
                private final MacOutputStream stream = new MacOutputStream(hmac);
                @Override public AlgorithmIdentifier getAlgorithmIdentifier() { return id; }
                @Override public OutputStream getOutputStream() { return stream; }
                @Override public byte[] getMac() {
                    byte[] out = new byte[hmac.getMacSize()];
                    hmac.doFinal(out, 0);
                    return out;
                }
                @Override public GenericKey getKey() { return new GenericKey(id, new byte[0]); }
            };
        }
    }
}
