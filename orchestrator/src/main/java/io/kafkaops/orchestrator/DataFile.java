package io.kafkaops.orchestrator;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The one way our own data files (profiles, release table, matrix, template index, mapping) are read. */
public final class DataFile {
    private DataFile() {}

    /** The YAML document in `file`; broken or unreadable files are bad input naming the line. */
    public static Object readYaml(Path file) {
        try {
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
        } catch (MarkedYAMLException e) {
            throw new BadInput(file, e.getProblemMark() == null ? null : e.getProblemMark().getLine() + 1,
                    "malformed YAML: " + e.getProblem(), "fix the YAML syntax at that line");
        } catch (IOException e) {
            throw new BadInput(file, null, "cannot read: " + e.getMessage(), "check the file exists and is readable");
        }
    }
}
