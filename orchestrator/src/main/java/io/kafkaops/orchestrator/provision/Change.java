package io.kafkaops.orchestrator.provision;

import io.kafkaops.orchestrator.plan.PlannedFile;

import java.nio.file.Path;

/** One thing provision will change on a host; computed from facts, so a second run has none. */
public sealed interface Change {
    String describe();

    record CreateUser(String user) implements Change {
        public String describe() { return "create system user " + user; }
    }

    record CreateDir(String path, String owner) implements Change {
        public String describe() { return "create directory " + path + " (owner " + owner + ")"; }
    }

    record StageArtifact(Path local, String remote, String sha512) implements Change {
        public String describe() { return "upload " + local.getFileName() + " to " + remote + " and verify SHA-512"; }
    }

    record Unpack(String tarball, String installDir, String logOwner) implements Change {
        public String describe() { return "unpack " + tarball + " to " + installDir; }
    }

    record Link(String link, String target, String previous) implements Change {
        public String describe() {
            return "point " + link + " at " + target + (previous == null ? "" : " (was " + previous + ")");
        }
    }

    record WriteFile(PlannedFile file, String diff, boolean isNew) implements Change {
        public String describe() {
            return (isNew ? "write " : "update ") + file.path() + " (" + file.owner() + " " + file.mode() + ")";
        }
    }

    record DaemonReload() implements Change {
        public String describe() { return "systemctl daemon-reload"; }
    }

    record Enable(String unit) implements Change {
        public String describe() { return "enable " + unit; }
    }

    record Start(String unit) implements Change {
        public String describe() { return "start " + unit; }
    }

    /** A running service whose config changed: never restarted here, only through a gated roll. */
    record NeedsRestart(String unit, String why) implements Change {
        public String describe() { return unit + " needs a restart to apply " + why + " (run: orchestrator restart)"; }
    }
}
