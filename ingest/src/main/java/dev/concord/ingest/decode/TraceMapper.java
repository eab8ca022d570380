package dev.concord.ingest.decode;

import dev.concord.ingest.Conventions;
import dev.concord.ingest.model.ProbeResult;
import dev.concord.ingest.model.Span;
import dev.concord.ingest.model.SpanKind;
import dev.concord.ingest.model.StatusCode;
import dev.concord.ingest.otlp.HexIds;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.List;
import java.util.Map;

/**
 * Maps spans to canonical spans, and synthetic probe runs (spans with {@code user_agent.synthetic.type} test or bot
 * and a {@code synthetic.probe.name}) to probe results instead, so a prober's own span never counts as user traffic.
 */
final class TraceMapper {

    private TraceMapper() {}

    static void map(ExportTraceServiceRequest request, List<Span> spans, List<ProbeResult> probes) {
        for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
            FlatResource resource = FlatResource.of(resourceSpans.getResource());
            for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
                for (io.opentelemetry.proto.trace.v1.Span span : scopeSpans.getSpansList()) {
                    Map<String, String> attributes = resource.with(span.getAttributesList());
                    if (isProbe(attributes)) {
                        probes.add(probe(resource, span, attributes));
                    } else {
                        spans.add(span(resource, span, attributes));
                    }
                }
            }
        }
    }

    private static boolean isProbe(Map<String, String> attributes) {
        String type = attributes.get(Conventions.USER_AGENT_SYNTHETIC_TYPE);
        return (Conventions.SYNTHETIC_TYPE_TEST.equals(type) || Conventions.SYNTHETIC_TYPE_BOT.equals(type))
                && attributes.containsKey(Conventions.SYNTHETIC_PROBE_NAME);
    }

    private static Span span(
            FlatResource resource, io.opentelemetry.proto.trace.v1.Span span, Map<String, String> attributes) {
        String transaction = attributes.remove(Conventions.BUSINESS_TRANSACTION);
        String transactionId = attributes.remove(Conventions.BUSINESS_TRANSACTION_ID);
        String stage = attributes.remove(Conventions.BUSINESS_TRANSACTION_STAGE);
        return new Span(
                resource.identity(),
                HexIds.toHex(span.getTraceId()),
                HexIds.toHex(span.getSpanId()),
                HexIds.toHex(span.getParentSpanId()),
                span.getName(),
                kind(span.getKindValue()),
                span.getStartTimeUnixNano(),
                span.getEndTimeUnixNano(),
                status(span.getStatus()),
                span.getStatus().getMessage(),
                transaction,
                transactionId,
                stage,
                attributes,
                AdjustedCount.of(span.getTraceState(), span.getAttributesList()));
    }

    private static ProbeResult probe(
            FlatResource resource, io.opentelemetry.proto.trace.v1.Span span, Map<String, String> attributes) {
        return new ProbeResult(
                resource.identity(),
                span.getStartTimeUnixNano(),
                attributes.get(Conventions.SYNTHETIC_PROBE_NAME),
                attributes.getOrDefault(Conventions.SYNTHETIC_VANTAGE_POINT, Conventions.UNKNOWN),
                attributes.getOrDefault(Conventions.SYNTHETIC_TARGET_CLOUD_PROVIDER, Conventions.UNKNOWN),
                attributes.getOrDefault(Conventions.SYNTHETIC_TARGET_CLOUD_REGION, Conventions.UNKNOWN),
                attributes.get(Conventions.BUSINESS_TRANSACTION),
                span.getStatus().getCode() != Status.StatusCode.STATUS_CODE_ERROR,
                span.getEndTimeUnixNano() - span.getStartTimeUnixNano(),
                attributes.get(Conventions.SYNTHETIC_PROBE_FAILED_STEP));
    }

    private static SpanKind kind(int number) {
        SpanKind[] kinds = SpanKind.values();
        return number >= 0 && number < kinds.length ? kinds[number] : SpanKind.UNSPECIFIED;
    }

    private static StatusCode status(Status status) {
        return switch (status.getCodeValue()) {
            case 1 -> StatusCode.OK;
            case 2 -> StatusCode.ERROR;
            default -> StatusCode.UNSET;
        };
    }
}
