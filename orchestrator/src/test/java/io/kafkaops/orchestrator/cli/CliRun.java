package io.kafkaops.orchestrator.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** The CLI run in the test's JVM as an operator would run it: exit code and both streams, echoed to the test log. */
public record CliRun(int exit, String out, String err) {

    public static CliRun of(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        // a lab test's log is its evidence: what the orchestrator printed is kept beside the assertions
        System.out.println(out);
        System.err.println(err);
        return new CliRun(code, out.toString(), err.toString());
    }
}
