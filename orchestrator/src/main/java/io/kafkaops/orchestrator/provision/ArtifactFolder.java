package io.kafkaops.orchestrator.provision;

import io.kafkaops.orchestrator.BadInput;
import io.kafkaops.orchestrator.Workspace;

import java.nio.file.Path;

/** Where the official tarballs and their .sha512 files are on the control machine. */
public final class ArtifactFolder {
    private ArtifactFolder() {}

    /**
     * The folder given with --artifacts, else the inventory's artifact_dir (as {@code host} sees it, {@code ~} expanded).
     *
     * @param tarballName named in the fix, so the operator knows what the folder must hold
     */
    public static Path resolve(Path given, Workspace ws, String host, String tarballName) {
        if (given != null) return given;
        return ws.variables().resolve(host, "artifact_dir")
                .map(v -> Path.of(String.valueOf(v).replaceFirst("^~", System.getProperty("user.home"))))
                .orElseThrow(() -> new BadInput(String.valueOf(ws.inventory().source()), null, "no artifact folder given",
                        "pass --artifacts DIR (holding " + tarballName + " and its .sha512) or set artifact_dir in the inventory"));
    }
}
