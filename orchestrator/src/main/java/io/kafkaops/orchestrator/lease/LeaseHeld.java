package io.kafkaops.orchestrator.lease;

/** Another operation holds the cluster: nothing was touched. The CLI prints the message and the fix, exit 3. */
public final class LeaseHeld extends RuntimeException {
    private final String fix;

    public LeaseHeld(String message, String fix) {
        super(message);
        this.fix = fix;
    }

    public String describe() { return "error: " + getMessage() + "\n  fix: " + fix; }
}
