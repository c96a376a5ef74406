package io.kafkaops.orchestrator.provision;

import java.io.IOException;

/**
 * What provision puts into a secured cluster besides files: the SCRAM users before the brokers start (they log in to each
 * other with one), the ACLs once the brokers answer. A seam like {@link ClusterAccess}: tests stand in their own.
 */
public interface SecuritySteps {
    void beforeBrokers() throws IOException;

    void afterBrokers() throws IOException;

    SecuritySteps NONE = new SecuritySteps() {
        @Override public void beforeBrokers() {}
        @Override public void afterBrokers() {}
    };
}
