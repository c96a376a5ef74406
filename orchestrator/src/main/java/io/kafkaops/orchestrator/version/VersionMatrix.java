package io.kafkaops.orchestrator.version;

import io.kafkaops.orchestrator.BadInput;
import io.kafkaops.orchestrator.DataFile;
import io.kafkaops.orchestrator.install.KnownReleases;
import io.kafkaops.orchestrator.version.MatrixRow.RollRule;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * upgrade/matrix.yml (which version changes are allowed and how) plus upgrade/versions.yml (which
 * versions can be installed). {@link #plan} is pure: the same inputs always give the same path.
 */
public record VersionMatrix(List<MatrixRow> rows, Set<String> installable, String matrixName, String versionsName) {

    private static final Set<String> ROW_KEYS = Set.of("name", "mode", "step", "from", "to", "refuse",
            "requires_pins_at_most", "rolls", "chain");
    private static final Set<String> ROLL_KEYS = Set.of("name", "binaries", "pin", "remove", "remove_topic_configs", "nodes", "action",
            "config", "point_of_no_return");

    public VersionMatrix {
        rows = List.copyOf(rows);
        installable = Set.copyOf(installable);
    }

    /** Reads the matrix and the versions.yml next to it; every mistake is a {@link BadInput} naming the row. */
    public static VersionMatrix load(Path matrixFile) {
        Path versionsFile = matrixFile.resolveSibling("versions.yml");
        KnownReleases releases = KnownReleases.load(versionsFile);
        Object doc = DataFile.readYaml(matrixFile);
        if (!(doc instanceof Map<?, ?> top) || !(top.get("paths") instanceof List<?> list)) {
            throw new BadInput(matrixFile, 1, "the version matrix must be a mapping with a 'paths' list",
                    "restore upgrade/matrix.yml from the repository");
        }
        List<MatrixRow> rows = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            rows.add(row(matrixFile, i + 1, list.get(i)));
        }
        return new VersionMatrix(rows, releases.kafkaScala().keySet(), "upgrade/" + matrixFile.getFileName(),
                "upgrade/" + versionsFile.getFileName());
    }

    /** Plans a ZooKeeper-mode cluster, the only mode the orchestrator provisions today. */
    public UpgradePath plan(String fromVersion, Optional<String> currentIbp, Optional<String> currentLmf, String toVersion) {
        return plan(ClusterMode.ZOOKEEPER, fromVersion, currentIbp, currentLmf, toVersion);
    }

    public UpgradePath plan(ClusterMode mode, String fromVersion, Optional<String> currentIbp, Optional<String> currentLmf,
                            String toVersion) {
        Optional<KafkaVersion> parsedFrom = KafkaVersion.parse(fromVersion);
        if (parsedFrom.isEmpty()) {
            return new UpgradePath.Refused("cannot read the running version '" + fromVersion
                    + "'; expected a Kafka release such as 2.6.3");
        }
        Optional<KafkaVersion> parsedTo = KafkaVersion.parse(toVersion);
        if (parsedTo.isEmpty() || !installable.contains(toVersion.trim())) {
            return new UpgradePath.Refused("Kafka " + toVersion + " is not a release listed in " + versionsName
                    + " (known: " + String.join(", ", new TreeSet<>(installable)) + "); add it there to install it");
        }
        KafkaVersion from = parsedFrom.get();
        KafkaVersion to = parsedTo.get();

        Map<String, String> pins = new LinkedHashMap<>();
        currentIbp.filter(s -> !s.isBlank()).ifPresent(v -> pins.put(Pins.IBP, v.trim()));
        currentLmf.filter(s -> !s.isBlank()).ifPresent(v -> pins.put(Pins.LMF, v.trim()));
        for (Map.Entry<String, String> pin : pins.entrySet()) {
            Optional<KafkaVersion> v = KafkaVersion.parse(pin.getValue());
            if (v.isEmpty()) {
                return new UpgradePath.Refused("cannot read " + pin.getKey() + "=" + pin.getValue()
                        + "; expected a version such as 2.1 or 2.1-IV2");
            }
            if (v.get().compareMinor(from) > 0) {
                return new UpgradePath.Refused(pin.getKey() + "=" + pin.getValue() + " is newer than the running version "
                        + from.majorMinor() + "; the brokers' configuration is inconsistent, fix it before a roll");
            }
        }

        if (from.equals(to)) {
            return finalizeOnly(mode, to, pins);
        }
        VersionStep step = to.compareMinor(from) > 0 ? VersionStep.UPGRADE : to.compareMinor(from) == 0
                ? VersionStep.PATCH : VersionStep.ROLLBACK;
        Optional<MatrixRow> found = rows.stream().filter(r -> r.covers(mode, step, from, to)).findFirst();
        if (found.isEmpty()) {
            return new UpgradePath.Refused("no rule in " + matrixName + " allows a " + mode.words() + " "
                    + step.name().toLowerCase(Locale.ROOT) + " from " + from + " to " + to);
        }
        MatrixRow row = found.get();
        if (!row.chain().isEmpty()) {
            return new UpgradePath.Refused("Kafka " + to + " is reached from here in hops (" + matrixName + ": " + row.name() + "): "
                    + row.chain().stream().map(MatrixRow.Hop::toString).toList() + "; `upgrade --to " + to + "` runs them one after another");
        }
        if (row.refuse().isPresent()) {
            return new UpgradePath.Refused(row.refuse().get() + " (" + matrixName + ": " + row.name() + ")");
        }
        if (row.pinsAtMostTarget()) {
            Optional<String> blocked = rollbackBlocker(from, to, pins);
            if (blocked.isPresent()) return new UpgradePath.Refused(blocked.get());
        }
        List<Phase> phases = new ArrayList<>();
        if (row.rolls().stream().anyMatch(RollRule::binaries)) {
            String hosts = mode == ClusterMode.KRAFT ? "every controller and broker host" : "every broker host";
            phases.add(new Phase(1, Phase.Kind.STAGE, hosts + " gets Kafka " + to + " next to the running one; nothing restarts",
                    Optional.of(to.toString()),
                    Map.of(), List.of(), List.of(), pins, Optional.empty()));
        }
        phases.addAll(rolls(row.rolls(), step, from, to, pins, phases.size() + 1));
        return new UpgradePath.Planned(mode, from.toString(), to.toString(), step, row.name(), phases);
    }

    /**
     * The ZooKeeper -> KRaft migration of a cluster that runs {@code version} (KIP-866): the row's rolls in order, or why
     * none covers it.
     */
    public Optional<MatrixRow> migration(KafkaVersion version) {
        return rows.stream().filter(r -> r.covers(ClusterMode.ZOOKEEPER, VersionStep.MIGRATE, version, version)).findFirst();
    }

    /** The rollback of a migration not past its point of no return, on {@code version}. */
    public Optional<MatrixRow> migrationRollback(KafkaVersion version) {
        return rows.stream().filter(r -> r.covers(ClusterMode.MIGRATION, VersionStep.ROLLBACK, version, version)).findFirst();
    }

    /** Same version: either done, or a half-finished upgrade whose pins still have to be raised. */
    private UpgradePath finalizeOnly(ClusterMode mode, KafkaVersion version, Map<String, String> pins) {
        if (mode == ClusterMode.KRAFT) {
            // KRaft has no pins: what may be left is the feature bump of a run that stopped before it (the cluster says)
            Optional<MatrixRow> row = rows.stream().filter(r -> r.mode() == mode && r.step() == VersionStep.UPGRADE
                    && r.to().contains(version) && r.refuse().isEmpty() && r.rolls().stream().anyMatch(RollRule::finalizeFeatures))
                    .findFirst();
            if (row.isEmpty()) return new UpgradePath.NothingToDo("every node already runs Kafka " + version);
            List<RollRule> bump = row.get().rolls().stream().filter(RollRule::finalizeFeatures).toList();
            return new UpgradePath.Planned(mode, version.toString(), version.toString(), VersionStep.FINALIZE, row.get().name(),
                    rolls(bump, VersionStep.FINALIZE, version, version, Map.of(), 1));
        }
        Optional<KafkaVersion> lowestPin = pins.values().stream().map(v -> KafkaVersion.parse(v).orElseThrow())
                .filter(v -> v.compareMinor(version) < 0).min(KafkaVersion::compareMinor);
        if (lowestPin.isEmpty()) {
            return new UpgradePath.NothingToDo("every broker already runs Kafka " + version
                    + (pins.isEmpty() ? " with no protocol pins" : " with its pins at " + version.majorMinor()));
        }
        Optional<MatrixRow> row = rows.stream()
                .filter(r -> r.covers(mode, VersionStep.UPGRADE, lowestPin.get(), version) && r.refuse().isEmpty()).findFirst();
        if (row.isEmpty()) {
            return new UpgradePath.Refused("Kafka " + version + " runs with pins " + pins + " and no rule in " + matrixName
                    + " says how to raise them from " + lowestPin.get().majorMinor());
        }
        List<RollRule> pinRolls = row.get().rolls().stream().filter(r -> !r.binaries()).toList();
        List<Phase> phases = rolls(pinRolls, VersionStep.FINALIZE, lowestPin.get(), version, pins, 1);
        return new UpgradePath.Planned(mode, version.toString(), version.toString(), VersionStep.FINALIZE, row.get().name(), phases);
    }

    private static Optional<String> rollbackBlocker(KafkaVersion from, KafkaVersion to, Map<String, String> pins) {
        if (!pins.containsKey(Pins.IBP)) {
            return Optional.of("cannot roll back from " + from + " to " + to + ": " + Pins.IBP
                    + " is not pinned, so the brokers already speak protocol " + from.majorMinor()
                    + "; the point of no return has passed");
        }
        for (Map.Entry<String, String> pin : pins.entrySet()) {
            if (KafkaVersion.parse(pin.getValue()).orElseThrow().compareMinor(to) > 0) {
                return Optional.of("cannot roll back from " + from + " to " + to + ": " + pin.getKey() + " is already "
                        + pin.getValue() + ", newer than " + to.majorMinor() + "; the point of no return has passed");
            }
        }
        return Optional.empty();
    }

    /** Turns matrix rolls into phases against the cluster's pins; a roll that changes nothing is dropped. */
    private static List<Phase> rolls(List<RollRule> rules, VersionStep step, KafkaVersion from, KafkaVersion to,
                                     Map<String, String> currentPins, int firstNumber) {
        Map<String, String> state = new LinkedHashMap<>(currentPins);
        List<Phase> phases = new ArrayList<>();
        for (RollRule rule : rules) {
            Map<String, String> set = new LinkedHashMap<>();
            rule.pin().forEach((key, token) -> {
                String value = token.equals("from") ? state.getOrDefault(key, from.majorMinor()) : to.majorMinor();
                if (!value.equals(state.get(key))) set.put(key, value);
            });
            List<String> removed = rule.remove().stream().filter(state::containsKey).toList();
            if (rule.finalizeFeatures()) {
                // KRaft: the levels are read from the cluster when the phase runs; one already at them is skipped then
                phases.add(new Phase(firstNumber + phases.size(), Phase.Kind.FINALIZE_FEATURES, rule.name(), Optional.empty(), Map.of(),
                        List.of(), List.of(), state, rule.pointOfNoReturn(), rule.nodes()));
                continue;
            }
            if (!rule.binaries() && set.isEmpty() && removed.isEmpty()) continue;
            state.putAll(set);
            removed.forEach(state::remove);
            Phase.Kind kind = !rule.binaries() ? Phase.Kind.FINALIZE_ROLL
                    : step == VersionStep.ROLLBACK ? Phase.Kind.ROLLBACK_ROLL : Phase.Kind.BINARY_ROLL;
            phases.add(new Phase(firstNumber + phases.size(), kind, rule.name(),
                    rule.binaries() ? Optional.of(to.toString()) : Optional.empty(), set, removed,
                    rule.removeTopicConfigs(), state, rule.pointOfNoReturn(), rule.nodes()));
        }
        return phases;
    }

    // --- reading the YAML --------------------------------------------------------------------

    private static MatrixRow row(Path file, int index, Object raw) {
        if (!(raw instanceof Map<?, ?> m)) {
            throw bad(file, "path " + index, "must be a mapping");
        }
        String where = "path " + index + (m.get("name") == null ? "" : " (" + m.get("name") + ")");
        unknownKeys(file, where, m, ROW_KEYS);
        String name = text(file, where, m, "name");
        ClusterMode mode = enumValue(file, where, ClusterMode.class, text(file, where, m, "mode"));
        VersionStep step = enumValue(file, where, VersionStep.class, text(file, where, m, "step"));
        if (step == VersionStep.FINALIZE) throw bad(file, where, "step must be upgrade, patch, rollback or migrate");
        VersionRange from = range(file, where, text(file, where, m, "from"));
        VersionRange to = range(file, where, text(file, where, m, "to"));
        Optional<String> refuse = Optional.ofNullable(m.get("refuse")).map(String::valueOf);
        Object pinsAtMost = m.get("requires_pins_at_most");
        if (pinsAtMost != null && !"to".equals(pinsAtMost)) throw bad(file, where, "requires_pins_at_most may only be 'to'");
        List<RollRule> rolls = new ArrayList<>();
        if (m.get("rolls") instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) rolls.add(roll(file, where + " roll " + (i + 1), list.get(i)));
        } else if (m.get("rolls") != null) {
            throw bad(file, where, "rolls must be a list");
        }
        List<MatrixRow.Hop> chain = new ArrayList<>();
        if (m.get("chain") instanceof List<?> hops) {
            for (int i = 0; i < hops.size(); i++) chain.add(hop(file, where + " hop " + (i + 1), hops.get(i)));
        } else if (m.get("chain") != null) {
            throw bad(file, where, "chain must be a list");
        }
        int kinds = (refuse.isPresent() ? 1 : 0) + (rolls.isEmpty() ? 0 : 1) + (chain.isEmpty() ? 0 : 1);
        if (kinds == 0) throw bad(file, where, "needs rolls, a chain or a refuse reason");
        if (kinds > 1) throw bad(file, where, "has more than one of rolls, chain and refuse");
        return new MatrixRow(name, mode, step, from, to, refuse, pinsAtMost != null, rolls, chain);
    }

    private static MatrixRow.Hop hop(Path file, String where, Object raw) {
        if (!(raw instanceof Map<?, ?> m) || m.size() != 1) throw bad(file, where, "must be {upgrade: X.Y|to} or {migrate: kraft}");
        if (m.containsKey("migrate")) {
            if (!"kraft".equals(String.valueOf(m.get("migrate")))) throw bad(file, where, "migrate may only be 'kraft'");
            return new MatrixRow.Hop(Optional.empty(), true);
        }
        Object to = m.get("upgrade");
        if (to == null || (!"to".equals(String.valueOf(to)) && VersionRange.parse(to + "-" + to).isEmpty())) {
            throw bad(file, where, "must be {upgrade: X.Y|to} or {migrate: kraft}");
        }
        return new MatrixRow.Hop(Optional.of(String.valueOf(to)), false);
    }

    /** The chain row that leads a cluster in {@code mode} on {@code from} to {@code to}, if one does (ZooKeeper mode to 4.x). */
    public Optional<MatrixRow> chain(ClusterMode mode, KafkaVersion from, KafkaVersion to) {
        return rows.stream().filter(r -> !r.chain().isEmpty() && r.mode() == mode && r.from().contains(from) && r.to().contains(to))
                .findFirst();
    }

    /** The newest release versions.yml lists of a major.minor ("3.9" -> 3.9.2). */
    public Optional<String> newest(String majorMinor) {
        return installable.stream().filter(v -> KafkaVersion.parse(v).map(k -> k.majorMinor().equals(majorMinor)).orElse(false))
                .max((a, b) -> KafkaVersion.parse(a).orElseThrow().compareTo(KafkaVersion.parse(b).orElseThrow()));
    }

    private static RollRule roll(Path file, String where, Object raw) {
        if (!(raw instanceof Map<?, ?> m)) throw bad(file, where, "must be a mapping");
        unknownKeys(file, where, m, ROLL_KEYS);
        Object binaries = m.get("binaries");
        if (binaries != null && !"to".equals(binaries)) throw bad(file, where, "binaries may only be 'to'");
        Map<String, String> pin = new LinkedHashMap<>();
        if (m.get("pin") instanceof Map<?, ?> pins) {
            pins.forEach((k, v) -> {
                if (!"from".equals(v) && !"to".equals(v)) throw bad(file, where, "pin " + k + " must be 'from' or 'to', not " + v);
                pin.put(String.valueOf(k), String.valueOf(v));
            });
        } else if (m.get("pin") != null) {
            throw bad(file, where, "pin must be a mapping of key: from|to");
        }
        Nodes nodes = m.get("nodes") == null ? Nodes.BROKERS : enumValue(file, where, Nodes.class, String.valueOf(m.get("nodes")));
        Optional<MatrixRow.Action> action = Optional.ofNullable(m.get("action"))
                .map(a -> enumValue(file, where, MatrixRow.Action.class, String.valueOf(a)));
        Optional<ClusterMode> config = Optional.ofNullable(m.get("config")).map(c -> enumValue(file, where, ClusterMode.class, String.valueOf(c)));
        if ((action.isPresent() || config.isPresent()) && (binaries != null || !pin.isEmpty() || m.get("remove") != null)) {
            throw bad(file, where, "an action or config roll changes no binaries or pins");
        }
        if (action.isPresent() && config.isPresent()) throw bad(file, where, "a roll has an action or a config, not both");
        return new RollRule(text(file, where, m, "name"), binaries != null, pin, strings(file, where, m, "remove"),
                strings(file, where, m, "remove_topic_configs"),
                Optional.ofNullable(m.get("point_of_no_return")).map(String::valueOf), nodes, action, config);
    }

    private static void unknownKeys(Path file, String where, Map<?, ?> m, Set<String> allowed) {
        for (Object key : m.keySet()) {
            if (!allowed.contains(String.valueOf(key))) {
                throw bad(file, where, "unknown key '" + key + "' (allowed: " + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
    }

    private static String text(Path file, String where, Map<?, ?> m, String key) {
        Object v = m.get(key);
        if (v == null || String.valueOf(v).isBlank()) throw bad(file, where, "needs '" + key + "'");
        return String.valueOf(v);
    }

    private static List<String> strings(Path file, String where, Map<?, ?> m, String key) {
        Object v = m.get(key);
        if (v == null) return List.of();
        if (!(v instanceof List<?> list)) throw bad(file, where, key + " must be a list");
        return list.stream().map(String::valueOf).toList();
    }

    private static VersionRange range(Path file, String where, String text) {
        return VersionRange.parse(text).orElseThrow(() -> bad(file, where, "'" + text + "' is not a range like 2.2-2.8"));
    }

    private static <E extends Enum<E>> E enumValue(Path file, String where, Class<E> type, String text) {
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw bad(file, where, "'" + text + "' is not one of " + Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).toList());
        }
    }

    private static BadInput bad(Path file, String where, String problem) {
        return new BadInput(file, null, where + ": " + problem, "see the comment at the top of upgrade/matrix.yml for the row format");
    }
}
