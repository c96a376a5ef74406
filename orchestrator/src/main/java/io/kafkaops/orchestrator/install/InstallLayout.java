package io.kafkaops.orchestrator.install;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where things live on a host - the one place that knows it. The users' layout: versioned
 * directories under /usr/local, a symlink to the current one, configs inside it, systemd units
 * named kafka-server and zookeeper-server, tarballs staged in /var/cache/orchestrator, and on each
 * data disk a kafka-logs dir (and zk on the first one), as the notes' /data/kafka-logs and /data/zk.
 */
public final class InstallLayout {
    public static final String PREFIX = "/usr/local";
    public static final String KAFKA_HOME = PREFIX + "/kafka";
    public static final String ZOOKEEPER_HOME = PREFIX + "/zookeeper";
    /** The service users when the inventory sets no kafka_user / zookeeper_user; a host's own are in its NodeSettings. */
    public static final String KAFKA_USER = "kafka";
    public static final String ZOOKEEPER_USER = "zookeeper";
    public static final String KAFKA_UNIT = "kafka-server";
    public static final String ZOOKEEPER_UNIT = "zookeeper-server";
    public static final String UNIT_DIR = "/etc/systemd/system";
    /** Globs of the versioned release dirs, as KafkaRelease and ZooKeeperRelease name them. */
    public static final String KAFKA_INSTALLS = PREFIX + "/kafka_*";
    public static final String ZOOKEEPER_INSTALLS = PREFIX + "/apache-zookeeper-*";
    /** Where uploaded tarballs are staged (and kept, so a re-run or an undo needs no upload). */
    public static final String CACHE_DIR = "/var/cache/orchestrator";
    /** A release is unpacked here, beside its final dir: same filesystem, so the move into place is a rename. */
    public static final String UNPACK_DIR = PREFIX + "/.orchestrator-unpack";

    /** The real layout, as one host read (facts.sh and {@code HostReading}) looks at it. */
    public static final ReadPlaces ON_HOSTS = new ReadPlaces(KAFKA_HOME, ZOOKEEPER_HOME, KAFKA_INSTALLS, ZOOKEEPER_INSTALLS,
            KAFKA_USER, ZOOKEEPER_USER, KAFKA_UNIT, ZOOKEEPER_UNIT, CACHE_DIR);

    private InstallLayout() {}

    /**
     * The paths and names one read of a host looks at. Given to the read as data, so the same script runs against a
     * test's temp dir ({@link #under}) as against a real host ({@link #ON_HOSTS}).
     */
    public record ReadPlaces(String kafkaHome, String zookeeperHome, String kafkaInstalls, String zookeeperInstalls,
                             String kafkaUser, String zookeeperUser, String kafkaUnit, String zookeeperUnit, String cache) {
        public String kafkaConfig(String file) { return kafkaHome + "/config/" + file; }
        public String zookeeperConfig(String file) { return zookeeperHome + "/conf/" + file; }

        /** The same places, looking for the service users a host's inventory names (kafka_user, zookeeper_user). */
        public ReadPlaces withUsers(String kafka, String zookeeper) {
            return new ReadPlaces(kafkaHome, zookeeperHome, kafkaInstalls, zookeeperInstalls, kafka, zookeeper, kafkaUnit, zookeeperUnit,
                    cache);
        }
    }

    /** The real layout moved under {@code root} (e.g. a temp dir): the same names, nothing read outside it. */
    public static ReadPlaces under(String root) {
        return new ReadPlaces(root + KAFKA_HOME, root + ZOOKEEPER_HOME, root + KAFKA_INSTALLS, root + ZOOKEEPER_INSTALLS,
                KAFKA_USER, ZOOKEEPER_USER, KAFKA_UNIT, ZOOKEEPER_UNIT, root + CACHE_DIR);
    }

    public static String kafkaConfig(String file) { return ON_HOSTS.kafkaConfig(file); }

    public static String zookeeperConfig(String file) { return ON_HOSTS.zookeeperConfig(file); }

    public static String unitFile(String unit) { return UNIT_DIR + "/" + unit + ".service"; }

    /** A broker's log dir on a data disk mounted at {@code mount}: one per JBOD disk. */
    public static String kafkaLogDir(String mount) { return mount + "/kafka-logs"; }

    /** ZooKeeper's snapshots and txn logs on a data disk mounted at {@code mount}. */
    public static String zookeeperDataDir(String mount) { return mount + "/zk"; }

    /** Apache's directory names: kafka_<scala>-<version>. */
    private static final Pattern KAFKA_DIR = Pattern.compile("kafka_[0-9.]+-([0-9][0-9A-Za-z.\\-]*)/?$");

    /** The Kafka version a directory (the target of {@link #KAFKA_HOME}) holds, when it is named as Apache names it. */
    public static Optional<String> kafkaVersionOf(String installDir) {
        Matcher m = KAFKA_DIR.matcher(installDir);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
