package io.kafkaops.orchestrator.ssh;

import io.kafkaops.orchestrator.cluster.ClusterNode;
import io.kafkaops.orchestrator.cluster.VariableResolver;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Ansible's connection variables -> how we connect (same key, same known_hosts, same become). */
public final class SshTargets {
    private static final Pattern KNOWN_HOSTS = Pattern.compile("UserKnownHostsFile=(\\S+)");

    private SshTargets() {}

    public static SshTarget of(ClusterNode node, VariableResolver vars) {
        Optional<Path> key = vars.resolve(node.host(), "ansible_ssh_private_key_file")
                .or(() -> vars.resolve(node.host(), "ansible_private_key_file")).map(v -> expand(String.valueOf(v)));
        Optional<Path> knownHosts = vars.resolve(node.host(), "ansible_ssh_common_args")
                .or(() -> vars.resolve(node.host(), "ansible_ssh_extra_args"))
                .flatMap(v -> {
                    Matcher m = KNOWN_HOSTS.matcher(String.valueOf(v));
                    return m.find() ? Optional.of(expand(m.group(1).replace("\"", "").replace("'", ""))) : Optional.empty();
                });
        boolean become = vars.resolve(node.host(), "ansible_become")
                .map(v -> v instanceof Boolean b ? b : String.valueOf(v).matches("(?i)true|yes|1|on")).orElse(false);
        return new SshTarget(node.host(), node.address(), node.sshPort(), node.sshUser(), key, knownHosts, become);
    }

    private static Path expand(String path) {
        return Path.of(path.startsWith("~/") ? System.getProperty("user.home") + path.substring(1) : path);
    }
}
