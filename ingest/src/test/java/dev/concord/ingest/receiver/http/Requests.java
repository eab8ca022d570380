package dev.concord.ingest.receiver.http;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HexFormat;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPOutputStream;

/** Request bodies for the receiver tests, built with the OTLP builders. */
final class Requests {

    static final String PROTOBUF = "application/x-protobuf";
    static final String JSON = "application/json";

    private Requests() {}

    static KeyValue attribute(String key, String value) {
        return KeyValue.newBuilder()
                .setKey(key)
                .setValue(AnyValue.newBuilder().setStringValue(value))
                .build();
    }

    static Span.Builder span(String name) {
        long now = System.currentTimeMillis() * 1_000_000L;
        return Span.newBuilder()
                .setTraceId(ByteString.copyFrom(HexFormat.of().parseHex("5b8efff798038103d269b633813fc60c")))
                .setSpanId(ByteString.copyFrom(HexFormat.of().parseHex("eee19b7ec3c1b174")))
                .setName(name)
                .setStartTimeUnixNano(now - 1_000_000L)
                .setEndTimeUnixNano(now);
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

    static Resource resource(KeyValue... attributes) {
        Resource.Builder resource = Resource.newBuilder();
        for (KeyValue attribute : attributes) {
            resource.addAttributes(attribute);
        }
        return resource.build();
    }

    static Resource service(String name) {
        return resource(attribute("service.name", name));
    }

    static byte[] oneSpan(UnaryOperator<Span.Builder> change) {
        return traces(service("checkout"), change.apply(span("POST /orders"))).toByteArray();
    }

    static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Far more zeros than the limit, compressed to a small fraction of it. */
    static byte[] gzipBomb(int uncompressedBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            byte[] zeros = new byte[1 << 20];
            for (int written = 0; written < uncompressedBytes; written += zeros.length) {
                gzip.write(zeros);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
