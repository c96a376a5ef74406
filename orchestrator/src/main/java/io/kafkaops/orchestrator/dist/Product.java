package io.kafkaops.orchestrator.dist;

import java.util.Locale;

/** What a distribution ships; also the top-level key of its recipes in distributions.yml. */
public enum Product {
    KAFKA, ZOOKEEPER;

    public String key() { return name().toLowerCase(Locale.ROOT); }

    /** The CLI flag that asks for this product, as the error messages tell the user. */
    public String flag() { return "--" + key(); }
}
