package io.kafkaops.orchestrator.cli;

import io.kafkaops.orchestrator.lease.Invocation;
import picocli.CommandLine.Model.CommandSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** A command line as the operator typed it: every option kept, so a printed resume command is the same run again. */
final class AsTyped {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    private AsTyped() {}

    /**
     * @param dropFlags     options left out (e.g. --dry-run)
     * @param dropWithValue options left out together with their value (e.g. --output json)
     */
    static String command(CommandSpec spec, Set<String> dropFlags, Set<String> dropWithValue) {
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (dropFlags.contains(a)) continue;
            if (dropWithValue.contains(name)) {
                if (!a.contains("=")) i++;
                continue;
            }
            kept.add(PLAIN.matcher(a).matches() ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return "orchestrator " + String.join(" ", kept);
    }

    /** The invocation for the lease: the command as typed, and `orchestrator unlock` with the same inventory options. */
    static Invocation invocation(CommandSpec spec, InventoryOptions inventory) {
        return new Invocation(command(spec, Set.of(), Set.of()), "orchestrator unlock" + inventory.asArguments());
    }
}
