package io.kafkaops.orchestrator.inventory;

import io.kafkaops.orchestrator.SourceRef;

import io.kafkaops.orchestrator.BadInput;

import java.math.BigInteger;

/** Checks on the few variables whose value the orchestrator relies on before any template runs. */
final class AnsibleVars {
    private AnsibleVars() {}

    static void check(String key, Object value, SourceRef at) {
        if (key.equals("ansible_port")) checkPort(value, at);
    }

    static void checkPort(Object value, SourceRef at) {
        if (value instanceof String s && s.contains("{{")) return; // Jinja: checked once rendered
        Long port = null;
        if (value instanceof Integer || value instanceof Long) port = ((Number) value).longValue();
        else if (value instanceof BigInteger) port = Long.MAX_VALUE;
        else if (value instanceof String s && s.strip().matches("[0-9]{1,10}")) port = Long.parseLong(s.strip());
        if (port == null || port < 1 || port > 65535) {
            throw new BadInput(InventoryData.file(at), InventoryData.line(at),
                    "ansible_port must be an integer 1-65535, got " + describe(value),
                    "set ansible_port to the SSH port number, e.g. ansible_port=22");
        }
    }

    static int priority(Object value, SourceRef at) {
        try {
            if (value instanceof Number n && !(value instanceof Double)) return n.intValue();
            if (value instanceof String s) return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadInput(InventoryData.file(at), InventoryData.line(at),
                "ansible_group_priority must be an integer, got " + describe(value),
                "set ansible_group_priority to a whole number, e.g. 10");
    }

    static String describe(Object value) {
        if (value instanceof String s) return "'" + s + "'";
        if (value instanceof VaultValue) return "a vault-encrypted value";
        return String.valueOf(value);
    }
}
