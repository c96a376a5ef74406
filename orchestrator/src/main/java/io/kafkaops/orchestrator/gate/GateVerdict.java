package io.kafkaops.orchestrator.gate;

import java.util.List;

/**
 * A gate's decision. Wait = not yet, retry (the caller halts when its timeout runs out);
 * Refuse = halt now, waiting will not fix it. Every reason names the partition or broker.
 */
public sealed interface GateVerdict {

    List<String> reasons();

    default String reason() { return String.join("; ", reasons()); }

    /** Passed; warnings are shown to the operator but do not block. */
    record Pass(List<String> warnings) implements GateVerdict {
        public Pass {
            warnings = List.copyOf(warnings);
        }

        @Override
        public List<String> reasons() { return List.of(); }
    }

    /**
     * @param healthy the cluster is healthy and only the result of an action the roll asked for is pending (leadership
     *                moving back to its preferred broker); such samples count towards the two-sample agreement
     */
    record Wait(List<String> reasons, boolean healthy) implements GateVerdict {
        public Wait {
            if (reasons.isEmpty()) throw new IllegalArgumentException("a Wait needs a reason");
            reasons = List.copyOf(reasons);
        }

        public Wait(List<String> reasons) { this(reasons, false); }
    }

    record Refuse(List<String> reasons) implements GateVerdict {
        public Refuse {
            if (reasons.isEmpty()) throw new IllegalArgumentException("a Refuse needs a reason");
            reasons = List.copyOf(reasons);
        }
    }

    static GateVerdict pass() { return new Pass(List.of()); }

    static GateVerdict waitFor(String reason) { return new Wait(List.of(reason)); }

    static GateVerdict refuse(String reason) { return new Refuse(List.of(reason)); }

    /** Refusals beat waits beat a pass; reasons of the winning kind are all kept, in order. */
    static GateVerdict of(List<String> refusals, List<String> waits, List<String> warnings) {
        if (!refusals.isEmpty()) return new Refuse(refusals);
        if (!waits.isEmpty()) return new Wait(waits);
        return new Pass(warnings);
    }
}
