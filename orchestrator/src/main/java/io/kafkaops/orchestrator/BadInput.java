package io.kafkaops.orchestrator;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Input the user must fix (inventory, profile, template, flags). The CLI prints it without a
 * stack trace and exits 2, before anything touches a host.
 */
public final class BadInput extends RuntimeException {
    private final String file;
    private final Integer line;
    private final String fix;

    public BadInput(String file, Integer line, String problem, String fix) {
        super(problem);
        this.file = file;
        this.line = line;
        this.fix = fix;
    }

    public BadInput(Path file, Integer line, String problem, String fix) {
        this(file == null ? null : file.toString(), line, problem, fix);
    }

    public BadInput(SourceRef where, String problem, String fix) {
        this(where.file() == null ? null : where.file().toString(), where.line(), problem, fix);
    }

    public BadInput(String problem, String fix) {
        this((String) null, null, problem, fix);
    }

    public Optional<String> file() { return Optional.ofNullable(file); }
    public Optional<Integer> line() { return Optional.ofNullable(line); }
    public String problem() { return super.getMessage(); }
    public String fix() { return fix; }

    /** "file:line: problem" then "  fix: ..." - the one format every bad input is reported in. */
    public String describe() {
        StringBuilder sb = new StringBuilder("error: ");
        if (file != null) {
            sb.append(file);
            if (line != null) sb.append(':').append(line);
            sb.append(": ");
        }
        sb.append(problem());
        if (fix != null && !fix.isBlank()) sb.append("\n  fix: ").append(fix);
        return sb.toString();
    }

    @Override
    public String getMessage() { return describe(); }
}
