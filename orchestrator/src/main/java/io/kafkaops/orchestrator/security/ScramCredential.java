package io.kafkaops.orchestrator.security;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A SCRAM credential as a Kafka broker stores it (RFC 5802): the salt, StoredKey = H(HMAC(SaltedPassword, "Client Key")),
 * ServerKey = HMAC(SaltedPassword, "Server Key") and the iteration count, with SaltedPassword = PBKDF2-HMAC(password, salt,
 * iterations). Kafka writes it as "salt=..,stored_key=..,server_key=..,iterations=.." (base64). It is what a broker checks a
 * login against, so it is treated as a secret: it never prints. Pure.
 */
public final class ScramCredential {
    /** Kafka's bounds for SCRAM iterations (ScramMechanism: 4096 is also the default). */
    public static final int MIN_ITERATIONS = 4096;
    public static final int MAX_ITERATIONS = 16384;
    private static final int SALT_BYTES = 24;

    /** The two SCRAM mechanisms Kafka knows, by the hash they use. */
    public enum Hash {
        SHA_256("SCRAM-SHA-256", "SHA-256", "HmacSHA256"),
        SHA_512("SCRAM-SHA-512", "SHA-512", "HmacSHA512");

        private final String mechanism;
        private final String digest;
        private final String hmac;

        Hash(String mechanism, String digest, String hmac) {
            this.mechanism = mechanism;
            this.digest = digest;
            this.hmac = hmac;
        }

        /** Kafka's mechanism name, also the config key the credential is stored under: SCRAM-SHA-512. */
        public String mechanism() { return mechanism; }

        public static Optional<Hash> forMechanism(String name) {
            return Arrays.stream(values()).filter(h -> h.mechanism.equalsIgnoreCase(name.strip())).findFirst();
        }

        @Override
        public String toString() { return mechanism; }
    }

    private final Hash hash;
    private final byte[] salt;
    private final byte[] storedKey;
    private final byte[] serverKey;
    private final int iterations;

    private ScramCredential(Hash hash, byte[] salt, byte[] storedKey, byte[] serverKey, int iterations) {
        this.hash = hash;
        this.salt = salt;
        this.storedKey = storedKey;
        this.serverKey = serverKey;
        this.iterations = iterations;
    }

    /** A new credential with a fresh salt from {@code random} and Kafka's default of 4096 iterations. */
    public static ScramCredential create(String password, Hash hash, SecureRandom random) {
        return create(password, hash, MIN_ITERATIONS, random);
    }

    public static ScramCredential create(String password, Hash hash, int iterations, SecureRandom random) {
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException(hash + " iterations must be " + MIN_ITERATIONS + ".." + MAX_ITERATIONS + ", not " + iterations);
        }
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return derive(password, hash, salt, iterations);
    }

    private static ScramCredential derive(String password, Hash hash, byte[] salt, int iterations) {
        byte[] salted = hi(hash, password.getBytes(StandardCharsets.UTF_8), salt, iterations);
        try {
            byte[] clientKey = hmac(hash, salted, "Client Key".getBytes(StandardCharsets.US_ASCII));
            byte[] storedKey = MessageDigest.getInstance(hash.digest).digest(clientKey);
            byte[] serverKey = hmac(hash, salted, "Server Key".getBytes(StandardCharsets.US_ASCII));
            return new ScramCredential(hash, salt, storedKey, serverKey, iterations);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(hash.digest + " is part of every Java runtime", e);
        }
    }

    /** RFC 5802's Hi(): PBKDF2 with the HMAC as PRF and one block, the hash's length. */
    private static byte[] hi(Hash hash, byte[] password, byte[] salt, int iterations) {
        try {
            Mac mac = Mac.getInstance(hash.hmac);
            mac.init(new SecretKeySpec(password, hash.hmac));
            mac.update(salt);
            byte[] u = mac.doFinal(new byte[] {0, 0, 0, 1});
            byte[] result = u.clone();
            for (int i = 1; i < iterations; i++) {
                u = mac.doFinal(u);
                for (int j = 0; j < result.length; j++) result[j] ^= u[j];
            }
            return result;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(hash.hmac + " is part of every Java runtime", e);
        }
    }

    private static byte[] hmac(Hash hash, byte[] key, byte[] message) throws GeneralSecurityException {
        Mac mac = Mac.getInstance(hash.hmac);
        mac.init(new SecretKeySpec(key, hash.hmac));
        return mac.doFinal(message);
    }

    /**
     * Reads Kafka's stored form. The message of a refusal names what is missing, never the value.
     *
     * @throws IllegalArgumentException not Kafka's form
     */
    public static ScramCredential parse(Hash hash, String stored) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String part : stored.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("a " + hash + " credential is 'salt=..,stored_key=..,server_key=..,iterations=..'");
            fields.put(part.substring(0, eq), part.substring(eq + 1));
        }
        for (String key : new String[] {"salt", "stored_key", "server_key", "iterations"}) {
            if (!fields.containsKey(key)) throw new IllegalArgumentException("the " + hash + " credential has no " + key);
        }
        try {
            Base64.Decoder b64 = Base64.getDecoder();
            return new ScramCredential(hash, b64.decode(fields.get("salt")), b64.decode(fields.get("stored_key")),
                    b64.decode(fields.get("server_key")), Integer.parseInt(fields.get("iterations")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the " + hash + " credential's salt, keys or iterations are not base64 and a number");
        }
    }

    /** Kafka's stored form: salt=&lt;b64&gt;,stored_key=&lt;b64&gt;,server_key=&lt;b64&gt;,iterations=&lt;n&gt;. */
    public String stored() {
        Base64.Encoder b64 = Base64.getEncoder();
        return "salt=" + b64.encodeToString(salt) + ",stored_key=" + b64.encodeToString(storedKey) + ",server_key="
                + b64.encodeToString(serverKey) + ",iterations=" + iterations;
    }

    /** True when {@code password} gives this credential again (same salt and iterations): nothing to rewrite. */
    public boolean matches(String password) {
        ScramCredential again = derive(password, hash, salt, iterations);
        return MessageDigest.isEqual(again.storedKey, storedKey) && MessageDigest.isEqual(again.serverKey, serverKey);
    }

    /** {@link #matches} on Kafka's stored form; false when {@code stored} is not that form. */
    public static boolean matches(Hash hash, String stored, String password) {
        try {
            return parse(hash, stored).matches(password);
        } catch (IllegalArgumentException notACredential) {
            return false;
        }
    }

    public Hash hash() { return hash; }

    public int iterations() { return iterations; }

    @Override
    public String toString() { return "ScramCredential[" + hash + ", iterations=" + iterations + ", ********]"; }
}
