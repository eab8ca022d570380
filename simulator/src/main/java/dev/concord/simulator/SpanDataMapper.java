package dev.concord.simulator;

import dev.concord.ingest.Conventions;
import dev.concord.ingest.model.ResourceIdentity;
import dev.concord.ingest.model.Span;
import dev.concord.ingest.model.SpanKind;
import dev.concord.ingest.model.StatusCode;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.HashMap;
import java.util.Map;

/** Turns what the OpenTelemetry SDK exports into Concord's canonical span. */
final class SpanDataMapper {

    private SpanDataMapper() {}

    static Span toSpan(SpanData data) {
        Map<String, String> attributes = flatten(data.getAttributes());
        String transaction = attributes.remove(Conventions.BUSINESS_TRANSACTION);
        String transactionId = attributes.remove(Conventions.BUSINESS_TRANSACTION_ID);
        String stage = attributes.remove(Conventions.BUSINESS_TRANSACTION_STAGE);
        return new Span(
                ResourceIdentity.fromAttributes(flatten(data.getResource().getAttributes())),
                data.getTraceId(),
                data.getSpanId(),
                data.getParentSpanContext().isValid() ? data.getParentSpanId() : "",
                data.getName(),
                kind(data.getKind()),
                data.getStartEpochNanos(),
                data.getEndEpochNanos(),
                status(data.getStatus().getStatusCode()),
                data.getStatus().getDescription(),
                transaction,
                transactionId,
                stage,
                attributes,
                1.0);
    }

    private static Map<String, String> flatten(Attributes attributes) {
        Map<String, String> flat = new HashMap<>();
        attributes.forEach((key, value) -> flat.put(key.getKey(), String.valueOf(value)));
        return flat;
    }

    private static SpanKind kind(io.opentelemetry.api.trace.SpanKind kind) {
        return switch (kind) {
            case INTERNAL -> SpanKind.INTERNAL;
            case SERVER -> SpanKind.SERVER;
            case CLIENT -> SpanKind.CLIENT;
            case PRODUCER -> SpanKind.PRODUCER;
            case CONSUMER -> SpanKind.CONSUMER;
        };
    }

    private static StatusCode status(io.opentelemetry.api.trace.StatusCode code) {
        return switch (code) {
            case UNSET -> StatusCode.UNSET;
            case OK -> StatusCode.OK;
            case ERROR -> StatusCode.ERROR;
        };
    }
}
