package io.kafkaops.orchestrator.host;

/** How one host's share of a {@link Fleet} run ended. */
public sealed interface HostResult<T> {
    record Done<T>(T value) implements HostResult<T> {}

    /** A remote step exited non-zero, or the session broke after it was open. */
    record Failed<T>(String step, String command, String detail) implements HostResult<T> {}

    /** No session could be opened. */
    record Unreachable<T>(String why) implements HostResult<T> {}

    default boolean ok() { return this instanceof Done; }

    /** One line for an operator: the value, or what failed and why. */
    default String describe() {
        if (this instanceof Done<T> d) return String.valueOf(d.value());
        if (this instanceof Failed<T> f) {
            return "FAILED" + (f.step().equals("-") ? "" : " at " + f.step()) + (f.command().equals("-") ? "" : ": " + f.command()) + ": "
                    + f.detail();
        }
        return "UNREACHABLE: " + ((Unreachable<T>) this).why();
    }
}
