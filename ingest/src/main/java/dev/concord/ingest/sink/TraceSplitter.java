package dev.concord.ingest.sink;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a traces request into one request per trace id, each span keeping its resource and scope, as the
 * Collector's Kafka exporter does when it partitions traces by id.
 */
final class TraceSplitter {

    private TraceSplitter() {}

    static Map<ByteString, ExportTraceServiceRequest> byTraceId(ExportTraceServiceRequest request) {
        Map<ByteString, ExportTraceServiceRequest.Builder> traces = new LinkedHashMap<>();
        for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
            for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
                Map<ByteString, List<Span>> spansByTrace = new LinkedHashMap<>();
                for (Span span : scopeSpans.getSpansList()) {
                    spansByTrace
                            .computeIfAbsent(span.getTraceId(), id -> new ArrayList<>())
                            .add(span);
                }
                spansByTrace.forEach((traceId, spans) -> traces.computeIfAbsent(
                                traceId, id -> ExportTraceServiceRequest.newBuilder())
                        .addResourceSpans(ResourceSpans.newBuilder()
                                .setResource(resourceSpans.getResource())
                                .setSchemaUrl(resourceSpans.getSchemaUrl())
                                .addScopeSpans(ScopeSpans.newBuilder()
                                        .setScope(scopeSpans.getScope())
                                        .setSchemaUrl(scopeSpans.getSchemaUrl())
                                        .addAllSpans(spans))));
            }
        }
        Map<ByteString, ExportTraceServiceRequest> out = new LinkedHashMap<>();
        traces.forEach((id, builder) -> out.put(id, builder.build()));
        return out;
    }
}
