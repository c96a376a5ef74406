package io.kafkaops.orchestrator.ssh;

import io.kafkaops.orchestrator.BadInput;
import io.kafkaops.orchestrator.cluster.ClusterNode;
import io.kafkaops.orchestrator.cluster.VariableResolver;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ansible's connection variables -> how we connect (same key, same known_hosts, same become). What we cannot honour
 * faithfully is refused here, before any connection, rather than ignored.
 */
public final class SshTargets {
    private static final Pattern KNOWN_HOSTS = Pattern.compile("(?i)UserKnownHostsFile\\s*[=\\s]\\s*[\"']?([^\\s\"']+)");

    private SshTargets() {}

    public static SshTarget of(ClusterNode node, VariableResolver vars) {
        Optional<Path> key = vars.resolve(node.host(), "ansible_ssh_private_key_file")
                .or(() -> vars.resolve(node.host(), "ansible_private_key_file")).map(v -> expand(String.valueOf(v)));
        Optional<Path> knownHosts = knownHosts(vars, node.host(), "ansible_ssh_common_args")
                .or(() -> knownHosts(vars, node.host(), "ansible_ssh_extra_args"));
        if (knownHosts.isPresent() && knownHosts.get().equals(Path.of("/dev/null"))) throw nothingPinned(node.host());
        boolean become = vars.resolve(node.host(), "ansible_become")
                .map(v -> v instanceof Boolean b ? b : String.valueOf(v).matches("(?i)true|yes|1|on")).orElse(false);
        if (become) {
            vars.resolve(node.host(), "ansible_become_method").map(String::valueOf).filter(m -> !m.equals("sudo")).ifPresent(m -> {
                throw new BadInput("host " + node.host() + ": ansible_become_method is '" + m + "'; the orchestrator becomes root"
                        + " with sudo -n only", "use ansible_become_method: sudo (passwordless for the SSH user), or connect as root");
            });
            vars.resolve(node.host(), "ansible_become_user").map(String::valueOf).filter(u -> !u.equals("root")).ifPresent(u -> {
                throw new BadInput("host " + node.host() + ": ansible_become_user is '" + u + "'; installs and units need root",
                        "drop ansible_become_user for this host (or set it to root)");
            });
        }
        return new SshTarget(node.host(), node.address(), node.sshPort(), node.sshUser(), key, knownHosts, become);
    }

    /** UserKnownHostsFile=/dev/null: nothing is ever pinned, so any key - a man-in-the-middle's too - would be accepted. */
    static BadInput nothingPinned(String host) {
        return new BadInput("host " + host + ": its SSH args set UserKnownHostsFile=/dev/null; nothing is ever pinned there, so"
                + " any host key (a man-in-the-middle's too) would be accepted on every run",
                "point UserKnownHostsFile at a real file (or drop it for ~/.ssh/known_hosts) and pin the host keys in it");
    }

    private static Optional<Path> knownHosts(VariableResolver vars, String host, String variable) {
        return vars.resolve(host, variable).flatMap(v -> {
            Matcher m = KNOWN_HOSTS.matcher(String.valueOf(v));
            return m.find() ? Optional.of(expand(m.group(1))) : Optional.empty();
        });
    }

    private static Path expand(String path) {
        return Path.of(path.startsWith("~/") ? System.getProperty("user.home") + path.substring(1) : path);
    }
}
