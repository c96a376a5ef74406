package io.kafkaops.orchestrator.provision;

import io.kafkaops.orchestrator.host.HostFacts;
import io.kafkaops.orchestrator.install.InstallLayout;
import io.kafkaops.orchestrator.plan.HostPlan;
import io.kafkaops.orchestrator.plan.PlannedFile;
import io.kafkaops.orchestrator.ssh.RemoteHost;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** What provision asks the one host read ({@link HostFacts}) to look at: the planned files and the host's data dirs. */
final class FactsScript {
    private FactsScript() {}

    static HostFacts read(RemoteHost host, HostPlan h) throws IOException {
        var users = h.node().services();
        return HostFacts.read(host, h.host(), InstallLayout.ON_HOSTS.withUsers(users.kafkaUser(), users.zookeeperUser()), files(h),
                dataDirs(h));
    }

    private static List<String> files(HostPlan h) {
        return h.files().stream().map(PlannedFile::path).toList();
    }

    private static List<String> dataDirs(HostPlan h) {
        List<String> dirs = new ArrayList<>();
        if (h.node().kafka()) dirs.addAll(h.node().logDirs());
        if (h.node().zookeeper()) dirs.add(h.node().zookeeperDataDir());
        return dirs;
    }
}
