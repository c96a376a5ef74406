package io.kafkaops.orchestrator.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bin/orchestrator, run for real with bash in a copy of the tree: a jar that only echoes its arguments, sources newer
 * than the jar, and `mvn`/`apt-get` on the PATH that only note that they were called.
 */
class LauncherScriptTest {
    /** The stand-in for the CLI inside the test jar. */
    public static final class Echo {
        public static void main(String[] args) {
            System.out.println("echo " + String.join(" ", args) + " home=" + System.getenv("ORCHESTRATOR_HOME"));
        }
    }

    @TempDir
    Path tree;
    Path jar;
    Path calls;
    Path fakeBin;

    record Run(int exit, String output) {}

    @BeforeEach
    void aTreeWithAStaleJar() throws IOException {
        Path script = Files.createDirectories(tree.resolve("bin")).resolve("orchestrator");
        Files.copy(Path.of("bin/orchestrator"), script);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        jar = Files.createDirectories(tree.resolve("orchestrator/target")).resolve("orchestrator.jar");
        writeEchoJar(jar);
        Files.writeString(tree.resolve("pom.xml"), "<project/>");
        Files.writeString(tree.resolve("orchestrator/pom.xml"), "<project/>");
        Files.writeString(Files.createDirectories(tree.resolve("orchestrator/src/main")).resolve("Newer.java"), "class Newer {}");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(3600)));
        calls = tree.resolve("calls");
        fakeBin = Files.createDirectories(tree.resolve("fake-bin"));
        for (String tool : List.of("mvn", "apt-get", "apt")) {
            Path t = fakeBin.resolve(tool);
            Files.writeString(t, "#!/bin/sh\necho \"" + tool + " $*\" >> " + calls + "\n");
            Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void onAControlHostItNeitherBuildsNorInstalls() throws Exception {
        Run r = run("plan", "inv.yml");
        assertThat(r.output()).isEqualTo("echo plan inv.yml home=" + tree + "\n");
        assertThat(r.exit()).isZero();
        assertThat(calls).doesNotExist();
    }

    @Test
    void inAGitCheckoutItRebuildsAStaleJarButInstallsNothing() throws Exception {
        Files.createDirectories(tree.resolve(".git"));
        Run r = run("plan", "inv.yml");
        assertThat(r.exit()).isZero();
        assertThat(Files.readAllLines(calls)).containsExactly("mvn -q -B package -Dmaven.test.skip=true");
    }

    @Test
    void withoutAJarOnAControlHostItSaysHowToBuildOneAndExits2() throws Exception {
        Files.delete(jar);
        Run r = run("plan", "inv.yml");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.output()).contains("no " + jar).contains("mvn -B package");
        assertThat(calls).doesNotExist();
    }

    @Test
    void eachCommandsClassArchiveIsMadeByItsFirstRunAndRemadeWhenTheJarChanges() throws Exception {
        Path archive = tree.resolve("orchestrator/target/orchestrator.plan.jsa");
        assertThat(run("plan", "a").output()).isEqualTo("echo plan a home=" + tree + "\n");
        assertThat(archive).isNotEmptyFile();
        FileTime made = Files.getLastModifiedTime(archive);

        assertThat(run("plan", "b").output()).as("later runs map the archive, silently").isEqualTo("echo plan b home=" + tree + "\n");
        assertThat(Files.getLastModifiedTime(archive)).isEqualTo(made);
        assertThat(tree.resolve("orchestrator/target/orchestrator.provision.jsa")).doesNotExist();

        writeEchoJar(jar); // a new build, after the archive was made
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().minusSeconds(100)));
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(50)));
        assertThat(run("plan", "c").output()).isEqualTo("echo plan c home=" + tree + "\n");
        assertThat(Files.getLastModifiedTime(archive).toInstant()).isAfter(Files.getLastModifiedTime(jar).toInstant());
    }

    @Test
    void aBrokenArchiveOnlyCostsTheFastStart() throws Exception {
        Path archive = tree.resolve("orchestrator/target/orchestrator.plan.jsa");
        Files.writeString(archive, "not a class archive");
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now()));
        Run r = run("plan", "a");
        assertThat(r.output()).isEqualTo("echo plan a home=" + tree + "\n");
        assertThat(r.exit()).isZero();
    }

    Run run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", tree.resolve("bin/orchestrator").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PATH", fakeBin + ":" + System.getenv("PATH"));
        pb.environment().remove("ORCHESTRATOR_NO_CDS");
        pb.environment().remove("ORCHESTRATOR_JAVA_OPTS");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly();
        return new Run(p.exitValue(), out);
    }

    static void writeEchoJar(Path jar) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Echo.class.getName());
        String entry = Echo.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, m);
             InputStream in = Echo.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
    }
}
