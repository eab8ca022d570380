package dev.concord.engine.testing;

import com.google.protobuf.ByteString;
import dev.concord.ingest.Conventions;
import dev.concord.ingest.model.LogRecord;
import dev.concord.ingest.model.ResourceIdentity;
import dev.concord.ingest.model.Span;
import dev.concord.ingest.otlp.OtlpJsonWriter;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Status;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes canonical spans back as the Collector's file exporter would: one OTLP/JSON export request per line. */
public final class OtlpRecording {

    private OtlpRecording() {}

    /** One line holding the given spans, grouped by resource. */
    public static String line(List<Span> spans) {
        return new String(OtlpJsonWriter.toJson(request(spans)), StandardCharsets.UTF_8);
    }

    /** The spans as one OTLP export request, grouped by resource. */
    public static ExportTraceServiceRequest request(List<Span> spans) {
        Map<ResourceIdentity, ScopeSpans.Builder> byResource = new LinkedHashMap<>();
        for (Span span : spans) {
            byResource
                    .computeIfAbsent(span.resource(), r -> ScopeSpans.newBuilder())
                    .addSpans(proto(span));
        }
        ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
        byResource.forEach((resource, scope) -> request.addResourceSpans(
                ResourceSpans.newBuilder().setResource(resource(resource)).addScopeSpans(scope)));
        return request.build();
    }

    /** One line holding the given log records, grouped by resource. */
    public static String logLine(List<LogRecord> logs) {
        Map<ResourceIdentity, ScopeLogs.Builder> byResource = new LinkedHashMap<>();
        for (LogRecord log : logs) {
            byResource
                    .computeIfAbsent(log.resource(), r -> ScopeLogs.newBuilder())
                    .addLogRecords(io.opentelemetry.proto.logs.v1.LogRecord.newBuilder()
                            .setTimeUnixNano(log.timeUnixNano())
                            .setObservedTimeUnixNano(log.observedTimeUnixNano())
                            .setSeverityNumberValue(log.severityNumber())
                            .setSeverityText(log.severityText())
                            .setBody(AnyValue.newBuilder().setStringValue(log.body()))
                            .setTraceId(hex(log.traceId()))
                            .setSpanId(hex(log.spanId())));
        }
        ExportLogsServiceRequest.Builder request = ExportLogsServiceRequest.newBuilder();
        byResource.forEach((resource, scope) -> request.addResourceLogs(
                ResourceLogs.newBuilder().setResource(resource(resource)).addScopeLogs(scope)));
        return new String(OtlpJsonWriter.toJson(request), StandardCharsets.UTF_8);
    }

    private static io.opentelemetry.proto.trace.v1.Span proto(Span span) {
        io.opentelemetry.proto.trace.v1.Span.Builder proto = io.opentelemetry.proto.trace.v1.Span.newBuilder()
                .setTraceId(hex(span.traceId()))
                .setSpanId(hex(span.spanId()))
                .setName(span.name())
                .setKindValue(span.kind().ordinal())
                .setStartTimeUnixNano(span.startTimeUnixNano())
                .setEndTimeUnixNano(span.endTimeUnixNano())
                .setStatus(Status.newBuilder()
                        .setCodeValue(span.status().ordinal())
                        .setMessage(span.statusMessage()))
                .addAttributes(attribute(Conventions.BUSINESS_TRANSACTION, span.businessTransaction()))
                .addAttributes(attribute(Conventions.BUSINESS_TRANSACTION_ID, span.businessTransactionId()))
                .addAttributes(attribute(Conventions.BUSINESS_TRANSACTION_STAGE, span.businessTransactionStage()));
        if (!span.parentSpanId().isEmpty()) {
            proto.setParentSpanId(hex(span.parentSpanId()));
        }
        span.attributes().forEach((key, value) -> proto.addAttributes(attribute(key, value)));
        return proto.build();
    }

    private static Resource resource(ResourceIdentity identity) {
        return Resource.newBuilder()
                .addAttributes(attribute(Conventions.SERVICE_NAME, identity.serviceName()))
                .addAttributes(attribute(Conventions.SERVICE_VERSION, identity.serviceVersion()))
                .addAttributes(attribute(Conventions.CLOUD_PROVIDER, identity.cloudProvider()))
                .addAttributes(attribute(Conventions.CLOUD_REGION, identity.cloudRegion()))
                .addAttributes(attribute(Conventions.DEPLOYMENT_ENVIRONMENT_NAME, identity.deploymentEnvironment()))
                .addAttributes(attribute(Conventions.TENANT_ID, identity.tenantId()))
                .build();
    }

    private static KeyValue attribute(String key, String value) {
        return KeyValue.newBuilder()
                .setKey(key)
                .setValue(AnyValue.newBuilder().setStringValue(value))
                .build();
    }

    private static ByteString hex(String id) {
        return ByteString.copyFrom(HexFormat.of().parseHex(id));
    }
}
