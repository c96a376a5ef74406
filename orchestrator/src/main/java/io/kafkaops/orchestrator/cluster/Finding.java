package io.kafkaops.orchestrator.cluster;

/** Something validation has to say about the cluster: a problem stops the run, a warning does not. */
public sealed interface Finding {
    String message();

    String fix();

    record Problem(String message, String fix) implements Finding {}

    record Warning(String message, String fix) implements Finding {}
}
