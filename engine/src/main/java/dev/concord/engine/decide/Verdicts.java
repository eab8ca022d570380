package dev.concord.engine.decide;

import dev.concord.engine.decide.DecisionRecord.Veto;
import dev.concord.engine.decide.signal.SignalVerdict;
import dev.concord.engine.decide.signal.Verdict;
import dev.concord.rules.model.HaPattern;
import dev.concord.rules.model.Signals;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * From an assessment to an action, a state and the vetoes that apply: the policy's rules, as plain functions.
 *
 * <p>A release correlation turns any recommendation into a rollback; a deferred layer only ever gets a notice;
 * otherwise the lag veto (VETOED) wins over a degraded target (HELD), which wins over a required confirmation
 * (PENDING_CONFIRMATION). The states that only time and operators reach (CONFIRMED, WITHDRAWN, EXPIRED) are never
 * decided here but by {@link EpisodeMachine}.
 */
final class Verdicts {

    static final String VETO_REPLICATION_LAG = "replication_lag";
    static final String VETO_TARGET_DEGRADED = "target_degraded";
    static final String VETO_RELEASE = "release_correlation";

    record Outcome(Action action, DecisionState state, List<Veto> vetoes) {}

    private Verdicts() {}

    static Outcome decide(PolicySpec policy, Assessor.Assessment assessment) {
        if (policy.vetoes().releaseCorrelation() && assessment.release() != null) {
            Assessor.Release release = assessment.release();
            return new Outcome(
                    Action.ROLLBACK_RELEASE,
                    DecisionState.RECOMMENDED,
                    List.of(new Veto(
                            VETO_RELEASE,
                            release.share(),
                            null,
                            String.format(
                                    Locale.ROOT,
                                    "%.0f%% of the failures come from %s %s, first seen %s: roll it back"
                                            + " instead of failing over",
                                    release.share() * 100,
                                    release.service(),
                                    release.version(),
                                    DecisionIds.rfc3339(release.firstSeenMillis())))));
        }
        if (policy.pattern() == HaPattern.DEFERRED) {
            return new Outcome(Action.NONE, DecisionState.RECOMMENDED, List.of());
        }
        Action action = policy.pattern() == HaPattern.ACTIVE_PASSIVE ? Action.PROMOTE_STANDBY : Action.SHIFT_TRAFFIC;
        List<Veto> vetoes = new ArrayList<>();
        boolean lagVeto = false;
        GuardSpec lagGuard = policy.vetoes().lagGuard();
        if (lagGuard != null) {
            double rpoSeconds = policy.vetoes().rpoMillis() / 1000.0;
            Double lag = assessment.lagSeconds();
            if (lag == null || !(lag <= rpoSeconds)) {
                lagVeto = true;
                vetoes.add(new Veto(
                        VETO_REPLICATION_LAG,
                        lag,
                        rpoSeconds,
                        lag == null
                                ? "no reading of " + lagGuard.name() + ": the data the standby lacks is unknown"
                                : String.format(
                                        Locale.ROOT,
                                        "%s is %.0f s, above the RPO of %.0f s: failing over would lose data",
                                        lagGuard.name(),
                                        lag,
                                        rpoSeconds)));
            }
        }
        boolean held = false;
        List<String> bad = assessment.target().stream()
                .filter(v -> v.verdict() == Verdict.FAILING || v.verdict() == Verdict.DEGRADED)
                // a standby's business transactions write through the failing primary (the secondary's ERP
                // connector writes across clouds), so they fail with it and recover with the promotion: only the
                // standby's own checks and dependencies say whether it can take over
                .filter(v -> policy.pattern() != HaPattern.ACTIVE_PASSIVE
                        || !v.family().equals(Signals.TRACE_SLO))
                .map(v -> v.family() + " " + v.verdict())
                .toList();
        if (policy.vetoes().targetDegraded() && !bad.isEmpty()) {
            held = true;
            vetoes.add(new Veto(
                    VETO_TARGET_DEGRADED,
                    (double) bad.size(),
                    0.0,
                    policy.clouds()
                                    .otherThan(
                                            assessment.scope() == null
                                                    ? policy.clouds().primary()
                                                    : assessment.scope().cloud())
                            + " is not healthy either ("
                            + String.join(", ", bad)
                            + "): failover would not help"));
        }
        DecisionState state;
        if (lagVeto) {
            state = DecisionState.VETOED;
        } else if (held) {
            state = DecisionState.HELD;
        } else if (action == Action.PROMOTE_STANDBY || policy.confirmationRequired()) {
            state = DecisionState.PENDING_CONFIRMATION;
        } else {
            state = DecisionState.RECOMMENDED;
        }
        return new Outcome(action, state, List.copyOf(vetoes));
    }

    /**
     * No family failing, and at least one family that measures (not trace_slo, which is HEALTHY by the mere absence
     * of alerts) says healthy: the primary has recovered. Silence is not recovery.
     */
    static boolean recovered(List<SignalVerdict> verdicts) {
        return verdicts.stream().noneMatch(SignalVerdict::failing) && oneMeasuresHealthy(verdicts);
    }

    /**
     * Recovered with no family that measures the present even degraded: the clock of the stable period before a
     * failback runs. Burn alerts are left out: a ticket's short window remembers an outage for hours after the
     * primary recovered, and while traffic is shifted away the primary has few transactions to tell by.
     */
    static boolean healthy(List<SignalVerdict> verdicts) {
        return verdicts.stream()
                        .filter(Verdicts::measures)
                        .noneMatch(v -> v.failing() || v.verdict() == Verdict.DEGRADED)
                && oneMeasuresHealthy(verdicts);
    }

    /** A family that measures says healthy: trace_slo is HEALTHY by the mere absence of alerts, so it cannot. */
    private static boolean oneMeasuresHealthy(List<SignalVerdict> verdicts) {
        return verdicts.stream().anyMatch(v -> measures(v) && v.verdict() == Verdict.HEALTHY);
    }

    private static boolean measures(SignalVerdict verdict) {
        return !verdict.family().equals(Signals.TRACE_SLO);
    }
}
