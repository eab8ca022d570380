package dev.concord.jobs.metrics;

import dev.concord.ingest.model.Span;
import dev.concord.jobs.Conventions;
import dev.concord.jobs.correlate.TransactionOutcome;
import dev.concord.jobs.slo.SloAlert;
import dev.concord.jobs.slo.SloSnapshot;
import dev.concord.jobs.slo.WindowBurn;
import java.util.List;

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
        double count) {

    public enum Kind {
        SLO_SNAPSHOT,
        SLO_ALERT,
        TRANSACTION,
        LATE_SPAN
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
                1);
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
                1);
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
                o.outcome() == null ? "unknown" : o.outcome().name().toLowerCase(java.util.Locale.ROOT),
                o.adjustedCount());
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
                1);
    }
}
