package io.kafkaops.orchestrator.testkit;

import io.kafkaops.orchestrator.ssh.CommandResult;
import io.kafkaops.orchestrator.ssh.Privilege;
import io.kafkaops.orchestrator.ssh.RemoteHost;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A host for use-case tests without a lab: it keeps every command, write and upload in order, and answers commands by
 * the first rule whose pattern is found in them (otherwise exit 0, no output). Streams hand their line consumer to the
 * test, which then speaks for the remote loop.
 */
public final class FakeHost implements RemoteHost {
    private final String name;
    private final Map<Pattern, Function<String, CommandResult>> rules = new LinkedHashMap<>();
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final List<String> asUser = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> files = Collections.synchronizedMap(new LinkedHashMap<>());
    private volatile Consumer<String> stream;
    private volatile boolean streamClosed;
    private volatile boolean down;
    private volatile List<String> streamOpening = List.of();

    public FakeHost(String name) {
        this.name = name;
    }

    /** Commands containing {@code regex} print {@code stdout} and exit 0. */
    public FakeHost answers(String regex, String stdout) {
        return answers(regex, command -> new CommandResult(command, 0, stdout, ""));
    }

    /** Commands containing {@code regex} exit {@code status} with {@code stderr}. */
    public FakeHost fails(String regex, int status, String stderr) {
        return answers(regex, command -> new CommandResult(command, status, "", stderr));
    }

    public FakeHost answers(String regex, Function<String, CommandResult> answer) {
        synchronized (rules) {
            // the latest rule for a pattern wins, so a test can change a host's answer mid-scenario
            rules.remove(rules.keySet().stream().filter(p -> p.pattern().equals(regex)).findFirst().orElse(null));
            Map<Pattern, Function<String, CommandResult>> older = new LinkedHashMap<>(rules);
            rules.clear();
            rules.put(Pattern.compile(regex), answer);
            rules.putAll(older);
        }
        return this;
    }

    /** Lines a stream says as soon as it is opened (a watch loop's first report, say). */
    public FakeHost streams(String... firstLines) {
        streamOpening = List.of(firstLines);
        return this;
    }

    /** Every later command, write and upload throws as a dropped SSH session does. */
    public void goesDown() { down = true; }

    /** Commands run and files written, in order: {@code run: <command>}, {@code write: <path> <owner> <mode>}. */
    public List<String> log() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    public List<String> commands() {
        return log().stream().filter(l -> l.startsWith("run: ")).map(l -> l.substring(5)).toList();
    }

    /** What was written to a remote path last, if anything. */
    public String file(String path) { return files.get(path); }

    /** The consumer of the last stream opened, to say lines as the remote loop would. */
    public void says(String line) { stream.accept(line); }

    public boolean streaming() { return stream != null; }

    public boolean streamClosed() { return streamClosed; }

    @Override
    public String name() { return name; }

    /** Commands run as the SSH user (not through sudo), in order; they are in {@link #commands()} too. */
    public List<String> commandsAsUser() {
        synchronized (asUser) {
            return List.copyOf(asUser);
        }
    }

    @Override
    public CommandResult run(String command, Privilege as, Duration deadline) throws IOException {
        if (down) throw new IOException("connection to " + name + " dropped");
        log.add("run: " + command);
        if (as == Privilege.SSH_USER) asUser.add(command);
        synchronized (rules) {
            for (Map.Entry<Pattern, Function<String, CommandResult>> r : rules.entrySet()) {
                if (r.getKey().matcher(command).find()) return r.getValue().apply(command);
            }
        }
        return new CommandResult(command, 0, "", "");
    }

    @Override
    public AutoCloseable stream(String command, Consumer<String> onLine) throws IOException {
        if (down) throw new IOException("connection to " + name + " dropped");
        log.add("stream: " + command);
        stream = onLine;
        streamClosed = false;
        streamOpening.forEach(onLine);
        return () -> streamClosed = true;
    }

    @Override
    public void upload(Path local, String remotePath) throws IOException {
        if (down) throw new IOException("connection to " + name + " dropped");
        log.add("upload: " + local.getFileName() + " -> " + remotePath);
    }

    @Override
    public void write(String remotePath, byte[] content, String owner, String mode) throws IOException {
        if (down) throw new IOException("connection to " + name + " dropped");
        log.add("write: " + remotePath + " " + owner + " " + mode);
        files.put(remotePath, new String(content, StandardCharsets.UTF_8));
    }

    @Override
    public void close() {}
}
