package io.kafkaops.orchestrator.lease;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Predicate;

/** What the leases found on a cluster's hosts mean for a run that wants them: pure, so its table is a unit test. */
public sealed interface LeaseClaim {
    /** How long a holder may go without refreshing before its lease is called stale (it refreshes every 30 s). */
    Duration STALE_AFTER = Duration.ofSeconds(90);

    /** No host has a lease of another run: take them all. */
    record Free() implements LeaseClaim {}

    /** Every other lease found was left by runs that are certainly over (their process on this machine is gone): replace them. */
    record Abandoned(Set<String> runs) implements LeaseClaim {}

    /** Another run holds the cluster: refuse, saying who, and how to break it if it is dead. */
    record Held(Lease holder, boolean stale) implements LeaseClaim {}

    /**
     * @param found      the other runs' leases found on the hosts (the run's own are left out)
     * @param processGone whether a lease's holder is known to be over: its process on this machine no longer runs
     */
    static LeaseClaim of(Collection<Lease> found, Predicate<Lease> processGone, Instant now) {
        Set<String> abandoned = new LinkedHashSet<>();
        for (Lease l : found) {
            if (processGone.test(l)) {
                abandoned.add(l.run());
                continue;
            }
            return new Held(l, Duration.between(l.refreshed(), now).compareTo(STALE_AFTER) > 0);
        }
        return abandoned.isEmpty() ? new Free() : new Abandoned(abandoned);
    }
}
