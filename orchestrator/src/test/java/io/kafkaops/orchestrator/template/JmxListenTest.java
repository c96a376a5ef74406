package io.kafkaops.orchestrator.template;

import io.kafkaops.orchestrator.Workspace;
import io.kafkaops.orchestrator.cluster.GroupMapping;
import io.kafkaops.orchestrator.plan.PlannedFile;
import io.kafkaops.orchestrator.testkit.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The broker's rendered config/jmx given to the shipped kafka-run-class.sh (as systemd's EnvironmentFile= gives it) in
 * front of a trivial main class: a real JVM whose JMX port must listen on 127.0.0.1 only and answer a JMX client there.
 */
class JmxListenTest {
    static final Path RUN_CLASS = Path.of("orchestrator/src/main/resources/dist/kafka/common/bin/kafka-run-class.sh");

    @TempDir
    Path tmp;

    @Test
    void theRenderedJmxOptionsListenOnLoopbackOnly() throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assumeThat(javac).as("a JDK compiler for the trivial main class").isNotNull();
        assumeThat(new ProcessBuilder("ss", "-V").start().waitFor()).as("ss").isZero();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Map<String, String> env = environmentFile(renderedJmx(port));
        assertThat(env).containsEntry("JMX_PORT", String.valueOf(port));

        Path home = Files.createDirectories(tmp.resolve("kafka"));
        Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("libs"));
        Files.writeString(home.resolve("bin/kafka-run-class.sh"), Files.readString(RUN_CLASS).replaceAll("@[a-z0-9_]+@", ""));
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        Path source = Files.writeString(tmp.resolve("Idle.java"),
                "public class Idle { public static void main(String[] a) throws Exception { Thread.sleep(Long.MAX_VALUE); } }");
        assertThat(javac.run(null, null, null, "-d", classes.toString(), source.toString())).isZero();

        ProcessBuilder pb = new ProcessBuilder("bash", home.resolve("bin/kafka-run-class.sh").toString(), "Idle")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("jvm.out").toFile());
        pb.environment().putAll(env);
        pb.environment().putAll(Map.of("CLASSPATH", classes.toString(), "KAFKA_HEAP_OPTS", "-Xmx32m",
                "KAFKA_JVM_PERFORMANCE_OPTS", "-XX:+UseSerialGC", "LOG_DIR", tmp.resolve("logs").toString()));
        Process jvm = pb.start();
        try {
            JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
            Await.until("JMX answers on 127.0.0.1:" + port, Duration.ofSeconds(30), () -> {
                if (!jvm.isAlive()) throw new AssertionError("the JVM exited:\n" + Files.readString(tmp.resolve("jvm.out")));
                try (JMXConnector c = JMXConnectorFactory.connect(url)) {
                    return c.getMBeanServerConnection().getMBeanCount() > 0;
                }
            });
            Process ss = new ProcessBuilder("ss", "-Hltnp").redirectErrorStream(true).start();
            String sockets = new String(ss.getInputStream().readAllBytes());
            ss.waitFor();
            List<String> jmxPort = sockets.lines().filter(l -> l.contains("pid=" + jvm.pid() + ","))
                    .filter(l -> l.matches(".*:" + port + "\\s.*")).toList();
            assertThat(jmxPort).as(sockets).isNotEmpty()
                    .allMatch(l -> l.matches(".*[ \\[:]127\\.0\\.0\\.1]?:" + port + "\\s.*"), "bound to 127.0.0.1");
            for (InetAddress other : nonLoopbackAddresses()) {
                assertThatThrownBy(() -> {
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress(other, port), 2000);
                    }
                }).as("JMX through %s", other).isInstanceOf(IOException.class);
            }
        } finally {
            jvm.destroy();
            jvm.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** What plan renders as config/jmx for a broker whose inventory sets only the port. */
    String renderedJmx(int port) throws IOException {
        Path inventory = Files.writeString(tmp.resolve("hosts.yml"), String.join("\n",
                "all:",
                "  vars: {hardware_profile: lab, default_replication_factor: 1, kafka_jmx_port: " + port + "}",
                "  children:",
                "    zookeeper: {hosts: {zk1: {ansible_host: 127.0.0.1, myid: 1}}}",
                "    kafka: {hosts: {kafka1: {ansible_host: 127.0.0.1, broker_id: 1}}}", ""));
        return Workspace.load(inventory, GroupMapping.none(), Optional.empty()).plan().hosts().stream()
                .filter(h -> h.host().equals("kafka1")).flatMap(h -> h.files().stream()).filter(f -> f.template().equals("jmx.j2"))
                .map(PlannedFile::content).findFirst().orElseThrow();
    }

    /** systemd's EnvironmentFile=: KEY=VALUE lines, one pair of double quotes around a value removed. */
    static Map<String, String> environmentFile(String content) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : content.split("\n")) {
            int eq = line.indexOf('=');
            if (line.isBlank() || line.startsWith("#") || eq < 0) continue;
            String value = line.substring(eq + 1);
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) value = value.substring(1, value.length() - 1);
            env.put(line.substring(0, eq), value);
        }
        return env;
    }

    static List<InetAddress> nonLoopbackAddresses() throws IOException {
        return Collections.list(NetworkInterface.getNetworkInterfaces()).stream().filter(i -> {
            try {
                return i.isUp() && !i.isLoopback();
            } catch (IOException e) {
                return false;
            }
        }).flatMap(i -> Collections.list(i.getInetAddresses()).stream()).filter(a -> a instanceof Inet4Address).toList();
    }
}
