package io.kafkaops.orchestrator.cli;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every folder under bad-inputs/ is one bad input: `args` holds the command line ($CASE is the
 * folder), `expected` the lines stderr must contain. Each must exit 2 with no stack trace.
 */
class BadInputCorpusTest {
    static final Path CORPUS = Path.of("orchestrator/src/test/resources/bad-inputs");

    @TestFactory
    Stream<DynamicTest> everyBadInputIsRefusedWithFileLineAndFix() throws IOException {
        List<Path> cases;
        try (Stream<Path> s = Files.list(CORPUS)) {
            cases = s.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(cases).as("bad-input corpus size").hasSizeGreaterThanOrEqualTo(1);
        return cases.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            String argLine = Files.readString(dir.resolve("args")).strip().replace("$CASE", dir.toString());
            String[] args = argLine.split("\\s+");
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.execute(args, new PrintWriter(out), new PrintWriter(err));
            String stderr = err.toString();
            assertThat(code).as("exit code for %s; stderr:%n%s", argLine, stderr).isEqualTo(2);
            assertThat(stderr).doesNotContain("\tat ").doesNotContain("Exception");
            assertThat(stderr).contains("fix:");
            for (String expected : Files.readAllLines(dir.resolve("expected"))) {
                if (!expected.isBlank()) assertThat(stderr).contains(expected.replace("$CASE", dir.toString()));
            }
        }));
    }
}
