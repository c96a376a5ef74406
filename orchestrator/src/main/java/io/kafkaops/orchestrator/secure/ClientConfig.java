package io.kafkaops.orchestrator.secure;

import io.kafkaops.orchestrator.BadInput;
import io.kafkaops.orchestrator.SourceRef;
import io.kafkaops.orchestrator.Workspace;
import io.kafkaops.orchestrator.cluster.Cluster;
import io.kafkaops.orchestrator.kafka.KafkaConnection;
import io.kafkaops.orchestrator.security.ClusterSecurity;
import io.kafkaops.orchestrator.security.KafkaUser;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

/**
 * `orchestrator client-config`: the properties file a user of the inventory connects with - the same settings the
 * orchestrator's own clients use, with that user's login. Written 0600 from its first byte (it holds the password).
 */
public final class ClientConfig {
    private ClientConfig() {}

    public static int write(Workspace ws, String userName, Optional<Path> file, PrintWriter out) throws IOException {
        Cluster cluster = ws.cluster();
        ClusterSecurity security = ws.security(cluster);
        Optional<KafkaUser> user = security.users().stream()
                .filter(u -> u.key().equals(userName) || u.principal().equals(userName)).findFirst();
        if (security.client().protocol().sasl() && user.isEmpty()) {
            List<String> known = security.users().stream().map(KafkaUser::principal).distinct().toList();
            throw new BadInput(new SourceRef(ws.inventory().source(), null), "--user " + userName + ": no such user in the inventory",
                    known.isEmpty() ? "add the user to sasl_scram_users (or sasl_scram256_users, sasl_plain_users)"
                            : "give one of " + String.join(", ", known) + ", or add the user to the inventory");
        }
        KafkaConnection c = ws.kafkaAs(cluster, security.client(), user);
        StringBuilder text = new StringBuilder("# client-config of ").append(ws.inventory().source()).append(" for ")
                .append(user.map(KafkaUser::principal).orElse(userName)).append(" (listener ").append(security.client().name())
                .append(")\n").append("bootstrap.servers=").append(c.bootstrap()).append('\n');
        // written by hand, not Properties.store: the file stays readable, and Java's Properties reads this form back
        c.clientSettings().forEach((k, v) -> text.append(k).append('=').append(escaped(v)).append('\n'));
        if (file.isEmpty()) {
            out.print(text);
            out.flush();
            return 0;
        }
        Path target = file.get().toAbsolutePath();
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
        out.println("wrote " + target + " (0600) for " + user.map(KafkaUser::principal).orElse(userName) + " on listener "
                + security.client().name() + " (" + security.client().protocol() + ")");
        return 0;
    }

    /** A value as java.util.Properties reads it back from bytes (ISO-8859-1, which Kafka's tools use): \\ and \\uXXXX escapes. */
    static String escaped(String v) {
        StringBuilder b = new StringBuilder();
        for (char ch : v.toCharArray()) {
            if (ch == '\\') b.append("\\\\");
            else if (ch < 0x20 || ch > 0x7e) b.append(String.format("\\u%04x", (int) ch));
            else b.append(ch);
        }
        return b.toString();
    }
}
