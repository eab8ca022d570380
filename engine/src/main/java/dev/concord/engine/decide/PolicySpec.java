package dev.concord.engine.decide;

import dev.concord.engine.decide.signal.Judgement;
import dev.concord.rules.model.HaPattern;
import dev.concord.rules.model.Scope;
import dev.concord.rules.model.Signals;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A failover policy as the decision engine runs it: the rules' {@link dev.concord.rules.model.FailoverPolicy} with
 * names resolved, defaults applied and durations in milliseconds. Every part is present: a signal family the policy
 * does not listen to keeps its shape with an empty list or a null name (see each part's {@code NONE}).
 *
 * <p>Invariants, checked on construction: the quorum is at least 1, the two clouds differ, and at least one scope is
 * allowed; the lists are immutable.
 *
 * @param domain what the decision moves: the policy's layer ({@code web-api})
 * @param scopes the scopes a recommendation may name, narrowest first
 * @param quorum how many independent families must fail together
 * @param confirmationRequired every failover waits for an operator, not only a standby's promotion
 * @param judgement how its families judge their evidence: windows, baseline, samples, confidence
 */
public record PolicySpec(
        String name,
        String domain,
        HaPattern pattern,
        Clouds clouds,
        List<Scope> scopes,
        SignalsSpec signals,
        int quorum,
        VetoesSpec vetoes,
        boolean confirmationRequired,
        TimingSpec timing,
        Judgement judgement)
        implements Serializable {

    public PolicySpec {
        scopes = List.copyOf(scopes);
        if (quorum < 1) {
            throw new IllegalArgumentException(name + ": quorum must be at least 1, got " + quorum);
        }
        if (clouds.primary().equals(clouds.secondary())) {
            throw new IllegalArgumentException(name + ": primary and secondary are both " + clouds.primary());
        }
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException(name + ": no scope to recommend at");
        }
    }

    /** The cloud a layer runs in and the one it fails over to. */
    public record Clouds(String primary, String secondary) implements Serializable {

        /** The other cloud of the two. */
        public String otherThan(String cloud) {
            return cloud.equals(primary) ? secondary : primary;
        }
    }

    /**
     * The signal families the policy listens to; each counts once towards the quorum.
     *
     * @param healthCheck the health check's name, or null
     * @param dependencies the dependencies whose client calls are watched, empty for none
     * @param guards the guard conditions, empty for none
     */
    public record SignalsSpec(
            TraceSlo traceSlo,
            Probe probe,
            String healthCheck,
            List<String> dependencies,
            LogSignatures logSignatures,
            List<GuardSpec> guards)
            implements Serializable {

        public SignalsSpec {
            dependencies = List.copyOf(dependencies);
            guards = List.copyOf(guards);
        }

        /** The configured families, in the order of {@link Signals#FAMILIES}. */
        public List<String> families() {
            List<String> families = new ArrayList<>();
            if (traceSlo.configured()) {
                families.add(Signals.TRACE_SLO);
            }
            if (probe.configured()) {
                families.add(Signals.PROBES);
            }
            if (healthCheck != null) {
                families.add(Signals.HEALTH);
            }
            if (!dependencies.isEmpty()) {
                families.add(Signals.DEPENDENCY);
            }
            if (logSignatures.configured()) {
                families.add(Signals.LOG_SIGNATURES);
            }
            if (!guards.isEmpty()) {
                families.add(Signals.GUARDS);
            }
            return List.copyOf(families);
        }

        /**
         * The burn alerts of these SLOs.
         *
         * @param pageOnly only page alerts count towards the quorum (ticket alerts are DEGRADED)
         */
        public record TraceSlo(List<String> slos, boolean pageOnly) implements Serializable {

            public static final TraceSlo NONE = new TraceSlo(List.of(), true);

            public TraceSlo {
                slos = List.copyOf(slos);
            }

            public boolean configured() {
                return !slos.isEmpty();
            }
        }

        /**
         * A synthetic probe: FAILING needs at least {@code minVantagePoints} vantage points each failing at least
         * {@code minFailingFraction} of its runs.
         *
         * @param name the probe's name, or null for none
         */
        public record Probe(String name, int minVantagePoints, double minFailingFraction) implements Serializable {

            public static final Probe NONE = new Probe(null, 0, 0);

            public boolean configured() {
                return name != null;
            }
        }

        /** Log lines matching any of the patterns, at least {@code minPerMinute} of them a minute. */
        public record LogSignatures(List<String> patterns, double minPerMinute) implements Serializable {

            public static final LogSignatures NONE = new LogSignatures(List.of(), 0);

            public LogSignatures {
                patterns = List.copyOf(patterns);
            }

            public boolean configured() {
                return !patterns.isEmpty();
            }
        }
    }

    /**
     * What stops a failover.
     *
     * @param lagGuard the replication-lag guard whose value must stay within {@code rpoMillis}, or null for no RPO
     *     veto (then {@code rpoMillis} is 0)
     * @param targetDegraded a failing or degraded secondary holds the failover
     * @param releaseCorrelation failures concentrated in a new release turn it into a rollback
     */
    public record VetoesSpec(GuardSpec lagGuard, long rpoMillis, boolean targetDegraded, boolean releaseCorrelation)
            implements Serializable {}

    /**
     * @param forMillis how long the quorum must hold before a recommendation
     * @param cooldownMillis how long after a recommendation (or a failback) no new one opens
     * @param stableMillis how long the primary must be healthy before a failback
     */
    public record TimingSpec(long forMillis, long cooldownMillis, long stableMillis) implements Serializable {}
}
