package io.kafkaops.orchestrator.provision;

import io.kafkaops.orchestrator.host.HostCommands;
import io.kafkaops.orchestrator.host.HostFacts;
import io.kafkaops.orchestrator.install.Artifact;
import io.kafkaops.orchestrator.install.InstallLayout;
import io.kafkaops.orchestrator.plan.HostPlan;
import io.kafkaops.orchestrator.ssh.RemoteHost;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.kafkaops.orchestrator.ssh.Shell.quote;

/** Reads what is on a host with provision/facts.sh (read-only), given the planned files and the data dirs to inspect. */
final class FactsScript {
    private static final String SCRIPT = resource("/provision/facts.sh");
    /** The script's view of the layout: it knows no path of its own. */
    private static final String LAYOUT = String.join("\n",
            "LINKS=" + quote(InstallLayout.KAFKA_HOME + " " + InstallLayout.ZOOKEEPER_HOME),
            "INSTALLS=" + quote(InstallLayout.KAFKA_INSTALLS + " " + InstallLayout.ZOOKEEPER_INSTALLS),
            "USERS=" + quote(InstallLayout.KAFKA_USER + " " + InstallLayout.ZOOKEEPER_USER),
            "UNITS=" + quote(InstallLayout.KAFKA_UNIT + " " + InstallLayout.ZOOKEEPER_UNIT),
            "CACHE=" + quote(Artifact.REMOTE_CACHE));

    private FactsScript() {}

    static HostFacts read(RemoteHost host, HostPlan h) throws IOException {
        return HostFacts.parse(h.host(), HostCommands.run(host, "facts", command(h)).stdout());
    }

    /** The script with its arguments (the files to read, then "--" and the data dirs) and the layout it looks in. */
    static String command(HostPlan h) {
        List<String> args = new ArrayList<>();
        h.files().forEach(f -> args.add(quote(f.path())));
        args.add("--");
        h.node().logDirs().stream().filter(d -> h.node().broker()).forEach(d -> args.add(quote(d)));
        if (h.node().zookeeper()) args.add(quote(h.node().zookeeperDataDir()));
        return "set -- " + String.join(" ", args) + "\n" + LAYOUT + "\n" + SCRIPT;
    }

    private static String resource(String name) {
        try (InputStream in = FactsScript.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
