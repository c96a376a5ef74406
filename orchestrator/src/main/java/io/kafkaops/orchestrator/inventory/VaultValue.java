package io.kafkaops.orchestrator.inventory;

import io.kafkaops.orchestrator.SourceRef;

/** A `!vault` value: kept encrypted until a command needs it; never printed. */
public record VaultValue(String variable, String envelope, SourceRef declaredAt) {
    @Override
    public String toString() {
        return "<vault-encrypted " + variable + ">";
    }
}
