package io.kafkaops.orchestrator.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;

/** The keystore formats Kafka reads from a file on every version we run (its {@code ssl.keystore.type} values). */
public enum StoreType {
    PKCS12, JKS;

    /** By the first bytes: JKS begins with the magic 0xFEEDFEED, PKCS12 with a DER SEQUENCE. */
    static Optional<StoreType> of(byte[] bytes) {
        if (bytes.length >= 4 && (bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xff) == 0xed && (bytes[2] & 0xff) == 0xfe && (bytes[3] & 0xff) == 0xed) {
            return Optional.of(JKS);
        }
        if (bytes.length > 0 && bytes[0] == 0x30) return Optional.of(PKCS12);
        return Optional.empty();
    }

    /** The store opened with its password, or why not (never naming the password). */
    static KeyStore open(byte[] bytes, char[] password) throws StoreUnreadable {
        StoreType type = of(bytes).orElseThrow(() -> new StoreUnreadable("it is neither a PKCS12 nor a JKS keystore"));
        try {
            KeyStore store = KeyStore.getInstance(type.name());
            store.load(new ByteArrayInputStream(bytes), password);
            return store;
        } catch (IOException e) {
            throw new StoreUnreadable(e.getCause() instanceof java.security.UnrecoverableKeyException
                    ? "the password does not open it" : "it cannot be read as " + type + " (" + e.getMessage() + ")");
        } catch (GeneralSecurityException e) {
            throw new StoreUnreadable("it cannot be read as " + type + " (" + e.getMessage() + ")");
        }
    }

    /** Why a store did not open; the caller names the file and the fix. */
    static final class StoreUnreadable extends Exception {
        StoreUnreadable(String why) { super(why, null, false, false); }
    }
}
