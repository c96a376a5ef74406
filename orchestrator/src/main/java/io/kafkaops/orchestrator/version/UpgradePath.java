package io.kafkaops.orchestrator.version;

import java.util.List;
import java.util.Optional;

/** What {@link VersionMatrix#plan} decided: ordered phases, nothing to do, or a refusal. */
public sealed interface UpgradePath {

    /** Operator-facing summary. */
    String describe();

    record Planned(ClusterMode mode, String from, String to, VersionStep step, String rule, List<Phase> phases)
            implements UpgradePath {
        public Planned {
            phases = List.copyOf(phases);
        }

        /** The first phase that cannot be undone; everything before it can be rolled back. */
        public Optional<Phase> pointOfNoReturn() {
            return phases.stream().filter(Phase::irreversible).findFirst();
        }

        @Override
        public String describe() {
            StringBuilder sb = new StringBuilder(mode.words() + " " + from + " -> " + to + " (" + rule + ")");
            phases.forEach(p -> sb.append("\n  ").append(p.describe()));
            return sb.toString();
        }
    }

    record NothingToDo(String reason) implements UpgradePath {
        @Override
        public String describe() { return "nothing to do: " + reason; }
    }

    record Refused(String reason) implements UpgradePath {
        @Override
        public String describe() { return "refused: " + reason; }
    }
}
