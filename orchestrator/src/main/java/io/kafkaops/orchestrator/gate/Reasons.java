package io.kafkaops.orchestrator.gate;

import java.util.ArrayList;
import java.util.List;

/** Collects a gate's reasons item by item, then turns them into one verdict. Local to one gate call. */
final class Reasons {
    private final List<String> refusals = new ArrayList<>();
    private final List<String> waits = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    Reasons refuse(List<String> reasons) {
        refusals.addAll(reasons);
        return this;
    }

    Reasons waitFor(List<String> reasons) {
        waits.addAll(reasons);
        return this;
    }

    Reasons warn(List<String> reasons) {
        warnings.addAll(reasons);
        return this;
    }

    GateVerdict verdict() { return GateVerdict.of(refusals, waits, warnings); }
}
