package io.kafkaops.orchestrator.dist;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Builds one distribution tarball: a small pom per recipe, Maven copies the runtime jars
 * (offline first, from ~/.m2, then from Maven Central), the launcher files are laid on top,
 * and GNU tar packs it with fixed owners, order and mtime so equal inputs give equal bytes.
 */
final class Assembly {
    /** mtime of every entry; fixed so a rebuild of the same recipe gives the same tarball. */
    private static final String TAR_MTIME = "@1577836800";
    private static final long MAVEN_TIMEOUT_MINUTES = 20;

    private final Recipe recipe;
    private final String mavenPlugin;
    private final Map<String, String> launcherFiles;
    private final Path workDir;

    Assembly(Recipe recipe, String mavenPlugin, Map<String, String> launcherFiles, Path workDir) {
        this.recipe = recipe;
        this.mavenPlugin = mavenPlugin;
        this.launcherFiles = launcherFiles;
        this.workDir = workDir;
    }

    /** Writes the tarball and its .sha512 (atomically, each through a temp file). */
    void buildInto(Distribution target) throws IOException, InterruptedException {
        deleteTree(workDir);
        Files.createDirectories(workDir);
        Path jars = workDir.resolve("jars");
        collectJars(jars);
        Path stage = workDir.resolve("stage");
        Path top = stage.resolve(recipe.directoryName());
        Files.createDirectories(top.resolve(recipe.jarsFolder()));
        try (Stream<Path> s = Files.list(jars)) {
            for (Path jar : s.sorted().toList()) {
                Path copy = top.resolve(recipe.jarsFolder()).resolve(jar.getFileName());
                Files.copy(jar, copy);
                Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
            }
        }
        for (Map.Entry<String, String> f : launcherFiles.entrySet()) {
            Path file = top.resolve(f.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, f.getValue(), StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file,
                    PosixFilePermissions.fromString(LauncherFiles.executable(f.getKey()) ? "rwxr-xr-x" : "rw-r--r--"));
        }
        setDirectoryModes(top);

        Path tmpTar = target.tarball().resolveSibling(target.tarball().getFileName() + ".tmp");
        run(List.of("tar", "--sort=name", "--owner=0", "--group=0", "--numeric-owner", "--mtime=" + TAR_MTIME,
                        "--format=gnu", "-I", "gzip -n", "-cf", tmpTar.toString(), "-C", stage.toString(),
                        recipe.directoryName()),
                workDir.resolve("tar.log"), 10);
        String hash = sha512(tmpTar);
        Path tmpSum = target.sha512().resolveSibling(target.sha512().getFileName() + ".tmp");
        Files.writeString(tmpSum, hash + "  " + target.tarball().getFileName() + "\n");
        Files.move(tmpTar, target.tarball(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.move(tmpSum, target.sha512(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(stage);
        deleteTree(jars);
    }

    private void collectJars(Path jars) throws IOException, InterruptedException {
        Path pom = workDir.resolve("pom.xml");
        Files.writeString(pom, pom());
        Path log = workDir.resolve("maven.log");
        List<String> mvn = new ArrayList<>(List.of("mvn", "-B", "-q", "-f", pom.toString(),
                mavenPlugin + ":copy-dependencies", "-DincludeScope=runtime", "-DoutputDirectory=" + jars));
        List<String> offline = new ArrayList<>(mvn);
        offline.add(1, "-o");
        if (run(offline, log, MAVEN_TIMEOUT_MINUTES) != 0 && run(mvn, log, MAVEN_TIMEOUT_MINUTES) != 0) {
            throw new IllegalStateException("Maven could not collect the jars of " + recipe.directoryName()
                    + " (offline, then from Maven Central); see " + log + " and the recipe in " + RecipeBook.SOURCE);
        }
        try (Stream<Path> s = Files.list(jars)) {
            if (s.noneMatch(p -> p.toString().endsWith(".jar"))) {
                throw new IllegalStateException("Maven copied no jars for " + recipe.directoryName() + "; see " + log);
            }
        }
    }

    /** A pom whose only job is to name the recipe's artifacts and exclusions. */
    String pom() {
        StringBuilder deps = new StringBuilder();
        for (String artifact : recipe.artifacts()) {
            String[] gav = artifact.split(":");
            deps.append("    <dependency>\n")
                .append("      <groupId>").append(gav[0]).append("</groupId>\n")
                .append("      <artifactId>").append(gav[1]).append("</artifactId>\n")
                .append("      <version>").append(gav[2]).append("</version>\n");
            List<String> excluded = recipe.exclusions().getOrDefault(gav[0] + ":" + gav[1], List.of());
            if (!excluded.isEmpty()) {
                deps.append("      <exclusions>\n");
                for (String x : excluded) {
                    String[] ga = x.split(":");
                    deps.append("        <exclusion><groupId>").append(ga[0]).append("</groupId><artifactId>")
                        .append(ga.length > 1 ? ga[1] : "*").append("</artifactId></exclusion>\n");
                }
                deps.append("      </exclusions>\n");
            }
            deps.append("    </dependency>\n");
        }
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- generated from %s: the jars of %s -->
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>io.kafkaops.dist</groupId>
                  <artifactId>%s</artifactId>
                  <version>%s</version>
                  <packaging>pom</packaging>
                  <dependencies>
                %s  </dependencies>
                </project>
                """.formatted(RecipeBook.SOURCE, recipe.directoryName(), recipe.product().key(),
                recipe.version(), deps);
    }

    private static int run(List<String> command, Path log, long timeoutMinutes) throws IOException, InterruptedException {
        Files.writeString(log, "$ " + String.join(" ", command) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Process p;
        try {
            p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run '" + command.get(0) + "': building distributions needs "
                    + "Maven (mvn) and GNU tar on the PATH", e);
        }
        if (!p.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException(command.get(0) + " took over " + timeoutMinutes + " min; see " + log);
        }
        return p.exitValue();
    }

    static String sha512(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-512");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void setDirectoryModes(Path top) throws IOException {
        try (Stream<Path> s = Files.walk(top)) {
            for (Path d : s.filter(Files::isDirectory).toList()) {
                Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
