package io.kafkaops.orchestrator.host;

import io.kafkaops.orchestrator.install.InstallLayout.ReadPlaces;
import io.kafkaops.orchestrator.ssh.RemoteHost;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static io.kafkaops.orchestrator.ssh.Shell.quote;

/**
 * What is on a host before we change anything: the one read of a host. {@link #command} is provision/facts.sh followed
 * by {@link HostReading#command}, the part for the Kafka install, which rolls run alone (it is cheap: no file contents,
 * no hashing). {@link #parse} reads facts.sh's KIND<TAB>KEY<TAB>VALUE lines and hands the rest to {@link HostReading#parse}.
 *
 * @param liveLogDirs the log.dirs of the installed server.properties (empty when there is none)
 * @param liveZookeeperDataDir the dataDir of the installed zoo.cfg
 * @param dataIn the live dirs that hold data, with what showed it (meta.properties, version-2, partition dirs, unreadable)
 * @param kafka the Kafka install as a roll reads it (link, unit state, pins, the broker's start log)
 * @param metaProperties each data dir's meta.properties, key by key (KRaft: cluster.id, node.id, version)
 * @param nonEmptyDirs the data dirs that hold at least one entry
 */
public record HostFacts(
        String host,
        Optional<String> java,
        Map<String, String> links,
        Map<String, String> installed,
        Map<String, Boolean> users,
        Map<String, String> unitEnabled,
        Map<String, String> unitActive,
        Map<String, Long> unitPid,
        Map<String, ExistingFile> files,
        Map<String, Optional<String>> dirs,
        Map<String, Integer> metaBrokerIds,
        Map<String, Integer> myids,
        Map<String, Long> staged,
        List<String> liveLogDirs,
        Optional<String> liveZookeeperDataDir,
        Map<String, String> dataIn,
        HostReading kafka,
        Map<String, Map<String, String>> metaProperties,
        Set<String> nonEmptyDirs) {

    private static final String SCRIPT = resource("/provision/facts.sh");
    /** facts.sh's lines start with their kind and a tab; the Kafka part's are key=value (a start-log line may hold a tab). */
    private static final Pattern FACT_LINE = Pattern.compile("[a-z]+\t");

    /** A file on the host: owner, octal mode, content (as UTF-8 text, and as the Base64 the host sent, for binary files). */
    public record ExistingFile(String owner, String mode, String content, String base64) {
        public ExistingFile(String owner, String mode, String content) {
            this(owner, mode, content, Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8)));
        }
    }

    public Optional<String> link(String path) {
        String v = links.get(path);
        return v == null || v.equals("absent") ? Optional.empty() : Optional.of(v);
    }

    public Optional<ExistingFile> file(String path) {
        return Optional.ofNullable(files.get(path));
    }

    public boolean dirExists(String path) {
        return dirs.getOrDefault(path, Optional.empty()).isPresent();
    }

    public boolean userExists(String user) {
        return users.getOrDefault(user, false);
    }

    public boolean active(String unit) {
        return "active".equals(unitActive.get(unit));
    }

    public boolean enabled(String unit) {
        return "enabled".equals(unitEnabled.get(unit));
    }

    /** Runs the one read (see {@link #command}) and parses it; a failing script is a {@link StepFailed} "facts". */
    public static HostFacts read(RemoteHost host, String name, ReadPlaces at, List<String> files, List<String> dataDirs)
            throws IOException {
        return parse(name, HostCommands.run(host, "facts", command(at, files, dataDirs)).stdout());
    }

    /**
     * The one read of a host: facts.sh with its arguments (the files to read, then "--" and the data dirs), the layout it
     * looks in (from {@code at}: the script knows no path of its own), then the Kafka part rolls also run.
     */
    public static String command(ReadPlaces at, List<String> files, List<String> dataDirs) {
        List<String> args = new ArrayList<>();
        files.forEach(f -> args.add(quote(f)));
        args.add("--");
        dataDirs.forEach(d -> args.add(quote(d)));
        String layout = String.join("\n",
                "LINKS=" + quote(at.kafkaHome() + " " + at.zookeeperHome()),
                "INSTALLS=" + quote(at.kafkaInstalls() + " " + at.zookeeperInstalls()),
                "USERS=" + quote(at.kafkaUser() + " " + at.zookeeperUser()),
                "UNITS=" + quote(at.kafkaUnit() + " " + at.zookeeperUnit()),
                "CACHE=" + quote(at.cache()),
                "KAFKA_CONFIG=" + quote(at.kafkaConfig("server.properties")),
                "ZOOKEEPER_CONFIG=" + quote(at.zookeeperConfig("zoo.cfg")));
        return "set -- " + String.join(" ", args) + "\n" + layout + "\n" + SCRIPT + HostReading.command(at) + "\n";
    }

    /** Parses the one read: facts.sh's KIND<TAB>KEY<TAB>VALUE lines; the other lines are the Kafka part's. */
    public static HostFacts parse(String host, String output) {
        StringBuilder kafka = new StringBuilder();
        StringBuilder facts = new StringBuilder();
        for (String line : output.split("\n")) (FACT_LINE.matcher(line).lookingAt() ? facts : kafka).append(line).append('\n');
        return parseFacts(host, facts.toString(), HostReading.parse(kafka.toString()));
    }

    private static HostFacts parseFacts(String host, String output, HostReading kafka) {
        Optional<String> java = Optional.empty();
        Map<String, String> links = new LinkedHashMap<>(), installed = new LinkedHashMap<>();
        Map<String, Boolean> users = new LinkedHashMap<>();
        Map<String, String> enabled = new LinkedHashMap<>(), active = new LinkedHashMap<>();
        Map<String, Long> pids = new LinkedHashMap<>(), staged = new LinkedHashMap<>();
        Map<String, ExistingFile> files = new LinkedHashMap<>();
        Map<String, Optional<String>> dirs = new LinkedHashMap<>();
        Map<String, Integer> meta = new LinkedHashMap<>(), myids = new LinkedHashMap<>();
        List<String> liveLogDirs = List.of();
        Optional<String> liveDataDir = Optional.empty();
        Map<String, String> dataIn = new LinkedHashMap<>();
        Map<String, Map<String, String>> metaFiles = new LinkedHashMap<>();
        Set<String> nonEmpty = new TreeSet<>();
        for (String line : output.split("\n")) {
            String[] p = line.split("\t", 3);
            if (p.length < 3) continue;
            String key = p[1], value = p[2];
            switch (p[0]) {
                case "java" -> java = value.equals("absent") ? Optional.empty() : Optional.of(value);
                case "link" -> links.put(key, value);
                case "installed" -> installed.put(key, value);
                case "user" -> users.put(key, !value.equals("absent"));
                case "enabled" -> enabled.put(key, value);
                case "active" -> active.put(key, value);
                case "pid" -> pids.put(key, parseLong(value));
                case "file" -> {
                    if (!value.equals("absent")) {
                        String[] f = value.split(" ", 3);
                        String content = f.length < 3 ? "" : new String(Base64.getDecoder().decode(f[2]), StandardCharsets.UTF_8);
                        files.put(key, new ExistingFile(f[0], f[1], content, f.length < 3 ? "" : f[2]));
                    }
                }
                case "dir" -> dirs.put(key, value.equals("absent") ? Optional.empty() : Optional.of(value));
                case "meta" -> parseInt(value).ifPresent(v -> meta.put(key, v));
                case "myid" -> parseInt(value).ifPresent(v -> myids.put(key, v));
                case "staged" -> staged.put(key, parseLong(value));
                case "live" -> {
                    if (key.equals("kafka")) liveLogDirs = List.of(value.split(","));
                    else if (key.equals("zookeeper")) liveDataDir = Optional.of(value);
                }
                case "data" -> dataIn.put(key, value);
                case "metafile" -> metaFiles.put(key, properties(new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)));
                case "entries" -> {
                    if (!value.strip().equals("0")) nonEmpty.add(key);
                }
                default -> { }
            }
        }
        return new HostFacts(host, java, links, installed, users, enabled, active, pids, files, dirs, meta, myids, staged,
                liveLogDirs, liveDataDir, dataIn, kafka, metaFiles, nonEmpty);
    }

    /** A properties file's keys and values (meta.properties is written by Kafka: plain key=value lines). */
    private static Map<String, String> properties(String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> m = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        return m;
    }

    private static String resource(String name) {
        try (InputStream in = HostFacts.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Optional<Integer> parseInt(String s) {
        try {
            return Optional.of(Integer.parseInt(s.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
