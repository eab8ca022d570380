package dev.concord.engine.decide.signal;

import dev.concord.rules.model.Signals;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The signal families as plain functions from a window's sums to a verdict with its evidence. Each is judged
 * against its own recent baseline and against the other cloud, never against a fixed line alone; too little data
 * is NO_DATA, never FAILING.
 */
public final class Families {

    /**
     * Families whose telemetry carries the service version that served it: what ties failures to a release. A
     * policy evaluator records the versions they report, and its assessment counts their failures per version.
     */
    public static final Set<String> VERSIONED =
            Set.of(Observation.RELEASE, Signals.HEALTH, Signals.DEPENDENCY, Signals.LOG_SIGNATURES);

    /** Log matches per window assumed when the baseline saw none: one stray line must not be significant. */
    static final double MIN_REFERENCE_EVENTS = 1.0;

    private Families() {}

    /**
     * Counted outcomes (health checks, dependency calls): FAILING when the failure share is significantly above the
     * cloud's own baseline and above the other cloud (unless the other cloud changed as much: a common cause that
     * the target-degraded veto reports), and at least {@link Judgement#failingShare()}; a significant rise below
     * it, or a significantly slower median latency, is DEGRADED.
     */
    public static SignalVerdict counts(
            String family, Judgement judgement, Sums current, Sums baseline, Sums other, Sums otherBaseline) {
        if (current.trials() < judgement.minSamples()) {
            return noData(family, "error_share", judgement, current.trials());
        }
        double pOwn = Statistics.binomialWorse(current.trials(), current.failures(), reference(judgement, baseline));
        boolean otherUsable = other.trials() >= judgement.minSamples();
        double pOther = otherUsable
                ? Statistics.binomialWorse(
                        current.trials(), current.failures(), Math.max(judgement.referenceFloor(), other.share()))
                : Double.NaN;
        boolean otherChangedToo = otherUsable
                && judgement.significant(Statistics.binomialWorse(
                        other.trials(), other.failures(), reference(judgement, otherBaseline)));
        boolean significant =
                judgement.significant(pOwn) && (!otherUsable || judgement.significant(pOther) || otherChangedToo);
        double p = otherUsable && !otherChangedToo ? Math.max(pOwn, pOther) : pOwn;
        Evidence errors = new Evidence(
                "error_share",
                current.share(),
                judgement.failingShare(),
                judgement.windowName(),
                p,
                current.trials(),
                null);
        if (significant) {
            Verdict verdict = current.share() >= judgement.failingShare() ? Verdict.FAILING : Verdict.DEGRADED;
            return new SignalVerdict(family, verdict, errors, current.firstBadMillis());
        }
        if (current.latencies().length >= judgement.minSamples()
                && baseline.latencies().length >= judgement.minSamples()) {
            double pLatency = Statistics.mannWhitneyWorse(current.latencies(), baseline.latencies());
            double ratio = Statistics.median(current.latencies()) / Statistics.median(baseline.latencies());
            if (judgement.significant(pLatency) && ratio >= judgement.latencyFactor()) {
                return new SignalVerdict(
                        family,
                        Verdict.DEGRADED,
                        new Evidence(
                                "latency_median_ratio",
                                ratio,
                                judgement.latencyFactor(),
                                judgement.windowName(),
                                pLatency,
                                (long) current.latencies().length,
                                null),
                        Long.MAX_VALUE);
            }
        }
        return new SignalVerdict(family, Verdict.HEALTHY, errors, Long.MAX_VALUE);
    }

    /**
     * Synthetic probes, per vantage point: a vantage point sees the target failing when at least
     * {@code minFailingFraction} of its runs fail, significantly more than in its own baseline. FAILING needs at
     * least {@code minVantagePoints} such vantage points, not all in one cloud or network; the same count in one
     * network is DEGRADED; fewer is HEALTHY, so one isolated vantage point cannot mark a target down.
     *
     * @param current runs in the window per vantage point
     * @param baseline runs in the baseline per vantage point
     * @param networks each vantage point's own cloud or network
     */
    public static SignalVerdict probes(
            Judgement judgement,
            int minVantagePoints,
            double minFailingFraction,
            Map<String, Sums> current,
            Map<String, Sums> baseline,
            Map<String, String> networks) {
        int usable = 0;
        long runs = 0;
        int failing = 0;
        double worstP = 0;
        long since = Long.MAX_VALUE;
        Set<String> failingNetworks = new TreeSet<>();
        for (Map.Entry<String, Sums> entry : current.entrySet()) {
            Sums vantage = entry.getValue();
            if (vantage.trials() < judgement.minVantagePointRuns()) {
                continue;
            }
            usable++;
            runs += vantage.trials();
            double p = Statistics.binomialWorse(
                    vantage.trials(),
                    vantage.failures(),
                    reference(judgement, baseline.getOrDefault(entry.getKey(), Sums.EMPTY)));
            if (vantage.share() >= minFailingFraction && judgement.significant(p)) {
                failing++;
                worstP = Math.max(worstP, p);
                since = Math.min(since, vantage.firstBadMillis());
                failingNetworks.add(networks.getOrDefault(entry.getKey(), entry.getKey()));
            }
        }
        if (usable < minVantagePoints) {
            return noData(Signals.PROBES, "failing_vantage_points", judgement, runs);
        }
        Evidence evidence = new Evidence(
                "failing_vantage_points",
                (double) failing,
                (double) minVantagePoints,
                judgement.windowName(),
                failing > 0 ? worstP : null,
                runs,
                usable);
        if (failing >= minVantagePoints) {
            return failingNetworks.size() > 1
                    ? new SignalVerdict(Signals.PROBES, Verdict.FAILING, evidence, since)
                    : new SignalVerdict(Signals.PROBES, Verdict.DEGRADED, evidence, Long.MAX_VALUE);
        }
        return new SignalVerdict(Signals.PROBES, Verdict.HEALTHY, evidence, Long.MAX_VALUE);
    }

    /**
     * Log lines matching a configured signature: FAILING when they arrive at least at {@code minPerWindow} and
     * significantly faster (Poisson) than in the cloud's baseline and than in the other cloud; NO_DATA when the
     * cloud sent no log record at all.
     *
     * @param current every log record of the window, matches counted as bad
     */
    public static SignalVerdict logSignatures(
            Judgement judgement, double minPerWindow, Sums current, Sums baseline, Sums other, Sums otherBaseline) {
        if (current.trials() == 0) {
            return noData(Signals.LOG_SIGNATURES, "matching_log_records", judgement, 0);
        }
        double perWindow = (double) judgement.windowMillis() / judgement.baselineMillis();
        double ownMean = reference(baseline.bad() * perWindow, minPerWindow);
        double pOwn = Statistics.poissonWorse(current.failures(), ownMean);
        boolean otherUsable = other.trials() > 0;
        double pOther = otherUsable
                ? Statistics.poissonWorse(current.failures(), Math.max(MIN_REFERENCE_EVENTS, other.bad()))
                : Double.NaN;
        boolean otherChangedToo = otherUsable
                && judgement.significant(Statistics.poissonWorse(
                        other.failures(), reference(otherBaseline.bad() * perWindow, minPerWindow)));
        boolean significant =
                judgement.significant(pOwn) && (!otherUsable || judgement.significant(pOther) || otherChangedToo);
        double p = otherUsable && !otherChangedToo ? Math.max(pOwn, pOther) : pOwn;
        Evidence evidence = new Evidence(
                "matching_log_records", current.bad(), minPerWindow, judgement.windowName(), p, current.trials(), null);
        if (significant && current.bad() >= minPerWindow) {
            return new SignalVerdict(Signals.LOG_SIGNATURES, Verdict.FAILING, evidence, current.firstBadMillis());
        }
        return new SignalVerdict(
                Signals.LOG_SIGNATURES, significant ? Verdict.DEGRADED : Verdict.HEALTHY, evidence, Long.MAX_VALUE);
    }

    /** A baseline rate of matches that was itself above the configured rate is no reference. */
    private static double reference(double baselineMean, double minPerWindow) {
        return baselineMean >= minPerWindow ? MIN_REFERENCE_EVENTS : Math.max(MIN_REFERENCE_EVENTS, baselineMean);
    }

    /** A guard's limit, as configured: exactly one of the two bounds is set. */
    public record Limit(String guard, Double above, Double below) {

        boolean breachedBy(double value) {
            return (above != null && value > above) || (below != null && value < below);
        }

        double threshold() {
            return above != null ? above : below;
        }
    }

    /**
     * Guard conditions: a guard is a limit by definition (a backlog past ten minutes is a failure, whatever the
     * baseline), so it is compared with its limit, not tested. FAILING when any guard's latest value in the window
     * breaches its limit; NO_DATA when no guard reported.
     *
     * @param latest each guard's latest value in the window; absent when it did not report
     */
    public static SignalVerdict guards(Judgement judgement, List<Limit> limits, Map<String, Sums> latest) {
        Evidence evidence = null;
        long since = Long.MAX_VALUE;
        boolean breached = false;
        for (Limit limit : limits) {
            Sums values = latest.get(limit.guard());
            if (values == null || Double.isNaN(values.lastValue())) {
                continue;
            }
            boolean breach = limit.breachedBy(values.lastValue());
            if (evidence == null || (breach && !breached)) {
                evidence = new Evidence(
                        limit.guard(),
                        values.lastValue(),
                        limit.threshold(),
                        judgement.windowName(),
                        null,
                        values.trials(),
                        null);
            }
            if (breach) {
                breached = true;
                since = Math.min(since, values.firstBadMillis());
            }
        }
        if (evidence == null) {
            return noData(Signals.GUARDS, "guard", judgement, 0);
        }
        return breached
                ? new SignalVerdict(Signals.GUARDS, Verdict.FAILING, evidence, since)
                : new SignalVerdict(Signals.GUARDS, Verdict.HEALTHY, evidence, Long.MAX_VALUE);
    }

    /**
     * The burn alerts of the policy's SLOs, already judged by multi-window burn rates: FAILING while one fires at
     * the configured severity (or a more urgent one), DEGRADED while one fires at a milder one.
     *
     * @param firing the alerts firing now: origin is the severity, value the long-window burn rate
     * @param pageOnly true when the policy listens to pages only
     */
    public static SignalVerdict traceSlo(Judgement judgement, List<Observation> firing, boolean pageOnly) {
        Observation worst = null;
        boolean page = false;
        for (Observation alert : firing) {
            boolean isPage = "page".equals(alert.origin());
            if (worst == null || (isPage && !page) || (isPage == page && alert.value() > worst.value())) {
                worst = alert;
                page = isPage;
            }
        }
        if (worst == null) {
            return new SignalVerdict(
                    Signals.TRACE_SLO,
                    Verdict.HEALTHY,
                    new Evidence("firing_burn_alerts", 0.0, 1.0, judgement.windowName(), null, 0L, null),
                    Long.MAX_VALUE);
        }
        long since = Long.MAX_VALUE;
        for (Observation alert : firing) {
            since = Math.min(since, alert.timeMillis());
        }
        Evidence evidence = new Evidence(
                "burn_rate:" + worst.subject(),
                worst.value(),
                null,
                judgement.windowName(),
                null,
                (long) firing.size(),
                null);
        boolean counts = page || !pageOnly;
        return new SignalVerdict(
                Signals.TRACE_SLO,
                counts ? Verdict.FAILING : Verdict.DEGRADED,
                evidence,
                counts ? since : Long.MAX_VALUE);
    }

    /**
     * The failure rate to beat: the baseline's, unless it is too small to tell or was failing itself (an outage older
     * than the window must not become the new normal), when the floor stands in.
     */
    private static double reference(Judgement judgement, Sums baseline) {
        boolean usable = baseline.trials() >= judgement.minSamples() && baseline.share() < judgement.failingShare();
        return usable ? Math.max(judgement.referenceFloor(), baseline.share()) : judgement.referenceFloor();
    }

    private static SignalVerdict noData(String family, String measure, Judgement judgement, long samples) {
        return new SignalVerdict(
                family,
                Verdict.NO_DATA,
                new Evidence(
                        measure, null, (double) judgement.minSamples(), judgement.windowName(), null, samples, null),
                Long.MAX_VALUE);
    }
}
