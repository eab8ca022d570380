package dev.concord.engine.correlate;

import dev.concord.ingest.model.Span;

/**
 * One span's part in a business transaction: which stage, where it ran, when, and whether it succeeded.
 *
 * @param root whether the span started its trace: a failed root means the request carrying the transaction failed
 * @param adjustedCount how many spans this sampled span stands for
 */
public record StageRecord(
        String stage,
        String spanId,
        String traceId,
        boolean root,
        String service,
        String serviceVersion,
        String cloudProvider,
        String cloudRegion,
        String tenant,
        long startEpochMillis,
        long endEpochMillis,
        boolean success,
        double adjustedCount) {

    public static StageRecord of(Span span) {
        return new StageRecord(
                span.businessTransactionStage(),
                span.spanId(),
                span.traceId(),
                span.root(),
                span.resource().serviceName(),
                span.resource().serviceVersion(),
                span.resource().cloudProvider(),
                span.resource().cloudRegion(),
                span.resource().tenantId(),
                span.startTimeUnixNano() / 1_000_000L,
                span.endEpochMillis(),
                !span.failed(),
                span.adjustedCount());
    }
}
