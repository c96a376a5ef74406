package io.kafkaops.orchestrator.inventory;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A decrypted vault value: reveal() hands it to the one place that needs it; it never prints. */
public final class VaultSecret {
    private final String variable;
    private final byte[] plaintext;

    VaultSecret(String variable, byte[] plaintext) {
        this.variable = variable;
        this.plaintext = plaintext.clone();
    }

    public String variable() {
        return variable;
    }

    public String reveal() {
        return new String(plaintext, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "<secret " + variable + ">";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VaultSecret s && s.variable.equals(variable) && Arrays.equals(s.plaintext, plaintext);
    }

    @Override
    public int hashCode() {
        return variable.hashCode();
    }
}
