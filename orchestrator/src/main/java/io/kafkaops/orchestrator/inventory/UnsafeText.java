package io.kafkaops.orchestrator.inventory;

/** A `!unsafe` YAML value: text Ansible never templates; toString is the text itself. */
public record UnsafeText(String text) {
    @Override
    public String toString() {
        return text;
    }
}
