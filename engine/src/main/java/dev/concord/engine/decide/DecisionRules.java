package dev.concord.engine.decide;

import dev.concord.engine.decide.PolicySpec.SignalsSpec;
import dev.concord.engine.decide.guards.promql.PromQlGuards;
import dev.concord.engine.decide.signal.Judgement;
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
        FailoverPolicy.Vetoes vetoes = policy.vetoes() == null ? FailoverPolicy.Vetoes.NONE : policy.vetoes();
        FailoverPolicy.ReplicationLag lag = vetoes.replicationLag();
        FailoverPolicy.Timing timing = policy.timing() == null ? FailoverPolicy.Timing.DEFAULT : policy.timing();
        List<Scope> scopes = policy.scopes().isEmpty() ? List.of(Scope.CLOUD) : policy.scopes();
        return new PolicySpec(
                name,
                WireName.of(policy.layer()),
                policy.pattern(),
                new PolicySpec.Clouds(policy.clouds().primary(), policy.clouds().secondary()),
                scopes.stream().sorted(Comparator.naturalOrder()).toList(),
                signals(rules, name, policy.signals()),
                policy.quorum().atLeast(),
                new PolicySpec.VetoesSpec(
                        lag == null ? null : guard(rules, name, lag.guard(), null, null),
                        lag == null ? 0 : lag.rpo().toMillis(),
                        vetoes.targetDegraded(),
                        vetoes.releaseCorrelation()),
                policy.confirmation() != null && policy.confirmation().required(),
                new PolicySpec.TimingSpec(
                        timing.forDuration().toMillis(),
                        timing.cooldown().toMillis(),
                        timing.stableBeforeFailback().toMillis()),
                judgement(policy.judgement()));
    }

    private static Judgement judgement(FailoverPolicy.Judgement judgement) {
        FailoverPolicy.Judgement written = judgement == null ? FailoverPolicy.Judgement.DEFAULT : judgement;
        return Judgement.builder()
                .confidence(written.confidence().doubleValue())
                .minSamples(written.minSamples())
                .minVantagePointRuns(written.minRunsPerVantagePoint())
                .window(written.window())
                .maxWindow(written.maxWindow())
                .baseline(written.baseline())
                .build();
    }

    private static SignalsSpec signals(RuleSet rules, String policy, Signals signals) {
        List<GuardSpec> guards = new ArrayList<>();
        if (signals.guards() != null) {
            for (Signals.GuardCondition condition : signals.guards().conditions()) {
                guards.add(guard(
                        rules, policy, condition.guard(), decimal(condition.above()), decimal(condition.below())));
            }
        }
        Signals.TraceSlo traceSlo = signals.traceSlo();
        Signals.Probes probes = signals.probes();
        Signals.LogSignatures logs = signals.logSignatures();
        return new SignalsSpec(
                traceSlo == null
                        ? SignalsSpec.TraceSlo.NONE
                        : new SignalsSpec.TraceSlo(
                                traceSlo.slos(),
                                traceSlo.severity() == null
                                        || traceSlo.severity().name().equals("PAGE")),
                probes == null
                        ? SignalsSpec.Probe.NONE
                        : new SignalsSpec.Probe(
                                probes.probe(),
                                probes.minVantagePoints(),
                                probes.minFailingFraction().doubleValue()),
                signals.health() == null ? null : signals.health().check(),
                signals.dependency() == null ? List.of() : signals.dependency().names(),
                logs == null
                        ? SignalsSpec.LogSignatures.NONE
                        : new SignalsSpec.LogSignatures(
                                logs.patterns(),
                                logs.minRate().count().doubleValue()
                                        * 60_000.0
                                        / logs.minRate().per().toMillis()),
                guards);
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
