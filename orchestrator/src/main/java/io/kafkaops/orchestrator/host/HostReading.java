package io.kafkaops.orchestrator.host;

import io.kafkaops.orchestrator.install.InstallLayout;
import io.kafkaops.orchestrator.install.InstallLayout.ReadPlaces;
import io.kafkaops.orchestrator.ssh.RemoteHost;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a broker's host says, in one round trip: where {@link InstallLayout#KAFKA_HOME} points and the version that
 * directory holds, the pins its server.properties sets, whether the unit runs, and what the running broker wrote to the
 * unit's journal since it started. Rolls, upgrades and restarts all read a host through this.
 */
public record HostReading(Optional<String> link, Optional<String> version, Map<String, String> pins, boolean active,
        BrokerStartLog startLog) {
    public HostReading {
        // in the file's order, as printed
        pins = Collections.unmodifiableMap(new LinkedHashMap<>(pins));
    }

    /** The version and pins the host runs, when its link names a version. */
    public Optional<HostState> state() {
        return version.map(v -> new HostState(v, pins));
    }

    public static HostReading read(RemoteHost host) throws IOException {
        return parse(host.run(command()).stdout());
    }

    /** The shell command whose output {@link #parse} reads: one round trip, no hashing (it is on a broker roll's hot path). */
    public static String command() {
        return command(InstallLayout.ON_HOSTS);
    }

    /** The same command looking at {@code at}; the provision read ({@link HostFacts#command}) runs it as its Kafka part. */
    public static String command(ReadPlaces at) {
        return "echo link=$(readlink " + at.kafkaHome() + "); echo active=$(systemctl is-active " + at.kafkaUnit() + "); "
                + "sed -n 's/^[[:space:]]*\\(inter.broker.protocol.version\\|log.message.format.version\\)"
                + "[[:space:]]*=[[:space:]]*/pin.\\1=/p' "
                + at.kafkaConfig("server.properties") + " 2>/dev/null; " + BrokerStartLog.command(at.kafkaUnit()) + "; true";
    }

    /** Parses {@code link=/usr/local/kafka_2.12-2.6.3}, {@code active=active}, {@code pin.<key>=<value>} and the start-log lines. */
    public static HostReading parse(String text) {
        Optional<String> link = Optional.empty();
        Map<String, String> pins = new LinkedHashMap<>();
        boolean active = false;
        for (String line : text.split("\n")) {
            line = line.strip();
            if (line.startsWith("link=")) {
                link = Optional.of(line.substring(5)).filter(l -> !l.isBlank());
            } else if (line.startsWith("active=")) {
                active = line.substring(7).equals("active");
            } else if (line.startsWith("pin.")) {
                int eq = line.indexOf('=');
                pins.put(line.substring(4, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        return new HostReading(link, link.flatMap(InstallLayout::kafkaVersionOf), pins, active, BrokerStartLog.parse(text));
    }
}
