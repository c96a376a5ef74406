package io.kafkaops.orchestrator.roll;

import io.kafkaops.orchestrator.Workspace;
import io.kafkaops.orchestrator.cluster.ClusterNode;
import io.kafkaops.orchestrator.host.Fleet;
import io.kafkaops.orchestrator.host.HostResult;
import io.kafkaops.orchestrator.lease.ClusterLease;
import io.kafkaops.orchestrator.ssh.HostKeyPolicy;
import io.kafkaops.orchestrator.ssh.RemoteHost;
import io.kafkaops.orchestrator.ssh.SshRemoteHost;
import io.kafkaops.orchestrator.ssh.SshTargets;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** `orchestrator unlock`: removes one dead run's lease from every host of the inventory it can reach. */
public final class UnlockCluster {
    private UnlockCluster() {}

    /** @return 0 when no host still holds that run's lease as far as could be seen, 1 when a host could not be reached */
    public static int run(Workspace ws, HostKeyPolicy hostKeys, String run, PrintWriter out) {
        List<ClusterNode> nodes = ws.cluster().nodes();
        Map<String, RemoteHost> hosts = new LinkedHashMap<>();
        int code = 0;
        try (Fleet fleet = new Fleet(nodes.size())) {
            Map<ClusterNode, HostResult<RemoteHost>> connected = fleet.onEach(nodes,
                    n -> SshRemoteHost.connect(SshTargets.of(n, ws.variables()), hostKeys));
            for (Map.Entry<ClusterNode, HostResult<RemoteHost>> e : connected.entrySet()) {
                if (e.getValue() instanceof HostResult.Done<RemoteHost> d) hosts.put(e.getKey().host(), d.value());
                else {
                    out.println("[" + e.getKey().host() + "] " + e.getValue().describe());
                    code = 1;
                }
            }
            for (Map.Entry<String, String> e : ClusterLease.breakRun(hosts, run).entrySet()) {
                out.println("[" + e.getKey() + "] " + e.getValue());
                if (e.getValue().contains("FAILED") || e.getValue().contains("UNREACHABLE")) code = 1;
            }
        } finally {
            hosts.values().forEach(h -> {
                try {
                    h.close();
                } catch (Exception ignored) {
                    // nothing left to do with a connection that will not close
                }
            });
        }
        return code;
    }
}
