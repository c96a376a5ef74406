package io.kafkaops.orchestrator.zookeeper;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** ZooKeeper's /controller: {"version":2,"brokerid":9991,"timestamp":"...","kraftControllerEpoch":5} - who is the controller. */
public final class ControllerZnode {
    private static final Pattern BROKER_ID = Pattern.compile("\"brokerid\"\\s*:\\s*(-?\\d+)");

    private ControllerZnode() {}

    /** The controller's id (a ZooKeeper-mode broker's, or during a migration the active KRaft controller's). */
    public static Optional<Integer> brokerId(String json) {
        Matcher m = BROKER_ID.matcher(json);
        return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }
}
