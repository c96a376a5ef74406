package io.kafkaops.orchestrator.install;

import io.kafkaops.orchestrator.BadInput;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A tarball on the control machine and the SHA-512 it must have (from its .sha512 file). */
public record Artifact(Path tarball, String sha512) {
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{128}");
    public static final String REMOTE_CACHE = InstallLayout.CACHE_DIR;

    /** Finds NAME and NAME.sha512 in a folder (the air-gapped way: uploaded over SFTP). */
    public static Artifact find(Path folder, String fileName, String variableHint) {
        Path tarball = folder.resolve(fileName);
        if (!Files.isRegularFile(tarball)) {
            throw new BadInput(tarball.toString(), null, "artifact " + fileName + " not found",
                    "put the official tarball and its .sha512 there, or point " + variableHint
                            + " / --artifacts at the folder holding them");
        }
        Path sum = folder.resolve(fileName + ".sha512");
        String text;
        try {
            text = Files.readString(sum);
        } catch (IOException e) {
            throw new BadInput(sum.toString(), null, "no SHA-512 file for " + fileName,
                    "download " + fileName + ".sha512 next to the tarball; unverified tarballs are never installed");
        }
        // accepts both `sha512sum` output and Apache's "name: HEX HEX ..." layout
        Matcher m = HEX.matcher(text.replaceAll("\\s+", ""));
        String compact = text.contains(":") ? text.substring(text.indexOf(':') + 1).replaceAll("\\s+", "") : text.strip().split("\\s+")[0];
        Matcher c = HEX.matcher(compact);
        if (c.matches()) return new Artifact(tarball, compact.toLowerCase());
        if (m.find()) return new Artifact(tarball, m.group().toLowerCase());
        throw new BadInput(sum.toString(), 1, "no SHA-512 hash found", "the file must hold the 128 hex digits of the tarball's SHA-512");
    }

    public String remotePath() {
        return REMOTE_CACHE + "/" + tarball.getFileName();
    }
}
