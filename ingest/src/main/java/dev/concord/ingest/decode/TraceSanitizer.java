package dev.concord.ingest.decode;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Rejects spans that cannot be right (bad ids, impossible times) and trims the rest to the limits. */
final class TraceSanitizer {

    private final AttributeSanitizer attributes;
    private final ResourceSanitizer resources;
    private final TimeChecks times;

    TraceSanitizer(AttributeSanitizer attributes, TimeChecks times) {
        this.attributes = attributes;
        this.resources = new ResourceSanitizer(attributes);
        this.times = times;
    }

    ExportTraceServiceRequest sanitize(
            ExportTraceServiceRequest request, Optional<String> tenant, DecodeReport report) {
        long latest = times.latestAcceptableNanos();
        ExportTraceServiceRequest.Builder out = ExportTraceServiceRequest.newBuilder();
        for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
            ResourceSpans.Builder resourceOut = ResourceSpans.newBuilder().setSchemaUrl(resourceSpans.getSchemaUrl());
            int kept = 0;
            for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
                List<Span> spans = new ArrayList<>(scopeSpans.getSpansCount());
                for (Span span : scopeSpans.getSpansList()) {
                    Span clean = sanitize(span, latest, report);
                    if (clean != null) {
                        spans.add(clean);
                    }
                }
                if (!spans.isEmpty()) {
                    resourceOut.addScopeSpans(
                            scopeSpans.toBuilder().clearSpans().addAllSpans(spans));
                    kept += spans.size();
                }
            }
            if (kept > 0) {
                resourceOut.setResource(resources.sanitize(resourceSpans.getResource(), tenant, kept, report));
                out.addResourceSpans(resourceOut);
            }
        }
        return out.build();
    }

    private Span sanitize(Span span, long latestNanos, DecodeReport report) {
        if (span.getTraceId().size() != 16
                || span.getSpanId().size() != 8
                || (span.getParentSpanId().size() != 0 && span.getParentSpanId().size() != 8)) {
            report.reject(
                    RejectReason.INVALID_ID,
                    "span '" + span.getName()
                            + "' has a trace id that is not 16 bytes or a span id that is not 8 bytes");
            return null;
        }
        if (span.getEndTimeUnixNano() < span.getStartTimeUnixNano()) {
            report.reject(RejectReason.END_BEFORE_START, "span '" + span.getName() + "' ends before it starts");
            return null;
        }
        if (span.getStartTimeUnixNano() > latestNanos || span.getEndTimeUnixNano() > latestNanos) {
            report.reject(
                    RejectReason.FUTURE_TIMESTAMP,
                    "span '" + span.getName() + "' has a timestamp more than the allowed skew in the future");
            return null;
        }
        report.accept();
        List<io.opentelemetry.proto.common.v1.KeyValue> in = span.getAttributesList();
        List<io.opentelemetry.proto.common.v1.KeyValue> trimmed = attributes.trim(in, report);
        if (trimmed == in) {
            return span;
        }
        return span.toBuilder()
                .clearAttributes()
                .addAllAttributes(trimmed)
                .setDroppedAttributesCount(span.getDroppedAttributesCount() + attributes.dropped(in.size()))
                .build();
    }
}
