package io.kafkaops.orchestrator.dist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A built distribution in the cache: {@code tarball} unpacks to {@code directoryName}/ as
 * Apache's does; {@code sha512} holds "HASH  file name" (the format of coreutils sha512sum,
 * so {@code sha512sum -c} checks it).
 */
public record Distribution(Product product, String version, Optional<String> scala, String directoryName,
                           Path tarball, Path sha512) {

    static Distribution of(Recipe recipe, Path cache) {
        Path tarball = cache.resolve(recipe.tarballName());
        return new Distribution(recipe.product(), recipe.version(), recipe.scala(), recipe.directoryName(),
                tarball, tarball.resolveSibling(recipe.tarballName() + ".sha512"));
    }

    /** The hex digest recorded next to the tarball. */
    public String sha512Hex() {
        try {
            return Files.readString(sha512).strip().split("\\s+")[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long size() {
        try {
            return Files.size(tarball);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
