package io.kafkaops.orchestrator.upgrade;

import io.kafkaops.orchestrator.BadInput;
import io.kafkaops.orchestrator.Workspace;
import io.kafkaops.orchestrator.cluster.RenderModes;
import io.kafkaops.orchestrator.host.HostReading;
import io.kafkaops.orchestrator.roll.BrokerFleet;
import io.kafkaops.orchestrator.roll.RollJournal;
import io.kafkaops.orchestrator.roll.RollReport;
import io.kafkaops.orchestrator.version.ClusterMode;
import io.kafkaops.orchestrator.version.KafkaVersion;
import io.kafkaops.orchestrator.version.MatrixRow;
import io.kafkaops.orchestrator.version.MatrixRow.Hop;
import io.kafkaops.orchestrator.version.UpgradePath;
import io.kafkaops.orchestrator.version.VersionMatrix;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * `orchestrator upgrade INV --to 4.x` on a ZooKeeper-mode cluster: the matrix's chain row - to the newest 3.9 in ZooKeeper
 * mode, the migration to KRaft on it, KRaft to the release asked for - each hop run by its own use case with its own gates
 * and points of no return. Which hop comes next is read from the hosts on every run, so the same command resumes across
 * hops after a halt or a kill.
 */
public final class ChainUpgrade {
    private final Workspace ws;
    private final VersionMatrix matrix;

    public ChainUpgrade(Workspace ws) {
        this.ws = ws;
        this.matrix = VersionMatrix.load(ws.home().upgrade().resolve("matrix.yml"));
    }

    /** The chain row a ZooKeeper-mode inventory's --to leads to, if any (none: a plain upgrade). */
    public static Optional<MatrixRow> rowFor(Workspace ws, String to) {
        if (ws.cluster().mode() != ClusterMode.ZOOKEEPER) return Optional.empty();
        Optional<KafkaVersion> target = KafkaVersion.parse(to);
        if (target.isEmpty()) return Optional.empty();
        VersionMatrix matrix = VersionMatrix.load(ws.home().upgrade().resolve("matrix.yml"));
        // any ZooKeeper-mode release: the hosts say which one runs when the chain starts
        return matrix.chain(ClusterMode.ZOOKEEPER, KafkaVersion.parse(ws.cluster().kafka().version()).orElse(target.get()), target.get());
    }

    /** The hops as the row gives them, each with the release it leads to. */
    record Leg(int number, Hop hop, String release) {
        String title(int of) { return "hop " + number + " of " + of + ": " + (hop.migrate() ? "migrate to KRaft on " : "upgrade to ") + release; }
    }

    List<Leg> legs(MatrixRow row, String to) {
        List<Leg> legs = new ArrayList<>();
        String release = null;
        for (Hop hop : row.chain()) {
            if (!hop.migrate()) {
                String wanted = hop.upgradeTo().orElseThrow();
                release = wanted.equals("to") ? to : matrix.newest(wanted).orElseThrow(() -> new BadInput(ws.releases().source(), null,
                        "the chain " + row.name() + " goes through Kafka " + wanted + ", and " + matrix.versionsName()
                                + " lists no " + wanted + " release", "add the newest " + wanted + " release to " + matrix.versionsName()));
            }
            legs.add(new Leg(legs.size() + 1, hop, release));
        }
        return legs;
    }

    /** @return the exit code: 0 done or stopped before a point of no return as asked, 1 halted */
    public int run(RollingUpgrade.Request request, Duration migrationTimeout, PrintWriter out, PrintWriter err) throws Exception {
        MatrixRow row = rowFor(ws, request.to()).orElseThrow();
        if (!matrix.installable().contains(request.to().trim())) {
            throw new BadInput("--to " + request.to() + ": Kafka " + request.to() + " is not a release listed in " + matrix.versionsName(),
                    "give one of " + matrix.installable() + ", or add the release to " + matrix.versionsName());
        }
        List<Leg> legs = legs(row, request.to());
        Leg migration = legs.stream().filter(l -> l.hop().migrate()).findFirst().orElseThrow();
        Migration.Request migrate = new Migration.Request(request.inventory(), migration.release(), request.dryRun(), request.yesFinalize(),
                request.artifacts(), request.gates(), request.hostKeys(), request.typed(), request.invocation(), migrationTimeout);
        // the migration's refusals (no controller group, combined hosts, an even quorum) before any host is touched
        try {
            new Migration(ws).validate(migrate);
        } catch (BadInput e) {
            throw new BadInput(ws.inventory().source(), null, "--to " + request.to() + " takes this ZooKeeper-mode cluster through the "
                    + "migration to KRaft, and " + e.problem().replaceFirst("^--mode kraft: ", ""), e.fix());
        }
        out.println("Kafka " + request.to() + " is reached in " + legs.size() + " hops (" + matrix.matrixName() + ": " + row.name() + "):");
        for (Leg l : legs) out.println("  " + l.title(legs.size()) + pointsOfNoReturn(l, legs));
        for (Leg leg : legs) {
            Where now = where(request);
            boolean done = now.done(leg);
            out.println();
            out.println("=== " + leg.title(legs.size()) + (done ? ": already done" : "") + " ===");
            out.flush();
            if (done) continue;
            if (request.dryRun() && leg.number() > 1 && !now.readyFor(leg)) {
                // the cluster is not there yet: what the hop will do, from the matrix alone
                out.println(leg.hop().migrate() ? Migration.describe(matrix, leg.release())
                        : matrix.plan(ClusterMode.KRAFT, legs.get(leg.number() - 2).release(), Optional.empty(), Optional.empty(),
                                leg.release()).describe());
                continue;
            }
            int code;
            if (leg.hop().migrate()) {
                code = new Migration(ws).run(migrate, out);
                if (code == 0 && !request.dryRun() && !where(request).migrated()) return 0;
            } else {
                RenderModes modes = leg.number() == 1 ? RenderModes.of(ws.cluster()) : new RenderModes(ClusterMode.KRAFT, ClusterMode.KRAFT);
                RollingUpgrade.Request hop = new RollingUpgrade.Request(request.inventory(), leg.release(), request.dryRun(),
                        request.yesFinalize(), request.artifacts(), request.gates(), request.hostKeys(), request.typed(),
                        request.invocation(), RollingUpgrade.Output.TEXT);
                RollingUpgrade.Result result = new RollingUpgrade(ws, modes).run(hop, out, err);
                code = result.exitCode();
                // stopped before a point of no return (no --yes-finalize): the chain stops with it
                if (code == 0 && !request.dryRun() && !result.done()) return 0;
            }
            if (code != 0) return code;
        }
        if (!request.dryRun()) out.println("chain to Kafka " + request.to() + " done: every node runs KRaft on " + request.to());
        return 0;
    }

    private static String pointsOfNoReturn(Leg l, List<Leg> legs) {
        if (l.hop().migrate()) return " (POINT OF NO RETURN: the controllers leaving migration mode)";
        return l.number() == 1 ? " (POINT OF NO RETURN: inter.broker.protocol.version raised)"
                : " (POINT OF NO RETURN: the release's feature levels finalized)";
    }

    /** What the hosts run now, read through a fleet that reaches brokers and controllers whatever their mode. */
    private Where where(RollingUpgrade.Request request) throws IOException {
        try (BrokerFleet fleet = new BrokerFleet(ws, request.hostKeys(), new RenderModes(ClusterMode.MIGRATION, ClusterMode.MIGRATION))) {
            return new Where(fleet.readHosts(), fleet.readControllers());
        }
    }

    /** The brokers' and controllers' host readings. */
    record Where(Map<Integer, HostReading> brokers, Map<Integer, HostReading> controllers) {
        boolean pastFirstHop(String release) {
            boolean zookeeper = brokers.values().stream().allMatch(h -> h.metadataMode().equals(Optional.of(ClusterMode.ZOOKEEPER)));
            if (!zookeeper) return true;
            return brokers.values().stream().allMatch(h -> h.version().equals(Optional.of(release)) && h.pins().isEmpty());
        }

        boolean migrated() {
            return brokers.values().stream().allMatch(h -> h.metadataMode().equals(Optional.of(ClusterMode.KRAFT)))
                    && !controllers.isEmpty() && controllers.values().stream().allMatch(h -> h.metadataMode().equals(Optional.of(ClusterMode.KRAFT)));
        }

        boolean onRelease(String release) {
            return brokers.values().stream().allMatch(h -> h.version().equals(Optional.of(release)))
                    && controllers.values().stream().allMatch(h -> h.version().equals(Optional.of(release)));
        }

        /**
         * The first hop is behind a cluster on its release without pins, or past ZooKeeper mode; the migration behind one
         * whose nodes all run KRaft and have moved on from its release. The last hop says itself when there is nothing to do.
         */
        boolean done(Leg leg) {
            if (leg.number() == 1 && !leg.hop().migrate()) return pastFirstHop(leg.release());
            if (leg.hop().migrate()) return migrated() && !onRelease(leg.release());
            return false;
        }

        /** The cluster already is where this hop starts (a dry run then shows the hop's live plan). */
        boolean readyFor(Leg leg) {
            if (leg.hop().migrate()) return brokers.values().stream().allMatch(h -> h.version().equals(Optional.of(leg.release())));
            return migrated();
        }
    }
}
