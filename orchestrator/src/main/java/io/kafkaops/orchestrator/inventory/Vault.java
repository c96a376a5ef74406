package io.kafkaops.orchestrator.inventory;

import io.kafkaops.orchestrator.SourceRef;

import io.kafkaops.orchestrator.BadInput;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Ansible Vault 1.1/1.2 AES256: PBKDF2-HMAC-SHA256 (10000 rounds) gives the AES-256-CTR key, the
 * HMAC-SHA256 key and the counter; the HMAC proves the password before anything is decrypted.
 */
public final class Vault {
    private static final int ITERATIONS = 10_000;

    private Vault() {}

    public static VaultSecret decrypt(VaultValue value, Path passwordFile) {
        return decrypt(value, password(value, passwordFile));
    }

    /** The password as Ansible reads a vault password file: whole content, surrounding whitespace stripped. */
    static byte[] password(VaultValue value, Path passwordFile) {
        byte[] raw;
        try {
            raw = Files.readAllBytes(passwordFile);
        } catch (IOException e) {
            throw new BadInput(passwordFile.toString(), null, "cannot read vault password file (needed for "
                    + value.variable() + " at " + value.declaredAt() + ")",
                    "give --vault-password-file the path of a readable file holding the vault password");
        }
        String pw = new String(raw, StandardCharsets.UTF_8).strip();
        if (pw.isEmpty()) {
            throw new BadInput(passwordFile.toString(), null, "vault password file is empty", "write the vault password into it");
        }
        return pw.getBytes(StandardCharsets.UTF_8);
    }

    static VaultSecret decrypt(VaultValue value, byte[] password) {
        SourceRef at = value.declaredAt();
        String[] lines = value.envelope().strip().split("\\r?\\n");
        String[] header = lines[0].strip().split(";");
        if (header.length < 3 || !header[0].equals("$ANSIBLE_VAULT") || !header[2].strip().equals("AES256")
                || !(header[1].equals("1.1") || header[1].equals("1.2"))) {
            throw bad(value, "is not an Ansible Vault 1.1/1.2 AES256 value", "re-create it with ansible-vault encrypt_string");
        }
        try {
            StringBuilder hex = new StringBuilder();
            for (int i = 1; i < lines.length; i++) hex.append(lines[i].strip());
            String[] parts = new String(HexFormat.of().parseHex(hex), StandardCharsets.US_ASCII).split("\n");
            if (parts.length != 3) throw bad(value, "has a damaged vault body", "re-create it with ansible-vault encrypt_string");
            byte[] salt = HexFormat.of().parseHex(parts[0].strip());
            byte[] expectedMac = HexFormat.of().parseHex(parts[1].strip());
            byte[] ciphertext = HexFormat.of().parseHex(parts[2].strip());

            char[] pwChars = new String(password, StandardCharsets.UTF_8).toCharArray();
            byte[] keys = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(pwChars, salt, ITERATIONS, 80 * 8)).getEncoded();
            Arrays.fill(pwChars, '\0');
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(keys, 32, 32, "HmacSHA256"));
            if (!MessageDigest.isEqual(mac.doFinal(ciphertext), expectedMac)) {
                throw bad(value, "cannot be decrypted: wrong vault password (HMAC mismatch)",
                        "use the password " + value.variable() + " was encrypted with (--vault-password-file)");
            }
            Cipher aes = Cipher.getInstance("AES/CTR/NoPadding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keys, 0, 32, "AES"), new IvParameterSpec(keys, 64, 16));
            byte[] padded = aes.doFinal(ciphertext);
            int pad = padded.length == 0 ? 0 : padded[padded.length - 1] & 0xff;
            if (pad < 1 || pad > 16 || pad > padded.length) throw bad(value, "has invalid padding",
                    "re-create it with ansible-vault encrypt_string");
            return new VaultSecret(value.variable(), Arrays.copyOf(padded, padded.length - pad));
        } catch (IllegalArgumentException e) {
            throw bad(value, "has a vault body that is not hex", "re-create it with ansible-vault encrypt_string");
        } catch (GeneralSecurityException e) {
            throw bad(value, "cannot be decrypted: " + e.getMessage(), "check the JDK's crypto providers");
        }
    }

    private static BadInput bad(VaultValue value, String problem, String fix) {
        SourceRef at = value.declaredAt();
        return new BadInput(at == null ? null : String.valueOf(at.file()), at == null ? null : at.line(),
                "vault value of " + value.variable() + " " + problem, fix);
    }
}
