package io.kafkaops.orchestrator.dist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Kafka and ZooKeeper tarballs with Apache's names and layout, assembled from Maven Central per
 * the recipes in distributions.yml and cached in ~/.cache/orchestrator/dist (or
 * $ORCHESTRATOR_DIST_CACHE). A tarball is rebuilt only when its recipe or launcher files change.
 */
public final class Distributions {
    public static final String CACHE_ENV = "ORCHESTRATOR_DIST_CACHE";
    /** Bumped when the way tarballs are assembled changes, so old caches rebuild. */
    private static final String ASSEMBLY_FORMAT = "1";
    private static final Object BUILD_LOCK = new Object();

    private Distributions() {}

    /** "2.1.1" -> &lt;cache&gt;/kafka_2.12-2.1.1.tgz, built on demand. */
    public static Path kafka(String version) {
        return build(Product.KAFKA, version).tarball();
    }

    /** "3.8.4" -> &lt;cache&gt;/apache-zookeeper-3.8.4-bin.tar.gz, built on demand. */
    public static Path zookeeper(String version) {
        return build(Product.ZOOKEEPER, version).tarball();
    }

    public static Distribution build(Product product, String version) {
        RecipeBook book = RecipeBook.load();
        return build(book, book.get(product, version), cacheDir());
    }

    /** The recipe for a version, or a BadInput listing the known versions and where to add one. */
    public static Recipe recipe(Product product, String version) {
        return RecipeBook.load().get(product, version);
    }

    /** Every recipe in distributions.yml. */
    public static List<Distribution> buildAll() {
        RecipeBook book = RecipeBook.load();
        Path cache = cacheDir();
        return book.all().stream().map(r -> build(book, r, cache)).toList();
    }

    public static Path cacheDir() {
        String configured = System.getenv(CACHE_ENV);
        if (configured != null && !configured.isBlank()) return Path.of(configured).toAbsolutePath();
        return Path.of(System.getProperty("user.home"), ".cache", "orchestrator", "dist");
    }

    static Distribution build(RecipeBook book, Recipe recipe, Path cache) {
        Distribution dist = Distribution.of(recipe, cache);
        Map<String, String> launcherFiles = LauncherFiles.of(recipe);
        String stamp = stamp(book, recipe, launcherFiles);
        Path stampFile = cache.resolve(recipe.tarballName() + ".stamp");
        try {
            if (upToDate(dist, stampFile, stamp)) return dist;
            synchronized (BUILD_LOCK) {
                Files.createDirectories(cache);
                // another process (a parallel test run) may be building the same tarball
                try (FileChannel ch = FileChannel.open(cache.resolve("." + recipe.tarballName() + ".lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock ignored = ch.lock()) {
                    if (upToDate(dist, stampFile, stamp)) return dist;
                    Files.deleteIfExists(stampFile);
                    new Assembly(recipe, book.mavenPlugin(), launcherFiles,
                            cache.resolve("work").resolve(recipe.directoryName())).buildInto(dist);
                    Files.writeString(stampFile, stamp + "\n");
                }
            }
            return dist;
        } catch (IOException e) {
            throw new UncheckedIOException("building " + recipe.tarballName() + " in " + cache, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building " + recipe.tarballName(), e);
        }
    }

    private static boolean upToDate(Distribution dist, Path stampFile, String stamp) throws IOException {
        return Files.isRegularFile(dist.tarball()) && Files.isRegularFile(dist.sha512())
                && Files.isRegularFile(stampFile) && Files.readString(stampFile).strip().equals(stamp);
    }

    /** A digest of everything that goes into the tarball apart from the jar bytes Maven resolves. */
    static String stamp(RecipeBook book, Recipe recipe, Map<String, String> launcherFiles) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((ASSEMBLY_FORMAT + "\n" + book.mavenPlugin() + "\n" + recipe.fingerprint() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, String> f : launcherFiles.entrySet()) {
                md.update((f.getKey() + "\0" + f.getValue() + "\0").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
