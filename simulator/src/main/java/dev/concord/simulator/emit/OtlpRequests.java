package dev.concord.simulator.emit;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.exporter.internal.marshal.Marshaler;
import io.opentelemetry.exporter.internal.otlp.logs.LogsRequestMarshaler;
import io.opentelemetry.exporter.internal.otlp.metrics.MetricsRequestMarshaler;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * SDK data as the OTLP request the SDK's own exporters would send, through the exporters' marshalers. The
 * marshalers group by resource in an identity map, whose order changes from run to run; marshalling one resource
 * at a time, in the order resources first appear, keeps requests byte for byte the same for a seed.
 */
final class OtlpRequests {

    private OtlpRequests() {}

    static ExportTraceServiceRequest traces(List<SpanData> spans) {
        ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
        for (List<SpanData> group : byResource(spans, SpanData::getResource)) {
            try {
                request.addAllResourceSpans(
                        ExportTraceServiceRequest.parseFrom(bytes(TraceRequestMarshaler.create(group)))
                                .getResourceSpansList());
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("the SDK's trace marshaler wrote what protobuf cannot read", e);
            }
        }
        return request.build();
    }

    static ExportLogsServiceRequest logs(List<LogRecordData> logs) {
        ExportLogsServiceRequest.Builder request = ExportLogsServiceRequest.newBuilder();
        for (List<LogRecordData> group : byResource(logs, LogRecordData::getResource)) {
            try {
                request.addAllResourceLogs(ExportLogsServiceRequest.parseFrom(bytes(LogsRequestMarshaler.create(group)))
                        .getResourceLogsList());
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("the SDK's log marshaler wrote what protobuf cannot read", e);
            }
        }
        return request.build();
    }

    static ExportMetricsServiceRequest metrics(List<MetricData> metrics) {
        ExportMetricsServiceRequest.Builder request = ExportMetricsServiceRequest.newBuilder();
        for (List<MetricData> group : byResource(metrics, MetricData::getResource)) {
            try {
                request.addAllResourceMetrics(
                        ExportMetricsServiceRequest.parseFrom(bytes(MetricsRequestMarshaler.create(group)))
                                .getResourceMetricsList());
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("the SDK's metric marshaler wrote what protobuf cannot read", e);
            }
        }
        return request.build();
    }

    private static <T> List<List<T>> byResource(List<T> items, Function<T, Resource> resource) {
        Map<Resource, List<T>> groups = new LinkedHashMap<>();
        for (T item : items) {
            groups.computeIfAbsent(resource.apply(item), r -> new ArrayList<>()).add(item);
        }
        return new ArrayList<>(groups.values());
    }

    private static byte[] bytes(Marshaler marshaler) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            marshaler.writeBinaryTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
