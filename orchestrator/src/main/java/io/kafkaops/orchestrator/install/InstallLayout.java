package io.kafkaops.orchestrator.install;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where things live on a host - the one place that knows it. The users' layout: versioned
 * directories under /usr/local, a symlink to the current one, configs inside it, systemd units
 * named kafka-server and zookeeper-server.
 */
public final class InstallLayout {
    public static final String PREFIX = "/usr/local";
    public static final String KAFKA_HOME = PREFIX + "/kafka";
    public static final String ZOOKEEPER_HOME = PREFIX + "/zookeeper";
    public static final String KAFKA_USER = "kafka";
    public static final String ZOOKEEPER_USER = "zookeeper";
    public static final String KAFKA_UNIT = "kafka-server";
    public static final String ZOOKEEPER_UNIT = "zookeeper-server";
    public static final String UNIT_DIR = "/etc/systemd/system";
    /** Globs of the versioned release dirs, as KafkaRelease and ZooKeeperRelease name them. */
    public static final String KAFKA_INSTALLS = PREFIX + "/kafka_*";
    public static final String ZOOKEEPER_INSTALLS = PREFIX + "/apache-zookeeper-*";

    private InstallLayout() {}

    public static String kafkaConfig(String file) { return KAFKA_HOME + "/config/" + file; }

    public static String zookeeperConfig(String file) { return ZOOKEEPER_HOME + "/conf/" + file; }

    public static String unitFile(String unit) { return UNIT_DIR + "/" + unit + ".service"; }

    /** Apache's directory names: kafka_<scala>-<version>. */
    private static final Pattern KAFKA_DIR = Pattern.compile("kafka_[0-9.]+-([0-9][0-9A-Za-z.\\-]*)/?$");

    /** The Kafka version a directory (the target of {@link #KAFKA_HOME}) holds, when it is named as Apache names it. */
    public static Optional<String> kafkaVersionOf(String installDir) {
        Matcher m = KAFKA_DIR.matcher(installDir);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
