package dev.concord.outputs.prometheus;

import dev.concord.engine.correlate.TransactionOutcome;
import dev.concord.engine.decide.DecisionRecord;
import dev.concord.engine.decide.DecisionTexts;
import dev.concord.engine.decide.PolicyVerdict;
import dev.concord.engine.slo.SloAlert;
import dev.concord.engine.slo.SloSnapshot;
import dev.concord.engine.slo.WindowBurn;
import dev.concord.ingest.model.Span;
import dev.concord.outputs.Conventions;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One change to Concord's metrics, from any of the job's outputs: the one type the single exporter subtask receives.
 * Flat on purpose (Flink serializes it as a POJO); fields a kind does not use are empty or zero.
 */
public record MetricUpdate(
        Kind kind,
        String slo,
        String transaction,
        String cloud,
        String region,
        String tenant,
        long eventTimeMillis,
        double objective,
        double periodSli,
        double budgetRemaining,
        List<WindowBurn> windows,
        String severity,
        String window,
        boolean firing,
        String outcome,
        double count,
        String policy,
        String domain,
        String action,
        String scope,
        String state,
        String family,
        String verdict) {

    public enum Kind {
        SLO_SNAPSHOT,
        SLO_ALERT,
        TRANSACTION,
        LATE_SPAN,
        DECISION,
        VERDICT
    }

    public MetricUpdate {
        windows = List.copyOf(windows);
    }

    public static MetricUpdate of(SloSnapshot s) {
        Builder b = new Builder(Kind.SLO_SNAPSHOT, s.minuteEndEpochMillis())
                .where(s.slo(), s.transaction(), s.cloudProvider(), s.cloudRegion(), s.tenant());
        b.objective = s.objective();
        b.periodSli = s.periodSli();
        b.budgetRemaining = s.budgetRemaining();
        b.windows = s.windows();
        return b.build();
    }

    public static MetricUpdate of(SloAlert a) {
        Builder b = new Builder(Kind.SLO_ALERT, a.eventTimeMillis())
                .where(a.slo(), a.transaction(), a.cloudProvider(), a.cloudRegion(), a.tenant());
        b.budgetRemaining = a.budgetRemaining();
        b.severity = a.severity();
        b.window =
                Conventions.windowLabel(a.longWindowMinutes()) + "/" + Conventions.windowLabel(a.shortWindowMinutes());
        b.firing = a.firing();
        return b.build();
    }

    public static MetricUpdate of(TransactionOutcome o) {
        Builder b = new Builder(Kind.TRANSACTION, o.endEpochMillis())
                .where("", o.transaction(), o.cloudProvider(), o.cloudRegion(), o.tenant());
        b.outcome = o.outcome() == null ? "unknown" : lower(o.outcome().name());
        b.count = o.adjustedCount();
        return b.build();
    }

    public static MetricUpdate late(Span span) {
        return new Builder(Kind.LATE_SPAN, span.endEpochMillis())
                .where(
                        "",
                        orEmpty(span.businessTransaction()),
                        span.resource().cloudProvider(),
                        span.resource().cloudRegion(),
                        span.resource().tenantId())
                .build();
    }

    /** A decision's transition: its state at its policy and scope. */
    public static MetricUpdate of(DecisionRecord d) {
        Builder b = new Builder(Kind.DECISION, Instant.parse(d.eventTime()).toEpochMilli())
                .where(
                        "",
                        "",
                        d.scope().cloud(),
                        orEmpty(d.scope().region()),
                        orEmpty(d.scope().tenant()));
        b.policy = d.policy();
        b.domain = d.domain();
        b.action = lower(d.action().name());
        b.scope = DecisionTexts.scope(d.scope());
        b.state = lower(d.state().name());
        return b.build();
    }

    public static MetricUpdate of(PolicyVerdict v) {
        Builder b = new Builder(Kind.VERDICT, v.eventTimeMillis()).where("", "", v.cloud(), "", "");
        b.policy = v.policy();
        b.domain = v.domain();
        b.family = v.family();
        b.verdict = lower(v.verdict().name());
        return b.build();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** Every field a kind does not set stays empty, zero or false. */
    private static final class Builder {
        private final Kind kind;
        private final long eventTimeMillis;
        private String slo = "";
        private String transaction = "";
        private String cloud = "";
        private String region = "";
        private String tenant = "";
        private double objective;
        private double periodSli;
        private double budgetRemaining;
        private List<WindowBurn> windows = List.of();
        private String severity = "";
        private String window = "";
        private boolean firing;
        private String outcome = "";
        private double count = 1;
        private String policy = "";
        private String domain = "";
        private String action = "";
        private String scope = "";
        private String state = "";
        private String family = "";
        private String verdict = "";

        private Builder(Kind kind, long eventTimeMillis) {
            this.kind = kind;
            this.eventTimeMillis = eventTimeMillis;
        }

        private Builder where(String slo, String transaction, String cloud, String region, String tenant) {
            this.slo = slo;
            this.transaction = transaction;
            this.cloud = cloud;
            this.region = region;
            this.tenant = tenant;
            return this;
        }

        private MetricUpdate build() {
            return new MetricUpdate(
                    kind,
                    slo,
                    transaction,
                    cloud,
                    region,
                    tenant,
                    eventTimeMillis,
                    objective,
                    periodSli,
                    budgetRemaining,
                    windows,
                    severity,
                    window,
                    firing,
                    outcome,
                    count,
                    policy,
                    domain,
                    action,
                    scope,
                    state,
                    family,
                    verdict);
        }
    }
}
