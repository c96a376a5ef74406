package io.kafkaops.orchestrator.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How a running cluster moves to the inventory's security without downtime: gated rolls, each changing one thing, in the
 * order that never cuts a client or a broker off. Pure: the inventory's listeners and what the brokers run now give the
 * stages, and which stage each broker is at.
 * <ol>
 *   <li>the secured listeners beside the ones clients use today (nobody loses a listener);</li>
 *   <li>brokers talk to each other over the inventory's inter-broker listener (every broker has it after stage 1);</li>
 *   <li>the authorizer on, once the inventory's ACLs are in place (clients still on an old listener are ANONYMOUS and denied
 *       from here unless an ACL lets User:ANONYMOUS in);</li>
 *   <li>the old listeners removed: only when asked (--remove-plaintext), since a client still on them is cut off.</li>
 * </ol>
 */
public final class SecureStages {
    private SecureStages() {}

    /** What a broker's security looks like at one stage: the listeners it has, the one brokers use, the authorizer. */
    public record Shape(List<String> listenerNames, String interBrokerListener, boolean authorizer) {
        public static Shape of(LiveSecurity live) {
            return new Shape(live.listeners().stream().map(Listener::name).sorted().toList(), live.interBrokerListener(),
                    live.authorizer().isPresent());
        }
    }

    /**
     * @param listeners     the broker's listeners at this stage, old ones first
     * @param clients       which clients the stage affects, in one sentence
     * @param confirmed     true for the stage that only runs when the operator asks by name
     */
    public record Stage(int number, String title, List<Listener> listeners, String interBrokerListener, boolean authorizer,
                        String changes, String clients, boolean confirmed) {
        public Shape shape() {
            return new Shape(listeners.stream().map(Listener::name).sorted().toList(), interBrokerListener, authorizer);
        }
    }

    /** Why a live switch cannot start from what the brokers run (one sentence), or the stages. */
    public sealed interface Plan {
        record Refused(String reason) implements Plan {}
        record Stages(List<Listener> kept, List<Stage> stages) implements Plan {}
    }

    /**
     * @param target      the inventory's listeners
     * @param interBroker the inventory's inter-broker listener
     * @param acls        whether the inventory turns the authorizer on
     * @param live        what the brokers run now (one broker's file; the first still at the start)
     */
    public static Plan plan(List<Listener> target, Listener interBroker, boolean acls, LiveSecurity live) {
        List<Listener> kept = live.notIn(target);
        for (Listener k : kept) {
            Optional<Listener> clash = target.stream().filter(t -> t.port() == k.port()).findFirst();
            if (clash.isPresent()) {
                return new Plan.Refused("the brokers' listener " + k.name() + " uses port " + k.port() + ", which the inventory gives to "
                        + clash.get().name() + "; the new listener must sit beside the old one during the switch: give it another port");
            }
        }
        List<Listener> both = Stream.concat(kept.stream(), target.stream()).toList();
        String oldNames = kept.stream().map(Listener::name).collect(Collectors.joining(", "));
        String newNames = target.stream().map(Listener::toString).collect(Collectors.joining(", "));
        // brokers keep talking over their old listener in stage 1; a broker already past it no longer says which: the first kept one
        String liveInter = kept.stream().anyMatch(k -> k.name().equals(live.interBrokerListener())) ? live.interBrokerListener()
                : kept.stream().findFirst().map(Listener::name).orElse(interBroker.name());
        List<Stage> stages = new ArrayList<>();
        stages.add(new Stage(1, "add the secured listeners", both, liveInter, false,
                "listeners " + newNames + (kept.isEmpty() ? "" : " beside " + oldNames) + "; brokers still talk over " + liveInter,
                "none: every client keeps its listener; clients may move to the new ones once this stage is done", false));
        stages.add(new Stage(2, "brokers talk over " + interBroker.name(), both, interBroker.name(), false,
                "inter.broker.listener.name=" + interBroker.name() + interBroker.mechanism().map(m -> ", mechanism " + m).orElse(""),
                "none: only the brokers' own connections move", false));
        if (acls) {
            stages.add(new Stage(3, "authorizer on", both, interBroker.name(), true,
                    "authorizer.class.name and super.users set, after the inventory's ACLs are written",
                    kept.isEmpty() ? "clients without an ACL are denied"
                            : "clients still on " + oldNames + " log in as User:ANONYMOUS and are denied unless an ACL lets them in;"
                            + " move them to the secured listeners first", false));
        }
        if (!kept.isEmpty()) {
            stages.add(new Stage(stages.size() + 1, "remove " + oldNames, target, interBroker.name(), acls,
                    "listeners " + target.stream().map(Listener::name).collect(Collectors.joining(", ")) + " only",
                    "a client still on " + oldNames + " loses its listener", true));
        }
        // stages that change nothing from the one before are the same stage (a cluster already partly secured)
        List<Stage> distinct = new ArrayList<>();
        for (Stage s : stages) {
            if (distinct.isEmpty() || !distinct.get(distinct.size() - 1).shape().equals(s.shape())) {
                distinct.add(new Stage(distinct.size() + 1, s.title(), s.listeners(), s.interBrokerListener(), s.authorizer(), s.changes(),
                        s.clients(), s.confirmed()));
            }
        }
        return new Plan.Stages(kept, distinct);
    }

    /**
     * The stage each broker is at: the last stage whose shape its file has, 0 for none (it runs as before the switch). A broker
     * reads as stage 1 while still having the old inter-broker listener, and so on: the shapes differ stage to stage.
     */
    public static int stageOf(List<Stage> stages, LiveSecurity live) {
        Shape now = Shape.of(live);
        for (int i = stages.size() - 1; i >= 0; i--) {
            if (stages.get(i).shape().equals(now)) return i + 1;
        }
        return 0;
    }

    /** The stage the cluster is at: the lowest of its brokers'. */
    public static int clusterStage(List<Stage> stages, Map<Integer, LiveSecurity> brokers) {
        return brokers.values().stream().mapToInt(l -> stageOf(stages, l)).min().orElse(0);
    }
}
