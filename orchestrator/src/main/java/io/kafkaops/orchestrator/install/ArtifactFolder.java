package io.kafkaops.orchestrator.install;

import io.kafkaops.orchestrator.BadInput;

import java.nio.file.Path;
import java.util.Optional;

/** The control-side folder holding the tarballs: --artifacts, else the inventory's artifact_dir ({@code ~} is the user's home). */
public final class ArtifactFolder {
    private ArtifactFolder() {}

    /** @param artifactDir the inventory's artifact_dir of any host, if set */
    public static Path resolve(Optional<Path> given, Optional<Object> artifactDir, String inventorySource, String tarballName) {
        if (given.isPresent()) return given.get();
        return artifactDir
                .map(v -> Path.of(String.valueOf(v).replaceFirst("^~", System.getProperty("user.home"))))
                .orElseThrow(() -> new BadInput(inventorySource, null, "no artifact folder given",
                        "pass --artifacts DIR (holding " + tarballName + " and its .sha512) or set artifact_dir in the inventory"));
    }
}
