package dev.concord.rules.validate;

import dev.concord.rules.Conventions;
import dev.concord.rules.model.FailoverPolicy;
import dev.concord.rules.model.GuardSignal;
import dev.concord.rules.model.HaPattern;
import dev.concord.rules.model.RuleSet;
import dev.concord.rules.model.Signals;
import dev.concord.rules.model.Slo;
import dev.concord.rules.model.WireName;
import dev.concord.rules.text.Durations;
import dev.concord.rules.text.Numbers;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

final class PolicyChecks {

    private PolicyChecks() {}

    static void check(FailoverPolicy policy, RuleSet rules, Findings findings) {
        if (policy.clouds() != null
                && policy.clouds().primary().equals(policy.clouds().secondary())) {
            findings.error(
                    policy,
                    "spec.clouds.secondary",
                    "primary and secondary are both '" + policy.clouds().primary()
                            + "'; a failover needs two different clouds");
        }
        if (policy.signals() != null) {
            signals(policy, policy.signals(), rules, findings);
            quorum(policy, findings);
        }
        vetoes(policy, rules, findings);
        judgement(policy, findings);
        if (policy.pattern() == HaPattern.DEFERRED
                && policy.signals() != null
                && policy.signals().traceSlo() != null
                && policy.signals().traceSlo().severity() == dev.concord.rules.model.AlertSeverity.PAGE) {
            findings.warning(
                    policy,
                    "spec.signals.trace_slo.severity",
                    "a deferred policy never fails over and only opens tickets; write severity: ticket");
        }
        if (policy.replay() != null && policy.pattern() != null && policy.pattern() != HaPattern.ASYNCHRONOUS) {
            findings.warning(
                    policy,
                    "spec.replay",
                    "replay applies to asynchronous layers only; this policy's pattern is "
                            + WireName.of(policy.pattern()));
        }
    }

    /** The evaluator looks every 10 s: a window must be a whole number of those. */
    private static final long EVALUATION_STEP_MILLIS = 10_000;

    private static void judgement(FailoverPolicy policy, Findings findings) {
        FailoverPolicy.Judgement j = policy.judgement();
        if (j.confidence().compareTo(new BigDecimal("0.5")) <= 0
                || j.confidence().compareTo(BigDecimal.ONE) >= 0) {
            findings.error(
                    policy,
                    "spec.judgement.confidence",
                    "confidence must be above 0.5 and below 1 (for example 0.98), got " + j.confidence());
        }
        if (j.minSamples() < 1) {
            findings.error(policy, "spec.judgement.minSamples", "minSamples must be at least 1");
        }
        if (j.minRunsPerVantagePoint() < 1) {
            findings.error(
                    policy, "spec.judgement.minRunsPerVantagePoint", "minRunsPerVantagePoint must be at least 1");
        }
        if (j.window().toMillis() < EVALUATION_STEP_MILLIS || j.window().toMillis() % EVALUATION_STEP_MILLIS != 0) {
            findings.error(
                    policy,
                    "spec.judgement.window",
                    "window must be a whole number of 10s evaluation steps, got " + Durations.format(j.window()));
        }
        if (j.maxWindow().compareTo(j.window()) < 0) {
            findings.error(
                    policy,
                    "spec.judgement.maxWindow",
                    "maxWindow " + Durations.format(j.maxWindow()) + " is shorter than window "
                            + Durations.format(j.window()));
        }
        if (j.baseline().isZero() || j.baseline().isNegative()) {
            findings.error(policy, "spec.judgement.baseline", "baseline must be longer than 0");
        }
    }

    private static void signals(FailoverPolicy policy, Signals signals, RuleSet rules, Findings findings) {
        if (signals.configured().isEmpty()) {
            findings.error(
                    policy,
                    "spec.signals",
                    "configure at least one signal family: " + String.join(", ", Signals.FAMILIES));
        }
        List<String> sloNames = rules.slos().stream().map(Slo::name).toList();
        if (signals.traceSlo() != null) {
            List<String> slos = signals.traceSlo().slos();
            if (slos.isEmpty()) {
                findings.error(policy, "spec.signals.trace_slo.slos", "name at least one SLO");
            }
            for (int i = 0; i < slos.size(); i++) {
                if (rules.slo(slos.get(i)).isEmpty()) {
                    findings.undefined(
                            policy,
                            "spec.signals.trace_slo.slos[" + i + "]",
                            Conventions.KIND_SLO,
                            slos.get(i),
                            sloNames);
                }
            }
        }
        if (signals.probes() != null) {
            if (signals.probes().minVantagePoints() < 1) {
                findings.error(policy, "spec.signals.probes.minVantagePoints", "minVantagePoints must be at least 1");
            }
            BigDecimal fraction = signals.probes().minFailingFraction();
            if (fraction.signum() <= 0 || fraction.compareTo(BigDecimal.ONE) > 0) {
                findings.error(
                        policy,
                        "spec.signals.probes.minFailingFraction",
                        Numbers.plain(fraction) + " is outside (0, 1]");
            }
        }
        if (signals.dependency() != null && signals.dependency().names().isEmpty()) {
            findings.error(policy, "spec.signals.dependency.names", "name at least one dependency");
        }
        if (signals.logSignatures() != null) {
            List<String> patterns = signals.logSignatures().patterns();
            for (int i = 0; i < patterns.size(); i++) {
                try {
                    Pattern.compile(patterns.get(i));
                } catch (PatternSyntaxException e) {
                    findings.error(
                            policy,
                            "spec.signals.log_signatures.patterns[" + i + "]",
                            "not a regular expression: " + e.getDescription() + " near index " + e.getIndex());
                }
            }
            if (signals.logSignatures().minRate().count().signum() <= 0) {
                findings.error(policy, "spec.signals.log_signatures.minRate", "a rate must be greater than 0");
            }
        }
        if (signals.guards() != null) {
            List<Signals.GuardCondition> conditions = signals.guards().conditions();
            for (int i = 0; i < conditions.size(); i++) {
                guardReference(
                        policy,
                        "spec.signals.guards.conditions[" + i + "].guard",
                        conditions.get(i).guard(),
                        rules,
                        findings);
            }
        }
    }

    private static void quorum(FailoverPolicy policy, Findings findings) {
        if (policy.quorum() == null) {
            return;
        }
        int atLeast = policy.quorum().atLeast();
        List<String> configured = policy.signals().configured();
        if (configured.isEmpty()) {
            return;
        }
        if (atLeast < 1) {
            findings.error(policy, "spec.quorum.atLeast", "a quorum must be at least 1");
        } else if (atLeast > configured.size()) {
            findings.error(
                    policy,
                    "spec.quorum.atLeast",
                    "quorum " + atLeast + " is larger than the " + configured.size() + " signal famil"
                            + (configured.size() == 1 ? "y" : "ies") + " configured ("
                            + String.join(", ", configured) + "); lower it to " + Math.max(1, configured.size())
                            + " or configure more families");
        }
    }

    private static void vetoes(FailoverPolicy policy, RuleSet rules, Findings findings) {
        var lag = policy.vetoes().replicationLag();
        if (lag != null) {
            guardReference(policy, "spec.vetoes.replicationLag.guard", lag.guard(), rules, findings);
            if (lag.rpo().isZero()) {
                findings.error(policy, "spec.vetoes.replicationLag.rpo", "an RPO must be longer than 0");
            }
        } else if (policy.pattern() == HaPattern.ACTIVE_PASSIVE) {
            findings.warning(
                    policy,
                    "spec.pattern",
                    "an active-passive policy without a replicationLag veto can fail writes over with data past "
                            + "the RPO still unreplicated; add vetoes: {replicationLag: {guard: NAME, rpo: 5m}}");
        }
    }

    private static void guardReference(
            FailoverPolicy policy, String path, String guard, RuleSet rules, Findings findings) {
        if (rules.guard(guard).isEmpty()) {
            findings.undefined(
                    policy,
                    path,
                    Conventions.KIND_GUARD_SIGNAL,
                    guard,
                    rules.guards().stream().map(GuardSignal::name).toList());
        }
    }
}
