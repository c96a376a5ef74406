package io.kafkaops.orchestrator.host;

import io.kafkaops.orchestrator.install.Artifact;
import io.kafkaops.orchestrator.ssh.CommandResult;
import io.kafkaops.orchestrator.ssh.RemoteHost;

import java.io.IOException;
import java.nio.file.Path;

import static io.kafkaops.orchestrator.ssh.Shell.quote;

/** The remote commands provision and upgrade share: one way to stage, unpack and link a release. */
public final class HostCommands {
    private HostCommands() {}

    /** Uploads a tarball and checks its SHA-512 on the host; a mismatching upload is removed. */
    public static void stageArtifact(RemoteHost host, Path local, String remote, String sha512) throws IOException {
        run(host, "stage " + local.getFileName(), "mkdir -p " + Artifact.REMOTE_CACHE);
        host.upload(local, remote);
        run(host, "verify " + local.getFileName(), "echo " + quote(sha512 + "  " + remote) + " | sha512sum -c --quiet - || { rm -f " + quote(remote)
                + "; echo 'SHA-512 mismatch: upload removed' >&2; exit 1; }");
    }

    /** Unpacks beside the target, then renames: a half-unpacked tree is never at the final path. */
    public static void unpack(RemoteHost host, String tarball, String installDir, String logOwner) throws IOException {
        String tmp = "/usr/local/.orchestrator-unpack";
        run(host, "unpack " + installDir, "rm -rf " + tmp + " && mkdir -p " + tmp + " && tar -xzf " + quote(tarball) + " -C " + tmp
                + " && mv " + tmp + "/$(ls " + tmp + " | head -1) " + quote(installDir) + " && rmdir " + tmp
                + " && mkdir -p " + quote(installDir + "/logs") + " && chown " + quote(logOwner) + " " + quote(installDir + "/logs"));
    }

    /** Re-points a symlink atomically (ln to a temp name, rename over). */
    public static void link(RemoteHost host, String target, String link) throws IOException {
        run(host, "link " + link, linkCommand(target, link));
    }

    /** Re-points {@code link} at {@code target} in one rename, so nothing ever sees it missing. */
    public static String linkCommand(String target, String link) {
        return "ln -sfn " + quote(target) + " " + quote(link + ".tmp") + " && mv -T " + quote(link + ".tmp") + " " + quote(link);
    }

    public static CommandResult run(RemoteHost host, String step, String command) throws IOException {
        CommandResult r = host.run(command);
        if (!r.ok()) throw new StepFailed(step, r);
        return r;
    }
}
