package io.kafkaops.orchestrator;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the data folders (templates/, hardware-profiles/, upgrade/, inventory/) live: the
 * ORCHESTRATOR_HOME set by bin/orchestrator, else the nearest parent of the working directory
 * that holds them.
 */
public record Home(Path root) {

    public static Home locate() {
        String configured = System.getProperty("orchestrator.home", System.getenv("ORCHESTRATOR_HOME"));
        if (configured != null && !configured.isBlank()) {
            return new Home(Path.of(configured).toAbsolutePath().normalize());
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("templates")) && Files.isDirectory(p.resolve("hardware-profiles"))) {
                return new Home(p);
            }
        }
        throw new BadInput("cannot find the orchestrator's data folders (templates/, hardware-profiles/)",
                "run through bin/orchestrator, or set ORCHESTRATOR_HOME to the repository root");
    }

    public Path templates() { return root.resolve("templates"); }
    public Path hardwareProfiles() { return root.resolve("hardware-profiles"); }
    public Path upgrade() { return root.resolve("upgrade"); }
    public Path inventory() { return root.resolve("inventory"); }
}
