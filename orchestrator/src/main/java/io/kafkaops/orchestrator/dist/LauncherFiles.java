package io.kafkaops.orchestrator.dist;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The scripts and config files a recipe lays over its jars: the recipe's layers under the
 * classpath folder dist/ (later layers win) plus one generated wrapper per tool, with the
 * recipe's placeholders filled in. Keys are paths inside the distribution's top directory.
 */
public final class LauncherFiles {
    static final String ROOT = "dist/";

    private LauncherFiles() {}

    public static Map<String, String> of(Recipe recipe) {
        Map<String, String> files = new TreeMap<>();
        for (String layer : recipe.layers()) {
            Map<String, String> layerFiles = resourceTree(ROOT + layer);
            if (layerFiles.isEmpty()) {
                throw new IllegalStateException("layer '" + layer + "' of " + recipe.directoryName()
                        + " has no files under " + ROOT + layer + " on the classpath");
            }
            layerFiles.forEach((path, text) -> files.put(path, recipe.substitute(text)));
        }
        if (!recipe.tools().isEmpty()) {
            String template = resource(ROOT + recipe.product().key() + "/tool.sh");
            recipe.tools().forEach((name, mainClass) ->
                    files.put("bin/" + name, recipe.substitute(template.replace("@main_class@", mainClass))));
        }
        return files;
    }

    /** Scripts under bin/ are executable, as in Apache's tarballs. */
    public static boolean executable(String path) {
        return path.startsWith("bin/") && path.endsWith(".sh");
    }

    static String resource(String name) {
        try (InputStream in = LauncherFiles.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException(name + " is missing from the classpath");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file under a classpath folder, from a directory (tests, IDE) or from the shaded jar. */
    static Map<String, String> resourceTree(String folder) {
        URL url = LauncherFiles.class.getClassLoader().getResource(folder);
        if (url == null) return Map.of();
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                // the class loader has this jar open already; its entry list is cheaper than a zip file system
                JarFile jar = ((JarURLConnection) url.openConnection()).getJarFile();
                String prefix = folder.endsWith("/") ? folder : folder + "/";
                Map<String, String> out = new TreeMap<>();
                for (JarEntry e : Collections.list(jar.entries())) {
                    if (e.isDirectory() || !e.getName().startsWith(prefix)) continue;
                    try (InputStream in = jar.getInputStream(e)) {
                        out.put(e.getName().substring(prefix.length()), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
                return out;
            }
            return read(Path.of(uri));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> read(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                out.put(rel, Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
