package dev.concord.ingest.decode;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;

/** Named instants and small OTLP builders, so each test reads as the request it sends. */
final class OtlpSamples {

    static final long START_NANOS = 1_767_604_200_000_000_000L;
    static final Clock NOW = Clock.fixed(Instant.ofEpochSecond(1_767_604_200L + 600), ZoneOffset.UTC);
    static final String TRACE_ID = "5b8efff798038103d269b633813fc60c";
    static final String SPAN_ID = "eee19b7ec3c1b174";

    private OtlpSamples() {}

    static KeyValue attribute(String key, String value) {
        return KeyValue.newBuilder()
                .setKey(key)
                .setValue(AnyValue.newBuilder().setStringValue(value))
                .build();
    }

    static Resource resource(KeyValue... attributes) {
        Resource.Builder resource = Resource.newBuilder();
        for (KeyValue attribute : attributes) {
            resource.addAttributes(attribute);
        }
        return resource.build();
    }

    static Resource warehouseInAws() {
        return resource(
                attribute("service.name", "warehouse-api"),
                attribute("cloud.provider", "aws"),
                attribute("cloud.region", "us-east-1"),
                attribute("tenant.id", "acme"));
    }

    static Span.Builder span(String name) {
        return Span.newBuilder()
                .setTraceId(ByteString.copyFrom(HexFormat.of().parseHex(TRACE_ID)))
                .setSpanId(ByteString.copyFrom(HexFormat.of().parseHex(SPAN_ID)))
                .setName(name)
                .setKind(Span.SpanKind.SPAN_KIND_SERVER)
                .setStartTimeUnixNano(START_NANOS)
                .setEndTimeUnixNano(START_NANOS + 250_000_000L)
                .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_OK));
    }

    static ExportTraceServiceRequest traces(Resource resource, Span.Builder... spans) {
        ScopeSpans.Builder scope = ScopeSpans.newBuilder();
        for (Span.Builder span : spans) {
            scope.addSpans(span);
        }
        return ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(
                        ResourceSpans.newBuilder().setResource(resource).addScopeSpans(scope))
                .build();
    }

    static byte[] resourceBytes(String name) {
        try (InputStream in = OtlpSamples.class.getResourceAsStream("/otlp/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
