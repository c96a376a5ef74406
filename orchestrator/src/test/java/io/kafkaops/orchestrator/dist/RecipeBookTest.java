package io.kafkaops.orchestrator.dist;

import io.kafkaops.orchestrator.BadInput;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecipeBookTest {
    final RecipeBook book = RecipeBook.load();

    @Test
    void knowsTheSupportedVersionsWithApacheNames() {
        assertThat(book.versions(Product.KAFKA)).containsExactly("2.1.1", "2.6.3", "3.9.2", "4.1.1");
        assertThat(book.versions(Product.ZOOKEEPER)).containsExactly("3.8.4");
        assertThat(book.get(Product.KAFKA, "2.1.1").tarballName()).isEqualTo("kafka_2.12-2.1.1.tgz");
        assertThat(book.get(Product.KAFKA, "2.6.3").tarballName()).isEqualTo("kafka_2.12-2.6.3.tgz");
        assertThat(book.get(Product.KAFKA, "3.9.2").tarballName()).isEqualTo("kafka_2.13-3.9.2.tgz");
        assertThat(book.get(Product.KAFKA, "4.1.1").tarballName()).isEqualTo("kafka_2.13-4.1.1.tgz");
        Recipe zk = book.get(Product.ZOOKEEPER, "3.8.4");
        assertThat(zk.tarballName()).isEqualTo("apache-zookeeper-3.8.4-bin.tar.gz");
        assertThat(zk.directoryName()).isEqualTo("apache-zookeeper-3.8.4-bin");
        assertThat(zk.jarsFolder()).isEqualTo("lib");
        assertThat(zk.scala()).isEmpty();
    }

    @Test
    void kafka211CarriesTheJava17Fixes() {
        Recipe r = book.get(Product.KAFKA, "2.1.1");
        assertThat(r.artifacts()).contains("javax.xml.bind:jaxb-api:2.3.1")
                .anyMatch(a -> a.startsWith("org.apache.zookeeper:zookeeper:3.5."));
        assertThat(r.exclusions()).containsEntry("org.apache.kafka:kafka_2.12", java.util.List.of("org.apache.zookeeper:zookeeper"));
        String pom = new Assembly(r, book.mavenPlugin(), Map.of(), java.nio.file.Path.of("unused")).pom();
        assertThat(pom).contains("<artifactId>kafka_2.12</artifactId>")
                .contains("<exclusion><groupId>org.apache.zookeeper</groupId><artifactId>zookeeper</artifactId></exclusion>")
                .contains("<artifactId>jaxb-api</artifactId>");
    }

    @Test
    void everyRecipeHasApacheLaunchersWithEveryPlaceholderFilled() {
        Pattern leftover = Pattern.compile("@[a-z_]+@");
        for (Recipe r : book.all()) {
            Map<String, String> files = LauncherFiles.of(r);
            if (r.product() == Product.KAFKA) {
                assertThat(files).containsKeys("bin/kafka-run-class.sh", "bin/kafka-server-start.sh",
                        "bin/kafka-server-stop.sh", "bin/kafka-topics.sh", "config/server.properties");
                assertThat(files.get("bin/kafka-topics.sh")).contains(r.tools().get("kafka-topics.sh"));
            } else {
                assertThat(files).containsKeys("bin/zkServer.sh", "bin/zkEnv.sh", "bin/zkCli.sh",
                        "conf/zoo_sample.cfg", "conf/logback.xml");
            }
            files.forEach((path, text) -> {
                assertThat(leftover.matcher(text).find()).as("unfilled placeholder in %s of %s", path, r.directoryName()).isFalse();
                if (LauncherFiles.executable(path)) assertThat(text).as(path).startsWith("#!");
            });
        }
        assertThat(LauncherFiles.of(book.get(Product.KAFKA, "3.9.2"))).containsKeys("bin/kafka-storage.sh", "config/kraft/server.properties");
        assertThat(LauncherFiles.of(book.get(Product.KAFKA, "4.1.1"))).containsKey("bin/kafka-storage.sh")
                .doesNotContainKey("bin/zookeeper-server-start.sh");
        assertThat(LauncherFiles.of(book.get(Product.KAFKA, "4.1.1")).get("config/server.properties")).contains("process.roles=broker,controller");
    }

    @Test
    void unknownVersionNamesTheKnownOnesAndWhereToAddOne() {
        assertThatThrownBy(() -> book.get(Product.KAFKA, "2.8.2"))
                .isInstanceOf(BadInput.class)
                .hasMessageContaining("known kafka versions: 2.1.1, 2.6.3, 3.9.2, 4.1.1")
                .hasMessageContaining(RecipeBook.SOURCE);
    }

    @Test
    void malformedRecipesAreBadInputInTheRecipeFile() {
        assertThatThrownBy(() -> RecipeBook.parse("maven_plugin: [unclosed"))
                .isInstanceOf(BadInput.class).hasMessageContaining(RecipeBook.SOURCE);
        String badArtifact = """
                maven_plugin: g:a:1
                kafka: {directory: k-@version@, extension: .tgz, jars: libs, versions: {"1.0": {scala: "2.12", artifacts: [not-a-coordinate]}}}
                zookeeper: {directory: z, extension: .tar.gz, jars: lib, versions: {}}
                """;
        assertThatThrownBy(() -> RecipeBook.parse(badArtifact))
                .isInstanceOf(BadInput.class).hasMessageContaining("not groupId:artifactId:version");
        String unquotedScala = badArtifact.replace("\"2.12\"", "2.10").replace("not-a-coordinate", "g:a:1");
        assertThatThrownBy(() -> RecipeBook.parse(unquotedScala))
                .isInstanceOf(BadInput.class).hasMessageContaining("quoted");
    }

    @Test
    void stampChangesWithTheRecipeAndTheLauncherFiles() {
        Recipe r = book.get(Product.KAFKA, "2.1.1");
        Map<String, String> files = LauncherFiles.of(r);
        String stamp = Distributions.stamp(book, r, files);
        assertThat(Distributions.stamp(book, r, LauncherFiles.of(r))).isEqualTo(stamp);
        Map<String, String> edited = new java.util.TreeMap<>(files);
        edited.put("bin/kafka-server-start.sh", files.get("bin/kafka-server-start.sh") + "# edited\n");
        assertThat(Distributions.stamp(book, r, edited)).isNotEqualTo(stamp);
        assertThat(Distributions.stamp(book, book.get(Product.KAFKA, "2.6.3"), files)).isNotEqualTo(stamp);
    }
}
