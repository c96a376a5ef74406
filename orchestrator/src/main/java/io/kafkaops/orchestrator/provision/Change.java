package io.kafkaops.orchestrator.provision;

import io.kafkaops.orchestrator.cluster.Role;
import io.kafkaops.orchestrator.host.HostCommands;
import io.kafkaops.orchestrator.host.StepFailed;
import io.kafkaops.orchestrator.plan.PlannedFile;
import io.kafkaops.orchestrator.ssh.RemoteHost;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static io.kafkaops.orchestrator.ssh.Shell.quote;

/**
 * One thing provision will change on a host; computed from facts, so a second run has none. Each change knows the
 * role it is done for (the phase it runs in: ZooKeeper first, brokers second) and the remote work that makes it.
 */
public sealed interface Change {
    String describe();

    /** The phases this change runs in; a co-located host does its ZooKeeper part in the ZooKeeper phase. */
    Set<Role> roles();

    /** Makes the change on the host; a command that fails throws {@link StepFailed}. */
    void applyTo(RemoteHost host) throws IOException;

    /** Only reported, never done by provision. */
    default boolean reportOnly() { return false; }

    default boolean runsIn(Role phase) { return roles().contains(phase); }

    /** The service user (kafka_user / zookeeper_user); a group of another name (kafka_group) must exist for the unit's Group=. */
    record CreateUser(Role role, String user, String group) implements Change {
        public String describe() { return "create system user " + user + (group.equals(user) ? "" : " and group " + group); }
        public Set<Role> roles() { return Set.of(role); }
        public void applyTo(RemoteHost host) throws IOException {
            HostCommands.run(host, describe(), "id -u " + quote(user) + " >/dev/null 2>&1 || useradd --system --no-create-home"
                    + " --shell /usr/sbin/nologin " + quote(user) + (group.equals(user) ? ""
                    : "; getent group " + quote(group) + " >/dev/null || groupadd --system " + quote(group)));
        }
    }

    record CreateDir(Role role, String path, String owner) implements Change {
        public String describe() { return "create directory " + path + " (owner " + owner + ")"; }
        public Set<Role> roles() { return Set.of(role); }
        public void applyTo(RemoteHost host) throws IOException {
            HostCommands.run(host, describe(), "mkdir -p " + quote(path) + " && chown " + quote(owner) + ":" + quote(owner) + " "
                    + quote(path) + " && chmod 0750 " + quote(path));
        }
    }

    record StageArtifact(Role role, Path local, String remote, String sha512) implements Change {
        public String describe() { return "upload " + local.getFileName() + " to " + remote + " and verify SHA-512"; }
        public Set<Role> roles() { return Set.of(role); }
        public void applyTo(RemoteHost host) throws IOException {
            HostCommands.stageArtifact(host, local, remote, sha512);
        }
    }

    record Unpack(Role role, String tarball, String installDir, String logOwner) implements Change {
        public String describe() { return "unpack " + tarball + " to " + installDir; }
        public Set<Role> roles() { return Set.of(role); }
        public void applyTo(RemoteHost host) throws IOException {
            HostCommands.unpack(host, tarball, installDir, logOwner);
        }
    }

    record Link(Role role, String link, String target, String previous) implements Change {
        public String describe() {
            return "point " + link + " at " + target + (previous == null ? "" : " (was " + previous + ")");
        }
        public Set<Role> roles() { return Set.of(role); }
        public void applyTo(RemoteHost host) throws IOException {
            HostCommands.link(host, target, link);
        }
    }

    record WriteFile(Role role, PlannedFile file, String diff, boolean isNew) implements Change {
        public String describe() {
            return (isNew ? "write " : "update ") + file.path() + " (" + file.owner() + " " + file.mode() + ")";
        }
        public Set<Role> roles() { return Set.of(role); }
        public void applyTo(RemoteHost host) throws IOException {
            HostCommands.write(host, file);
        }
    }

    /** Runs in every phase the host takes part in: either role's unit file may have changed, and a reload is harmless. */
    record DaemonReload(Set<Role> roles) implements Change {
        public static final Set<Role> EVERY_PHASE = EnumSet.allOf(Role.class);

        public DaemonReload {
            roles = Set.copyOf(roles);
        }
        public String describe() { return "systemctl daemon-reload"; }
        public void applyTo(RemoteHost host) throws IOException {
            HostCommands.run(host, describe(), "systemctl daemon-reload");
        }
    }

    record Enable(Role role, String unit) implements Change {
        public String describe() { return "enable " + unit; }
        public Set<Role> roles() { return Set.of(role); }
        public void applyTo(RemoteHost host) throws IOException {
            HostCommands.run(host, describe(), "systemctl enable " + quote(unit) + " 2>&1");
        }
    }

    record Start(Role role, String unit) implements Change {
        public String describe() { return "start " + unit; }
        public Set<Role> roles() { return Set.of(role); }
        public void applyTo(RemoteHost host) throws IOException {
            HostCommands.run(host, describe(), "systemctl start " + quote(unit));
        }
    }

    /**
     * kafka-storage.sh format of a KRaft node's unformatted log dirs with the cluster's id, as the service user (the dirs
     * and meta.properties are then its own). Only ever planned for dirs that are all unformatted: never --ignore-formatted.
     */
    record FormatStorage(Role role, List<String> dirs, List<String> command, String user) implements Change {
        public FormatStorage {
            dirs = List.copyOf(dirs);
            command = List.copyOf(command);
        }
        public String describe() { return "format " + String.join(", ", dirs) + " for KRaft (kafka-storage.sh format, cluster id "
                + command.get(command.indexOf("-t") + 1) + ")"; }
        public Set<Role> roles() { return Set.of(role); }
        public void applyTo(RemoteHost host) throws IOException {
            HostCommands.run(host, describe(), "runuser -u " + quote(user) + " -- "
                    + command.stream().map(a -> quote(a)).collect(java.util.stream.Collectors.joining(" ")) + " 2>&1");
        }
    }

    /** A running service whose config changed: never restarted here, only through a gated roll. */
    record NeedsRestart(Role role, String unit, String why) implements Change {
        public String describe() { return unit + " needs a restart to apply " + why + " (run: orchestrator restart)"; }
        public Set<Role> roles() { return Set.of(role); }
        public void applyTo(RemoteHost host) {
            // reported only: restarting a running service is the gated roll's job
        }
        @Override public boolean reportOnly() { return true; }
    }
}
