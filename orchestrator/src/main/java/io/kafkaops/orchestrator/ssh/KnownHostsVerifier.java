package io.kafkaops.orchestrator.ssh;

import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts.KnownHostEntry;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * known_hosts checking, read afresh on every check. A host with a key pinned - of any type - must show that key; anything
 * else is refused as CHANGED under both policies (a man-in-the-middle that offers only another key type is no new host).
 * A host with nothing pinned is refused as unknown, or, under ACCEPT_NEW, accepted and appended in OpenSSH's format. The
 * file (and its folder) is only ever created to record an accepted key.
 */
final class KnownHostsVerifier implements HostKeyVerifier {
    /** One writer per process at a time, so two inventory hosts on one address append one line, not two. */
    private static final Object FILE_LOCK = new Object();

    private final Path file;
    private final HostKeyPolicy policy;
    private volatile Optional<String> refusal = Optional.empty();

    KnownHostsVerifier(Path file, HostKeyPolicy policy) {
        this.file = file;
        this.policy = policy;
    }

    /** Why the last key was refused, with the fix: what the operator is told instead of sshj's "could not verify". */
    Optional<String> refusal() { return refusal; }

    Path file() { return file; }

    @Override
    public boolean verify(String hostname, int port, PublicKey key) {
        String host = hostPart(hostname, port);
        String offered = KeyType.fromKey(key) + " " + fingerprint(key);
        synchronized (FILE_LOCK) {
            try {
                List<Pinned> pinned = pinned(host);
                for (Pinned p : pinned) if (p.entry().verify(key)) return accept();
                if (!pinned.isEmpty()) {
                    Pinned first = pinned.get(0);
                    return refuse("host key of " + host + " CHANGED (possible man-in-the-middle): " + file + ":" + first.line()
                            + " pins a " + first.entry().getType() + " key, the host offered " + offered
                            + "; fix: if the host was reinstalled, check the new fingerprint out of band, then remove the old entry ("
                            + "ssh-keygen -R '" + host + "' -f " + file + ") and connect again; otherwise do not connect");
                }
                if (policy == HostKeyPolicy.ACCEPT_NEW) {
                    append(new OpenSSHKnownHosts.HostEntry(null, host, KeyType.fromKey(key), key).getLine());
                    return accept();
                }
                return refuse("host key of " + host + " is unknown: nothing is pinned for it in " + file + " (the host offered "
                        + offered + "); fix: check the fingerprint, then add it (ssh-keyscan" + (port == 22 ? "" : " -p " + port)
                        + " " + hostname + " >> " + file + "), or pass --accept-new-host-keys on first contact");
            } catch (IOException e) {
                return refuse("host key of " + host + " could not be checked against " + file + ": " + e.getMessage());
            }
        }
    }

    /** The key types pinned for the host, so the key exchange asks for the key we can check. */
    @Override
    public List<String> findExistingAlgorithms(String hostname, int port) {
        try {
            return pinned(hostPart(hostname, port)).stream().map(p -> p.entry().getType().toString()).distinct().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private record Pinned(KnownHostEntry entry, int line) {}

    private List<Pinned> pinned(String host) throws IOException {
        List<Pinned> out = new ArrayList<>();
        if (!Files.exists(file)) return out;
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            for (KnownHostEntry e : new OpenSSHKnownHosts(new StringReader(line)).entries()) {
                if (e.appliesTo(host)) out.add(new Pinned(e, i + 1));
            }
        }
        return out;
    }

    private void append(String line) throws IOException {
        if (file.getParent() != null && !Files.isDirectory(file.getParent())) {
            Files.createDirectories(file.getParent(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        if (!Files.exists(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        byte[] existing = Files.readAllBytes(file);
        String prefix = existing.length > 0 && existing[existing.length - 1] != '\n' ? "\n" : "";
        Files.writeString(file, prefix + line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private boolean accept() {
        refusal = Optional.empty();
        return true;
    }

    private boolean refuse(String why) {
        refusal = Optional.of(why);
        return false;
    }

    /** As ssh-keygen -l shows it: {@code SHA256:<base64>}. */
    static String fingerprint(PublicKey key) {
        try {
            byte[] blob = new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(blob));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** OpenSSH's name for a host in known_hosts: bare on port 22, {@code [host]:port} otherwise. */
    static String hostPart(String hostname, int port) {
        return port == 22 ? hostname : "[" + hostname + "]:" + port;
    }
}
