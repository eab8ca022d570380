package dev.concord.engine.decide;

import dev.concord.engine.decide.signal.Observation;
import dev.concord.engine.slo.SloAlert;
import dev.concord.ingest.Conventions;
import dev.concord.ingest.model.LogRecord;
import dev.concord.ingest.model.MetricSample;
import dev.concord.ingest.model.ProbeResult;
import dev.concord.ingest.model.ResourceIdentity;
import dev.concord.ingest.model.Span;
import dev.concord.ingest.model.SpanKind;
import dev.concord.rules.model.Signals;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Telemetry of each kind to the observations of every policy that listens to it. Nothing here throws on odd
 * telemetry: what no policy reads is dropped.
 */
public final class Observe<T> implements FlatMapFunction<T, Observation> {

    private static final long serialVersionUID = 1L;

    /** A metric attribute naming the health check a sample reports, when the metric is not named after it. */
    public static final String HEALTH_CHECK_ATTRIBUTE = "health.check.name";

    /** Client span attributes that name the dependency called, in the order tried. */
    static final List<String> DEPENDENCY_ATTRIBUTES = List.of("peer.service", "server.address", "rpc.service");

    private interface Rule<T> extends Serializable {
        void observe(PolicySpec policy, T item, List<Pattern> patterns, Collector<Observation> out);
    }

    private final List<PolicySpec> policies;
    private final List<List<Pattern>> patterns;
    private final Rule<T> rule;

    private Observe(List<PolicySpec> policies, Rule<T> rule) {
        this.policies = List.copyOf(policies);
        this.rule = rule;
        List<List<Pattern>> compiled = new ArrayList<>();
        for (PolicySpec policy : policies) {
            compiled.add(policy.signals().logSignatures().patterns().stream()
                    .map(Pattern::compile)
                    .toList());
        }
        this.patterns = List.copyOf(compiled);
    }

    public static Observe<SloAlert> alerts(List<PolicySpec> policies) {
        return new Observe<>(policies, Observe::alert);
    }

    public static Observe<ProbeResult> probes(List<PolicySpec> policies) {
        return new Observe<>(policies, Observe::probe);
    }

    public static Observe<MetricSample> metrics(List<PolicySpec> policies) {
        return new Observe<>(policies, Observe::metric);
    }

    public static Observe<LogRecord> logs(List<PolicySpec> policies) {
        return new Observe<>(policies, Observe::log);
    }

    public static Observe<Span> spans(List<PolicySpec> policies) {
        return new Observe<>(policies, Observe::span);
    }

    @Override
    public void flatMap(T item, Collector<Observation> out) {
        for (int i = 0; i < policies.size(); i++) {
            rule.observe(policies.get(i), item, patterns.get(i), out);
        }
    }

    private static void alert(PolicySpec policy, SloAlert alert, List<Pattern> unused, Collector<Observation> out) {
        if (policy.signals().traceSlo().slos().contains(alert.slo())) {
            out.collect(new Observation(
                    policy.name(),
                    Signals.TRACE_SLO,
                    alert.cloudProvider(),
                    any(alert.cloudRegion()),
                    any(alert.tenant()),
                    alert.slo(),
                    alert.severity(),
                    "",
                    "",
                    alert.eventTimeMillis(),
                    alert.firing(),
                    alert.longBurnRate(),
                    1,
                    alert.longWindowMinutes() + "m/" + alert.shortWindowMinutes() + "m"));
        }
    }

    private static void probe(PolicySpec policy, ProbeResult probe, List<Pattern> unused, Collector<Observation> out) {
        String healthCheck = policy.signals().healthCheck();
        if (probe.probeName().equals(healthCheck)) {
            // a synthetic health check run against a cloud: a health result of the target, not of the prober
            out.collect(new Observation(
                    policy.name(),
                    Signals.HEALTH,
                    probe.targetCloudProvider(),
                    any(probe.targetCloudRegion()),
                    Observation.ANY,
                    healthCheck,
                    probe.resource().cloudProvider(),
                    "",
                    "",
                    probe.timeUnixNano() / 1_000_000L,
                    !probe.success(),
                    Double.NaN,
                    1,
                    ""));
        }
        if (probe.probeName().equals(policy.signals().probe().name())) {
            out.collect(new Observation(
                    policy.name(),
                    Signals.PROBES,
                    probe.targetCloudProvider(),
                    any(probe.targetCloudRegion()),
                    Observation.ANY,
                    probe.vantagePoint(),
                    probe.resource().cloudProvider(),
                    "",
                    "",
                    probe.timeUnixNano() / 1_000_000L,
                    !probe.success(),
                    probe.durationNanos() / 1e6,
                    1,
                    ""));
        }
    }

    private static void metric(
            PolicySpec policy, MetricSample sample, List<Pattern> unused, Collector<Observation> out) {
        long time = sample.timeUnixNano() / 1_000_000L;
        String healthCheck = policy.signals().healthCheck();
        if (healthCheck != null
                && (sample.name().equals(healthCheck)
                        || healthCheck.equals(sample.attributes().get(HEALTH_CHECK_ATTRIBUTE)))) {
            // a check reports 1 when healthy; anything lower (0, or a NaN from a broken exporter) is a failed check
            out.collect(observation(
                    policy, Signals.HEALTH, sample.resource(), healthCheck, time, !(sample.value() >= 1), Double.NaN));
        }
        List<GuardSpec> guards = new ArrayList<>(policy.signals().guards());
        GuardSpec lagGuard = policy.vetoes().lagGuard();
        if (lagGuard != null && guards.stream().noneMatch(g -> g.name().equals(lagGuard.name()))) {
            guards.add(lagGuard);
        }
        for (GuardSpec guard : guards) {
            if (sample.name().equals(guard.metric()) && matches(sample.attributes(), guard.attributes())) {
                boolean breach = (guard.above() != null && sample.value() > guard.above())
                        || (guard.below() != null && sample.value() < guard.below());
                out.collect(observation(
                        policy, Signals.GUARDS, sample.resource(), guard.name(), time, breach, sample.value()));
            }
        }
    }

    private static void log(PolicySpec policy, LogRecord log, List<Pattern> patterns, Collector<Observation> out) {
        if (patterns.isEmpty()) {
            return;
        }
        boolean matches = false;
        for (Pattern pattern : patterns) {
            matches |= pattern.matcher(log.body()).find();
            for (String value : log.attributes().values()) {
                matches |= pattern.matcher(value).find();
            }
        }
        out.collect(observation(
                policy,
                Signals.LOG_SIGNATURES,
                log.resource(),
                "",
                log.timeUnixNano() / 1_000_000L,
                matches,
                Double.NaN));
    }

    private static void span(PolicySpec policy, Span span, List<Pattern> unused, Collector<Observation> out) {
        List<String> dependencies = policy.signals().dependencies();
        if (span.kind() == SpanKind.CLIENT && !dependencies.isEmpty()) {
            String dependency = dependencyOf(span.attributes());
            if (dependency != null && dependencies.contains(dependency)) {
                out.collect(weighted(
                        observation(
                                policy,
                                Signals.DEPENDENCY,
                                span.resource(),
                                dependency,
                                span.endEpochMillis(),
                                span.failed(),
                                (span.endTimeUnixNano() - span.startTimeUnixNano()) / 1e6),
                        span.adjustedCount()));
            }
        }
        // a stage span speaks for its service's release whatever its kind: chained stages are often INTERNAL spans
        if (policy.vetoes().releaseCorrelation()
                && (span.kind() == SpanKind.SERVER || span.root() || span.inBusinessTransaction())) {
            out.collect(weighted(
                    observation(
                            policy,
                            Observation.RELEASE,
                            span.resource(),
                            span.resource().serviceName(),
                            span.endEpochMillis(),
                            span.failed(),
                            Double.NaN),
                    span.adjustedCount()));
        }
    }

    private static String dependencyOf(Map<String, String> attributes) {
        for (String key : DEPENDENCY_ATTRIBUTES) {
            String value = attributes.get(key);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static boolean matches(Map<String, String> attributes, Map<String, String> required) {
        for (Map.Entry<String, String> entry : required.entrySet()) {
            if (!entry.getValue().equals(attributes.get(entry.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static Observation observation(
            PolicySpec policy,
            String family,
            ResourceIdentity resource,
            String subject,
            long timeMillis,
            boolean bad,
            double value) {
        return new Observation(
                policy.name(),
                family,
                resource.cloudProvider(),
                any(resource.cloudRegion()),
                any(resource.tenantId()),
                subject,
                resource.cloudProvider(),
                resource.serviceName(),
                resource.serviceVersion(),
                timeMillis,
                bad,
                value,
                1,
                "");
    }

    private static Observation weighted(Observation o, double weight) {
        return new Observation(
                o.policy(),
                o.family(),
                o.cloud(),
                o.region(),
                o.tenant(),
                o.subject(),
                o.origin(),
                o.service(),
                o.version(),
                o.timeMillis(),
                o.bad(),
                o.value(),
                weight,
                o.windows());
    }

    private static String any(String value) {
        return value == null || value.isBlank() || value.equals(Conventions.UNKNOWN) || value.equals("*")
                ? Observation.ANY
                : value;
    }
}
