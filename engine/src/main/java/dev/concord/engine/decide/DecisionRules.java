package dev.concord.engine.decide;

import dev.concord.engine.decide.guards.promql.PromQlGuards;
import dev.concord.rules.model.FailoverPolicy;
import dev.concord.rules.model.GuardSignal;
import dev.concord.rules.model.RuleSet;
import dev.concord.rules.model.Scope;
import dev.concord.rules.model.Signals;
import dev.concord.rules.model.WireName;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Failover policies and guard signals of a validated rule set, as the decision engine runs them. */
public final class DecisionRules {

    private DecisionRules() {}

    /** Converts validated rules; a reference the validator should have caught fails fast. */
    public static List<PolicySpec> from(RuleSet rules) {
        List<PolicySpec> specs = new ArrayList<>();
        for (FailoverPolicy policy : rules.policies()) {
            specs.add(spec(rules, policy));
        }
        return List.copyOf(specs);
    }

    static PolicySpec spec(RuleSet rules, FailoverPolicy policy) {
        String name = policy.metadata().name();
        Signals signals = policy.signals();
        List<GuardSpec> guards = new ArrayList<>();
        if (signals.guards() != null) {
            for (Signals.GuardCondition condition : signals.guards().conditions()) {
                guards.add(
                        guard(rules, name, condition.guard(), decimal(condition.above()), decimal(condition.below())));
            }
        }
        FailoverPolicy.Vetoes vetoes = policy.vetoes() == null ? FailoverPolicy.Vetoes.NONE : policy.vetoes();
        FailoverPolicy.ReplicationLag lag = vetoes.replicationLag();
        FailoverPolicy.Timing timing = policy.timing() == null ? FailoverPolicy.Timing.DEFAULT : policy.timing();
        List<Scope> scopes = policy.scopes().isEmpty() ? List.of(Scope.CLOUD) : policy.scopes();
        double logPerMinute = signals.logSignatures() == null
                ? 0
                : signals.logSignatures().minRate().count().doubleValue()
                        * 60_000.0
                        / signals.logSignatures().minRate().per().toMillis();
        return new PolicySpec(
                name,
                WireName.of(policy.layer()),
                policy.pattern(),
                policy.clouds().primary(),
                policy.clouds().secondary(),
                scopes.stream().sorted(Comparator.naturalOrder()).toList(),
                signals.traceSlo() == null ? List.of() : signals.traceSlo().slos(),
                signals.traceSlo() == null
                        || signals.traceSlo().severity() == null
                        || signals.traceSlo().severity().name().equals("PAGE"),
                signals.probes() == null ? null : signals.probes().probe(),
                signals.probes() == null ? 0 : signals.probes().minVantagePoints(),
                signals.probes() == null
                        ? 0
                        : signals.probes().minFailingFraction().doubleValue(),
                signals.health() == null ? null : signals.health().check(),
                signals.dependency() == null ? List.of() : signals.dependency().names(),
                signals.logSignatures() == null
                        ? List.of()
                        : signals.logSignatures().patterns(),
                logPerMinute,
                guards,
                policy.quorum().atLeast(),
                lag == null ? null : guard(rules, name, lag.guard(), null, null),
                lag == null ? 0 : lag.rpo().toMillis(),
                vetoes.targetDegraded(),
                vetoes.releaseCorrelation(),
                policy.confirmation() != null && policy.confirmation().required(),
                timing.forDuration().toMillis(),
                timing.cooldown().toMillis(),
                timing.stableBeforeFailback().toMillis());
    }

    private static GuardSpec guard(RuleSet rules, String policy, String name, Double above, Double below) {
        GuardSignal guard = rules.guard(name)
                .orElseThrow(() -> new IllegalArgumentException(policy + ": guard " + name + " is not defined"));
        if (guard.source() instanceof GuardSignal.OtlpMetric metric) {
            return new GuardSpec(
                    name, metric.name(), metric.attributes(), GuardSpec.secondsPer(metric.unit()), above, below);
        }
        // polled into the job as samples under the guard's own name (PromQlGuards); Prometheus speaks base units
        return new GuardSpec(name, PromQlGuards.sampleName(name), Map.of(), 1, above, below);
    }

    private static Double decimal(BigDecimal value) {
        return value == null ? null : value.doubleValue();
    }
}
