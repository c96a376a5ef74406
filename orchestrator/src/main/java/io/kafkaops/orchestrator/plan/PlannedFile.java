package io.kafkaops.orchestrator.plan;

import java.util.Base64;

/**
 * A file the orchestrator would write: secret ones are never printed. A binary file (a TLS keystore) carries its bytes
 * as Base64 in {@code content}, the form the host read gives back, so the two compare as text.
 */
public record PlannedFile(String path, String owner, String mode, String content, boolean secret, String template, boolean binary) {
    public PlannedFile(String path, String owner, String mode, String content, boolean secret, String template) {
        this(path, owner, mode, content, secret, template, false);
    }

    /** Bytes that are not text (a PKCS12 store): secret, so never printed, not even masked. */
    public static PlannedFile binary(String path, String owner, String mode, byte[] bytes, String source) {
        return new PlannedFile(path, owner, mode, Base64.getEncoder().encodeToString(bytes), true, source, true);
    }

    /** What is written to the host. */
    public byte[] bytes() {
        return binary ? Base64.getDecoder().decode(content) : content.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
