package dev.concord.engine.decide;

import dev.concord.rules.model.HaPattern;
import dev.concord.rules.model.Scope;
import dev.concord.rules.model.Signals;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A failover policy as the decision engine runs it: names resolved, durations in milliseconds. An absent family has
 * an empty list or a null name.
 *
 * @param domain what the decision moves: the policy's layer ({@code web-api})
 * @param scopes the scopes a recommendation may name, narrowest first
 * @param pageOnly trace_slo counts page alerts only (ticket alerts are DEGRADED)
 * @param lagGuard the replication-lag guard of the RPO veto, or null
 */
public record PolicySpec(
        String name,
        String domain,
        HaPattern pattern,
        String primary,
        String secondary,
        List<Scope> scopes,
        List<String> slos,
        boolean pageOnly,
        String probe,
        int minVantagePoints,
        double minFailingFraction,
        String healthCheck,
        List<String> dependencies,
        List<String> logPatterns,
        double logMinPerMinute,
        List<GuardSpec> guards,
        int quorum,
        GuardSpec lagGuard,
        long rpoMillis,
        boolean targetDegradedVeto,
        boolean releaseVeto,
        boolean confirmationRequired,
        long forMillis,
        long cooldownMillis,
        long stableMillis)
        implements Serializable {

    public PolicySpec {
        scopes = List.copyOf(scopes);
        slos = List.copyOf(slos);
        dependencies = List.copyOf(dependencies);
        logPatterns = List.copyOf(logPatterns);
        guards = List.copyOf(guards);
        if (quorum < 1) {
            throw new IllegalArgumentException(name + ": quorum must be at least 1, got " + quorum);
        }
        if (primary.equals(secondary)) {
            throw new IllegalArgumentException(name + ": primary and secondary are both " + primary);
        }
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException(name + ": no scope to recommend at");
        }
    }

    /** The configured families, in the order of {@link Signals#FAMILIES}. */
    public List<String> families() {
        List<String> families = new ArrayList<>();
        if (!slos.isEmpty()) {
            families.add(Signals.TRACE_SLO);
        }
        if (probe != null) {
            families.add(Signals.PROBES);
        }
        if (healthCheck != null) {
            families.add(Signals.HEALTH);
        }
        if (!dependencies.isEmpty()) {
            families.add(Signals.DEPENDENCY);
        }
        if (!logPatterns.isEmpty()) {
            families.add(Signals.LOG_SIGNATURES);
        }
        if (!guards.isEmpty()) {
            families.add(Signals.GUARDS);
        }
        return List.copyOf(families);
    }

    /** The other cloud of the two. */
    public String otherThan(String cloud) {
        return cloud.equals(primary) ? secondary : primary;
    }
}
