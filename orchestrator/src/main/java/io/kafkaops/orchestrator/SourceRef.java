package io.kafkaops.orchestrator;

import java.nio.file.Path;

/** Where something was written: a file and, when known, a 1-based line. */
public record SourceRef(Path file, Integer line) {
    @Override
    public String toString() {
        return line == null ? String.valueOf(file) : file + ":" + line;
    }
}
