package dev.concord.ingest.model;

import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * One span of a trace, with its resource flattened onto it and Concord's business-transaction attributes lifted out
 * of the attribute map. Ids are lowercase hex, as in W3C trace context. Times are Unix epoch nanoseconds.
 *
 * @param parentSpanId empty for a root span
 * @param businessTransaction {@code business.transaction}, or empty when the span belongs to none
 * @param businessTransactionId {@code business.transaction.id}, or empty
 * @param businessTransactionStage {@code business.transaction.stage}, or empty
 * @param attributes the remaining span attributes and the resource attributes that are not part of the identity,
 *     values rendered as strings (a span attribute wins over a resource attribute of the same name)
 * @param adjustedCount how many spans of the original population this sampled span stands for: 1 when unsampled,
 *     2 at 50 % sampling; SLIs sum it instead of counting spans
 */
@TypeInfo(SpanTypeInfo.Factory.class)
public record Span(
        ResourceIdentity resource,
        String traceId,
        String spanId,
        String parentSpanId,
        String name,
        SpanKind kind,
        long startTimeUnixNano,
        long endTimeUnixNano,
        StatusCode status,
        String statusMessage,
        String businessTransaction,
        String businessTransactionId,
        String businessTransactionStage,
        Map<String, String> attributes,
        double adjustedCount) {

    public Span {
        parentSpanId = parentSpanId == null ? "" : parentSpanId;
        statusMessage = statusMessage == null ? "" : statusMessage;
        businessTransaction = businessTransaction == null ? "" : businessTransaction;
        businessTransactionId = businessTransactionId == null ? "" : businessTransactionId;
        businessTransactionStage = businessTransactionStage == null ? "" : businessTransactionStage;
        // the decoders' maps are immutable already; copying them was a large part of decoding a span
        attributes = attributes == null
                ? Map.of()
                : attributes instanceof AttributeMap ? attributes : Map.copyOf(attributes);
        if (!(adjustedCount >= 1.0) || Double.isInfinite(adjustedCount)) {
            // a sampled span stands for at least itself; anything else is a decoding bug, never telemetry
            throw new IllegalArgumentException("adjustedCount must be a finite number >= 1, got " + adjustedCount);
        }
    }

    /** True for the first span of a trace. */
    public boolean root() {
        return parentSpanId.isEmpty();
    }

    /** True when the span carries a business transaction. */
    public boolean inBusinessTransaction() {
        return !businessTransaction.isEmpty();
    }

    /** True when the span's status is {@link StatusCode#ERROR}. */
    public boolean failed() {
        return status == StatusCode.ERROR;
    }

    /** End time in epoch milliseconds: event time for Flink. */
    public long endEpochMillis() {
        return endTimeUnixNano / 1_000_000L;
    }
}
