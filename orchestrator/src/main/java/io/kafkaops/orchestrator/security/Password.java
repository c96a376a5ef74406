package io.kafkaops.orchestrator.security;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A secret from the inventory, read only when {@link #reveal()} is called (a !vault value is decrypted then, and only if a
 * vault password file was given). It prints as its source and a mask, never as its value.
 */
public final class Password {
    private static final String MASK = "********";
    private final String source;
    private final Supplier<String> value;

    private Password(String source, Supplier<String> value) {
        this.source = source;
        this.value = value;
    }

    /** @param source where it comes from, e.g. "sasl_scram_users.admin.password" (printed instead of the value) */
    public static Password of(String source, Supplier<String> value) {
        return new Password(Objects.requireNonNull(source), Objects.requireNonNull(value));
    }

    /** A password known in clear (tests, generated stores). */
    public static Password clear(String source, String value) {
        return of(source, () -> value);
    }

    /** The clear value: only for what must hold it (a JAAS file, a SCRAM credential, a client's properties). */
    public String reveal() {
        return value.get();
    }

    public String source() { return source; }

    @Override
    public String toString() { return source + "=" + MASK; }
}
