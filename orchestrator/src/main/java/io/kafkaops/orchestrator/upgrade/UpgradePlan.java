package io.kafkaops.orchestrator.upgrade;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kafkaops.orchestrator.install.InstallLayout;
import io.kafkaops.orchestrator.plan.SecretMask;
import io.kafkaops.orchestrator.roll.BrokerFleet.RenderedFile;
import io.kafkaops.orchestrator.version.Phase;
import io.kafkaops.orchestrator.version.UpgradePath;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An upgrade as data, before anything is touched: the matrix's phases, the broker order, the topic overrides a phase
 * retires, and per broker and phase what it will run and the server.properties change. The same object is printed,
 * emitted as JSON, and executed: a rolling phase writes exactly the files rendered here.
 */
public record UpgradePlan(UpgradePath.Planned path, List<Integer> order, Map<Integer, String> hosts, List<OverrideRemoval> overrides,
                          List<BrokerPhase> brokers) {
    /** Topics that set a retired config themselves (KIP-724), deleted before the phase's roll. */
    public record OverrideRemoval(int phase, String key, Map<String, String> topics) {}

    /**
     * @param runs                    the version the line is about: the new one of a roll, the running one beside a stage
     * @param installDir              where the phase's binaries are unpacked, for a phase that changes them
     * @param files                   the broker's config files in this phase (secret-capable: never printed whole)
     * @param serverPropertiesChanges the +/- lines of server.properties against the previous phase (the host's file first),
     *                                secret values masked ({@link #serverPropertiesChanges(String, String)})
     */
    public record BrokerPhase(int phase, int broker, boolean stage, String runs, Optional<String> installDir, List<RenderedFile> files,
                              List<String> serverPropertiesChanges) {
        public BrokerPhase {
            files = List.copyOf(files);
            serverPropertiesChanges = List.copyOf(serverPropertiesChanges);
        }
    }

    public UpgradePlan {
        order = List.copyOf(order);
        overrides = List.copyOf(overrides);
        brokers = List.copyOf(brokers);
    }

    /** The +/- lines from one server.properties to the next, secret values masked on both sides before the diff. */
    public static List<String> serverPropertiesChanges(String now, String next) {
        return SecretMask.diff("now", now, "next", next).lines()
                .filter(l -> l.startsWith("+") || l.startsWith("-")).filter(l -> !l.startsWith("+++") && !l.startsWith("---")).toList();
    }

    /** The files a rolling phase writes on a broker. */
    public List<RenderedFile> files(Phase phase, int broker) {
        return brokers.stream().filter(b -> b.phase() == phase.number() && b.broker() == broker).findFirst().map(BrokerPhase::files)
                .orElseThrow(() -> new IllegalStateException("no plan for broker " + broker + " in phase " + phase.number()));
    }

    public String text(boolean yesFinalize) {
        StringBuilder out = new StringBuilder();
        line(out, "plan: " + path.describe());
        line(out, "broker order (active controller last): " + order.stream().map(id -> "broker " + id + " (" + hosts.get(id) + ")")
                .toList());
        path.pointOfNoReturn().ifPresentOrElse(
                p -> line(out, "point of no return: phase " + p.number() + " (" + p.title() + "); " + p.pointOfNoReturn().orElse("")
                        + (yesFinalize ? "" : " - it runs only with --yes-finalize")),
                () -> line(out, "no phase is irreversible: this can be rolled back"));
        // brokers do not record a producer's acks (ZooKeeper mode, default request logging), so this risk cannot be listed per client
        line(out, "caution: producers with acks=0 or acks=1 can lose acknowledged messages whenever a leader moves during the roll; "
                + "the brokers do not show which clients use them, so check your producers (acks=all, enable.idempotence=true)");
        for (OverrideRemoval r : overrides) {
            line(out, "phase " + r.phase() + " removes topic-level " + r.key()
                    + (r.topics().isEmpty() ? ": no topic sets it" : " from " + r.topics()));
        }
        for (BrokerPhase b : brokers) {
            String host = hosts.get(b.broker());
            if (b.stage()) {
                line(out, "[" + host + "] phase " + b.phase() + ": unpack Kafka " + phaseOf(b).binaries().orElseThrow() + " to "
                        + b.installDir().orElseThrow() + " beside the running " + b.runs());
                continue;
            }
            line(out, "[" + host + "] phase " + b.phase() + ": run " + b.runs()
                    + b.installDir().map(d -> " (" + InstallLayout.KAFKA_HOME + " -> " + d + ")").orElse("") + ", server.properties:");
            if (b.serverPropertiesChanges().isEmpty()) line(out, "    (unchanged)");
            else b.serverPropertiesChanges().forEach(l -> line(out, "    " + l));
        }
        return out.toString();
    }

    public String json() {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("mode", path.mode().name().toLowerCase());
        root.put("from", path.from());
        root.put("to", path.to());
        root.put("step", path.step().name().toLowerCase());
        root.put("rule", path.rule());
        ArrayNode order = root.putArray("order");
        this.order.forEach(id -> order.addObject().put("broker", id).put("host", hosts.get(id)));
        path.pointOfNoReturn().ifPresentOrElse(p -> root.put("pointOfNoReturn", p.number()), () -> root.putNull("pointOfNoReturn"));
        ArrayNode phases = root.putArray("phases");
        for (Phase p : path.phases()) {
            ObjectNode n = phases.addObject();
            n.put("number", p.number());
            n.put("kind", p.kind().name().toLowerCase());
            n.put("title", p.title());
            n.put("describe", p.describe());
            n.put("irreversible", p.irreversible());
            p.binaries().ifPresentOrElse(v -> n.put("binaries", v), () -> n.putNull("binaries"));
            ObjectNode pins = n.putObject("pinsAfter");
            p.pinsAfter().forEach(pins::put);
            ObjectNode removed = n.putObject("topicConfigsRemoved");
            overrides.stream().filter(r -> r.phase() == p.number()).forEach(r -> {
                ObjectNode topics = removed.putObject(r.key());
                r.topics().forEach(topics::put);
            });
            ArrayNode perBroker = n.putArray("brokers");
            brokers.stream().filter(b -> b.phase() == p.number()).forEach(b -> {
                ObjectNode o = perBroker.addObject();
                o.put("broker", b.broker());
                o.put("host", hosts.get(b.broker()));
                o.put("runs", b.runs());
                b.installDir().ifPresentOrElse(d -> o.put("installDir", d), () -> o.putNull("installDir"));
                ArrayNode files = o.putArray("files");
                b.files().forEach(f -> files.add(f.relativePath()));
                ArrayNode changes = o.putArray("serverPropertiesChanges");
                b.serverPropertiesChanges().forEach(changes::add);
            });
        }
        try {
            return json.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Phase phaseOf(BrokerPhase b) {
        return path.phases().stream().filter(p -> p.number() == b.phase()).findFirst().orElseThrow();
    }

    private static void line(StringBuilder out, String text) { out.append(text).append('\n'); }
}
