package io.kafkaops.orchestrator.lab;

/** The machine refused a lab operation (a tool failed, a host did not come up): not the user's input. */
public final class LabFailure extends RuntimeException {
    public LabFailure(String message) {
        super(message);
    }
}
