package io.kafkaops.orchestrator.host;

import io.kafkaops.orchestrator.install.InstallLayout;
import io.kafkaops.orchestrator.install.InstallLayout.ReadPlaces;
import io.kafkaops.orchestrator.ssh.RemoteHost;
import io.kafkaops.orchestrator.version.ClusterMode;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a broker's host says, in one round trip: where {@link InstallLayout#KAFKA_HOME} points and the version that
 * directory holds, the pins its server.properties sets, the broker.id in meta.properties of each of its log.dirs, whether
 * the unit runs, and what the running broker wrote to the unit's journal since it started. Rolls, upgrades and restarts
 * all read a host through this.
 *
 * @param brokerIdsOnDisk per log dir of the installed server.properties, the broker.id its meta.properties holds
 * @param metadataMode    what the node's config says: ZooKeeper mode, migration mode (KIP-866) or KRaft; empty without a config
 */
public record HostReading(Optional<String> link, Optional<String> version, Map<String, String> pins,
        Map<String, Integer> brokerIdsOnDisk, boolean active, BrokerStartLog startLog, Optional<ClusterMode> metadataMode) {

    /** A reading without the metadata mode (a host whose config says nothing of KRaft: ZooKeeper mode). */
    public HostReading(Optional<String> link, Optional<String> version, Map<String, String> pins, Map<String, Integer> brokerIdsOnDisk,
                       boolean active, BrokerStartLog startLog) {
        this(link, version, pins, brokerIdsOnDisk, active, startLog, Optional.of(ClusterMode.ZOOKEEPER));
    }

    public HostReading {
        // in the file's order, as printed
        pins = Collections.unmodifiableMap(new LinkedHashMap<>(pins));
        brokerIdsOnDisk = Collections.unmodifiableMap(new LinkedHashMap<>(brokerIdsOnDisk));
    }

    /** The broker.id the data on this host belongs to; empty when no log dir has one, or when the log dirs disagree. */
    public Optional<Integer> brokerIdOnDisk() {
        List<Integer> ids = brokerIdsOnDisk.values().stream().distinct().toList();
        return ids.size() == 1 ? Optional.of(ids.get(0)) : Optional.empty();
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
        // a broker's server.properties or a KRaft controller's controller.properties: a host has one of them
        String config = at.kafkaConfig("server.properties") + " " + at.kafkaConfig("controller.properties");
        return "echo link=$(readlink " + at.kafkaHome() + "); echo active=$(systemctl is-active " + at.kafkaUnit() + "); "
                + "sed -n 's/^[[:space:]]*\\(inter.broker.protocol.version\\|log.message.format.version\\)"
                + "[[:space:]]*=[[:space:]]*/pin.\\1=/p' "
                + config + " 2>/dev/null; "
                // the metadata mode: which file the node has, and the keys that say ZooKeeper, migration (KIP-866) or KRaft
                + "for f in " + config + "; do [ -f \"$f\" ] && echo config=$f; done; "
                + "sed -n 's/^[[:space:]]*\\(process.roles\\|zookeeper.metadata.migration.enable\\)"
                + "[[:space:]]*=[[:space:]]*/mode.\\1=/p' " + config + " 2>/dev/null; "
                // log.dirs (or log.dir) as the node reads it, then each dir's meta.properties: broker.id (ZooKeeper mode) or node.id
                + "for d in $(sed -n 's/^[[:space:]]*log\\.dirs\\{0,1\\}[[:space:]]*=[[:space:]]*//p' " + config
                + " 2>/dev/null | tail -1 | tr ',' ' '); do sed -n \"s,^[[:space:]]*\\(broker\\|node\\)\\.id[[:space:]]*=[[:space:]]*,disk.$d=,p\" "
                + "\"$d/meta.properties\" 2>/dev/null; done; "
                + BrokerStartLog.command(at.kafkaUnit()) + "; true";
    }

    /**
     * Parses {@code link=/usr/local/kafka_2.12-2.6.3}, {@code active=active}, {@code pin.<key>=<value>},
     * {@code disk.<log dir>=<broker.id or node.id>} and the start-log lines.
     */
    public static HostReading parse(String text) {
        Optional<String> link = Optional.empty();
        Map<String, String> pins = new LinkedHashMap<>();
        Map<String, Integer> onDisk = new LinkedHashMap<>();
        boolean active = false;
        boolean config = false;
        Map<String, String> modeKeys = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            line = line.strip();
            if (line.startsWith("link=")) {
                link = Optional.of(line.substring(5)).filter(l -> !l.isBlank());
            } else if (line.startsWith("active=")) {
                active = line.substring(7).equals("active");
            } else if (line.startsWith("config=")) {
                config = true;
            } else if (line.startsWith("mode.")) {
                int eq = line.indexOf('=');
                modeKeys.put(line.substring(5, eq).strip(), line.substring(eq + 1).strip());
            } else if (line.startsWith("pin.")) {
                int eq = line.indexOf('=');
                pins.put(line.substring(4, eq).strip(), line.substring(eq + 1).strip());
            } else if (line.startsWith("disk.")) {
                int eq = line.lastIndexOf('=');
                try {
                    onDisk.put(line.substring(5, eq), Integer.parseInt(line.substring(eq + 1).strip()));
                } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                    // a meta.properties being written: no id to report
                }
            }
        }
        return new HostReading(link, link.flatMap(InstallLayout::kafkaVersionOf), pins, onDisk, active,
                BrokerStartLog.parse(text), config ? Optional.of(modeOf(modeKeys)) : Optional.empty());
    }

    /**
     * process.roles makes a KRaft node (a controller still migrating when the migration flag is on too); the flag alone, a
     * ZooKeeper-mode broker in migration mode; neither, ZooKeeper mode.
     */
    static ClusterMode modeOf(Map<String, String> keys) {
        boolean migrating = "true".equalsIgnoreCase(keys.getOrDefault("zookeeper.metadata.migration.enable", "false"));
        if (keys.containsKey("process.roles")) return migrating ? ClusterMode.MIGRATION : ClusterMode.KRAFT;
        return migrating ? ClusterMode.MIGRATION : ClusterMode.ZOOKEEPER;
    }
}
