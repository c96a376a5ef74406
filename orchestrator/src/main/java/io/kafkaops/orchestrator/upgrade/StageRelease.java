package io.kafkaops.orchestrator.upgrade;

import io.kafkaops.orchestrator.host.Fleet;
import io.kafkaops.orchestrator.host.HostCommands;
import io.kafkaops.orchestrator.host.HostResult;
import io.kafkaops.orchestrator.install.Artifact;
import io.kafkaops.orchestrator.install.KafkaRelease;
import io.kafkaops.orchestrator.ssh.RemoteHost;

import java.io.PrintWriter;
import java.util.Map;

import static io.kafkaops.orchestrator.ssh.Shell.quote;

/** Phase STAGE: upload, verify and unpack the new release on every broker host at once; nothing else is copied, nothing restarts. */
final class StageRelease {
    private StageRelease() {}

    /** @return true when every host holds the release unpacked */
    /** @param users per broker, the service user its unit runs as (kafka_user): it owns the release's logs dir */
    static boolean onEvery(Map<Integer, RemoteHost> hosts, Map<Integer, String> names, Map<Integer, String> users, KafkaRelease release,
            Artifact artifact, PrintWriter out) {
        Map<Integer, HostResult<String>> results;
        try (Fleet fleet = new Fleet(hosts.size())) {
            results = fleet.onEach(hosts.keySet(), id -> {
                RemoteHost h = hosts.get(id);
                long t0 = System.nanoTime();
                if (h.run("test -x " + quote(release.installDir() + "/bin/kafka-server-start.sh")).ok()) return "already unpacked in "
                        + release.installDir();
                HostCommands.stageArtifact(h, artifact.tarball(), artifact.remotePath(), artifact.sha512());
                HostCommands.unpack(h, artifact.remotePath(), release.installDir(), users.get(id));
                return String.format("uploaded, verified (SHA-512) and unpacked %s (%.1f s)", release.installDir(),
                        (System.nanoTime() - t0) / 1e9);
            });
        }
        boolean ok = true;
        for (Map.Entry<Integer, HostResult<String>> r : results.entrySet()) {
            if (r.getValue() instanceof HostResult.Done<String> d) {
                out.println("[stage] [" + names.get(r.getKey()) + "] " + d.value());
            } else {
                ok = false;
                out.println("[stage] [" + names.get(r.getKey()) + "] FAILED: " + failure(r.getValue()));
            }
        }
        if (!ok) out.println("stage failed: no broker was restarted; fix the cause and run the same command again");
        return ok;
    }

    /** What a host's stage said when it failed: the step's stderr, as the step reported it. */
    private static String failure(HostResult<String> r) {
        if (r instanceof HostResult.Failed<String> f) return f.step().equals("-") || f.step().equals("ssh") ? f.detail() : f.step() + ": "
                + f.detail();
        return ((HostResult.Unreachable<String>) r).why();
    }
}
