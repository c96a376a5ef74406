package io.kafkaops.orchestrator.host;

import io.kafkaops.orchestrator.install.Artifact;
import io.kafkaops.orchestrator.install.InstallLayout;
import io.kafkaops.orchestrator.plan.PlannedFile;
import io.kafkaops.orchestrator.ssh.CommandResult;
import io.kafkaops.orchestrator.ssh.RemoteHost;
import io.kafkaops.orchestrator.ssh.TempName;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import static io.kafkaops.orchestrator.ssh.Shell.quote;

/** The remote commands provision and upgrade share: one way to stage, unpack and link a release. */
public final class HostCommands {
    private HostCommands() {}

    /** Uploads a tarball and checks its SHA-512 on the host; a mismatching upload is removed. */
    public static void stageArtifact(RemoteHost host, Path local, String remote, String sha512) throws IOException {
        run(host, "stage " + local.getFileName(), "mkdir -p " + Artifact.REMOTE_CACHE);
        host.upload(local, remote);
        run(host, "verify " + local.getFileName(), "echo " + quote(sha512 + "  " + remote) + " | sha512sum -c --quiet - || { rm -f "
                + quote(remote)
                + "; echo 'SHA-512 mismatch: upload removed' >&2; exit 1; }");
    }

    /**
     * Unpacks beside the target (a scratch dir of this run), then renames: a half-unpacked tree is never at the final
     * path, and a failed unpack leaves no scratch dir behind.
     */
    public static void unpack(RemoteHost host, String tarball, String installDir, String logOwner) throws IOException {
        String tmp = quote(TempName.beside(InstallLayout.UNPACK_DIR));
        run(host, "unpack " + installDir, "{ mkdir " + tmp + " && tar -xzf " + quote(tarball) + " -C " + tmp
                + " && mv " + tmp + "/\"$(ls " + tmp + " | head -1)\" " + quote(installDir) + " && rmdir " + tmp
                + " && mkdir -p " + quote(installDir + "/logs") + " && chown " + quote(logOwner) + " " + quote(installDir + "/logs")
                + "; } || { rc=$?; rm -rf " + tmp + "; exit $rc; }");
    }

    /** Re-points a symlink atomically (ln to a temp name, rename over). */
    public static void link(RemoteHost host, String target, String link) throws IOException {
        run(host, "link " + link, linkCommand(target, link));
    }

    /** Re-points {@code link} at {@code target} in one rename, so nothing ever sees it missing (temp link named per run). */
    public static String linkCommand(String target, String link) {
        String tmp = quote(TempName.beside(link));
        return "ln -sfn " + quote(target) + " " + tmp + " && mv -T " + tmp + " " + quote(link);
    }

    /** A file's content as the host has it now (a missing or unreadable file is a {@link StepFailed}): the "get" of the transport contract. */
    public static String read(RemoteHost host, String path) throws IOException {
        // a file that cannot be read is a failure, never "": an undo would write the empty text back as the broker's config
        CommandResult r = host.run("cat " + quote(path));
        if (!r.ok()) throw new StepFailed("read " + path, r);
        return r.stdout();
    }

    /**
     * Controlled shutdown (SIGTERM through systemd), waited for on the host itself: the command ends when the unit is
     * inactive, or exits 124 past {@code timeout} - never a kill.
     */
    public static String controlledStop(String unit, Duration timeout) {
        return "systemctl stop --no-block " + unit + " && timeout " + timeout.toSeconds()
                + " sh -c 'while :; do case $(systemctl is-active " + unit + ") in inactive|failed) exit 0;; esac; sleep 0.1; done'";
    }

    /** The exit status of {@link #controlledStop} when the unit was still stopping at the timeout. */
    public static final int STOP_TIMED_OUT = 124;

    /** Completes a switch and starts the unit in one round trip; the start runs only when the switch succeeded. */
    public static String switchAndStart(String switchCommand, String unit) {
        return "set -e; " + switchCommand + "; systemctl reset-failed " + unit + " 2>/dev/null || true; systemctl start " + unit;
    }

    /** Stops a unit that failed to come up and clears its failed state, whatever it is doing. */
    public static String stopFailed(String unit) {
        return "systemctl stop " + unit + "; systemctl reset-failed " + unit + " 2>/dev/null; true";
    }

    public static String start(String unit) {
        return "systemctl start " + unit;
    }

    /** "active 0" while the unit runs and systemd never restarted it. */
    public static String unitState(String unit) {
        return "systemctl is-active " + unit + "; systemctl show -p NRestarts --value " + unit;
    }

    public static CommandResult run(RemoteHost host, String step, String command) throws IOException {
        CommandResult r = host.run(command);
        if (!r.ok()) throw new StepFailed(step, r);
        return r;
    }

    /**
     * Writes a planned file (owner, mode, bytes). A store's directory (cp-ansible's ssl_file_dir) belongs to no install: it
     * is made first, readable to the service.
     */
    public static void write(RemoteHost host, PlannedFile file) throws IOException {
        if (file.binary()) {
            String dir = file.path().substring(0, file.path().lastIndexOf('/'));
            run(host, "create " + dir, "install -d -m 0755 " + quote(dir));
        }
        host.write(file.path(), file.bytes(), file.owner(), file.mode());
    }
}
