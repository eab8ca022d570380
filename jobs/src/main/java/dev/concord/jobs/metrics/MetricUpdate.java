package dev.concord.jobs.metrics;

import dev.concord.ingest.model.Span;
import dev.concord.jobs.Conventions;
import dev.concord.jobs.correlate.TransactionOutcome;
import dev.concord.jobs.decide.DecisionRecord;
import dev.concord.jobs.decide.DecisionTexts;
import dev.concord.jobs.decide.PolicyVerdict;
import dev.concord.jobs.slo.SloAlert;
import dev.concord.jobs.slo.SloSnapshot;
import dev.concord.jobs.slo.WindowBurn;
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
        return new MetricUpdate(
                Kind.SLO_SNAPSHOT,
                s.slo(),
                s.transaction(),
                s.cloudProvider(),
                s.cloudRegion(),
                s.tenant(),
                s.minuteEndEpochMillis(),
                s.objective(),
                s.periodSli(),
                s.budgetRemaining(),
                s.windows(),
                "",
                "",
                false,
                "",
                1,
                "",
                "",
                "",
                "",
                "",
                "",
                "");
    }

    public static MetricUpdate of(SloAlert a) {
        return new MetricUpdate(
                Kind.SLO_ALERT,
                a.slo(),
                a.transaction(),
                a.cloudProvider(),
                a.cloudRegion(),
                a.tenant(),
                a.eventTimeMillis(),
                0,
                0,
                a.budgetRemaining(),
                List.of(),
                a.severity(),
                Conventions.windowLabel(a.longWindowMinutes()) + "/" + Conventions.windowLabel(a.shortWindowMinutes()),
                a.firing(),
                "",
                1,
                "",
                "",
                "",
                "",
                "",
                "",
                "");
    }

    public static MetricUpdate of(TransactionOutcome o) {
        return new MetricUpdate(
                Kind.TRANSACTION,
                "",
                o.transaction(),
                o.cloudProvider(),
                o.cloudRegion(),
                o.tenant(),
                o.endEpochMillis(),
                0,
                0,
                0,
                List.of(),
                "",
                "",
                false,
                o.outcome() == null ? "unknown" : o.outcome().name().toLowerCase(Locale.ROOT),
                o.adjustedCount(),
                "",
                "",
                "",
                "",
                "",
                "",
                "");
    }

    public static MetricUpdate late(Span span) {
        return new MetricUpdate(
                Kind.LATE_SPAN,
                "",
                span.businessTransaction() == null ? "" : span.businessTransaction(),
                span.resource().cloudProvider(),
                span.resource().cloudRegion(),
                span.resource().tenantId(),
                span.endEpochMillis(),
                0,
                0,
                0,
                List.of(),
                "",
                "",
                false,
                "",
                1,
                "",
                "",
                "",
                "",
                "",
                "",
                "");
    }

    /** A decision's transition: its state at its policy and scope. */
    public static MetricUpdate of(DecisionRecord d) {
        return new MetricUpdate(
                Kind.DECISION,
                "",
                "",
                d.scope().cloud(),
                d.scope().region() == null ? "" : d.scope().region(),
                d.scope().tenant() == null ? "" : d.scope().tenant(),
                Instant.parse(d.eventTime()).toEpochMilli(),
                0,
                0,
                0,
                List.of(),
                "",
                "",
                false,
                "",
                1,
                d.policy(),
                d.domain(),
                lower(d.action().name()),
                DecisionTexts.scope(d.scope()),
                lower(d.state().name()),
                "",
                "");
    }

    public static MetricUpdate of(PolicyVerdict v) {
        return new MetricUpdate(
                Kind.VERDICT,
                "",
                "",
                v.cloud(),
                "",
                "",
                v.eventTimeMillis(),
                0,
                0,
                0,
                List.of(),
                "",
                "",
                false,
                "",
                1,
                v.policy(),
                v.domain(),
                "",
                "",
                "",
                v.family(),
                lower(v.verdict().name()));
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
