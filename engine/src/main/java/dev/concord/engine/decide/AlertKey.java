package dev.concord.engine.decide;

import dev.concord.engine.decide.signal.Observation;
import java.util.Comparator;

/**
 * One burn alert of a policy's SLOs: which SLO burns where, at which severity, over which window pair. An alert's
 * transitions (firing, resolved) share its key; the latest at an instant says whether it fires then. Two pairs of one
 * severity (a 1d/2h and a 3d/6h ticket) are two alerts: one resolving says nothing of the other.
 *
 * <p>Keys sort field by field in the order declared: the order the alerts firing at an instant are judged in.
 */
public record AlertKey(String slo, String cloud, String region, String tenant, String severity, String windows)
        implements Comparable<AlertKey> {

    private static final Comparator<String> TEXT = Comparator.nullsFirst(Comparator.naturalOrder());

    private static final Comparator<AlertKey> ORDER = Comparator.comparing(AlertKey::slo, TEXT)
            .thenComparing(AlertKey::cloud, TEXT)
            .thenComparing(AlertKey::region, TEXT)
            .thenComparing(AlertKey::tenant, TEXT)
            .thenComparing(AlertKey::severity, TEXT)
            .thenComparing(AlertKey::windows, TEXT);

    /**
     * The alert a trace_slo observation is a transition of: its subject is the SLO, its origin the severity, and its
     * window pair.
     */
    static AlertKey of(Observation alert) {
        return new AlertKey(
                alert.subject(), alert.cloud(), alert.region(), alert.tenant(), alert.origin(), alert.windows());
    }

    @Override
    public int compareTo(AlertKey other) {
        return ORDER.compare(this, other);
    }

    /**
     * One transition of one alert at its event time: the key of a policy evaluator's alert-transition state, so two
     * transitions of an alert at different instants are both kept until one supersedes the other.
     */
    public record Transition(AlertKey alert, long timeMillis) {

        static Transition of(Observation alert) {
            return new Transition(AlertKey.of(alert), alert.timeMillis());
        }
    }
}
