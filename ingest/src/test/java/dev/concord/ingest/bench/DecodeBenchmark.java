package dev.concord.ingest.bench;

import com.google.protobuf.ByteString;
import dev.concord.ingest.decode.CanonicalBatch;
import dev.concord.ingest.decode.DecodeLimits;
import dev.concord.ingest.decode.OtlpDecoder;
import dev.concord.ingest.otlp.MalformedOtlpException;
import dev.concord.ingest.otlp.OtlpJsonWriter;
import dev.concord.ingest.otlp.OtlpSignal;
import dev.concord.ingest.otlp.PayloadFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Decode throughput of a realistic OTLP traces request: 100 spans with the resource an SDK on Kubernetes in a cloud
 * sends and the attributes of HTTP server spans in a business transaction. One operation is one span: the request is
 * parsed, cleaned and mapped to canonical spans.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DecodeBenchmark {

    public static final int SPANS = 100;
    private static final long START = 1_767_604_200_000_000_000L;

    private OtlpDecoder decoder;
    private byte[] protobuf;
    private byte[] json;

    @Setup
    public void setUp() {
        decoder = new OtlpDecoder(
                Clock.fixed(Instant.ofEpochSecond(1_767_604_200L + 60), ZoneOffset.UTC), DecodeLimits.defaults());
        ExportTraceServiceRequest request = realisticRequest(new Random(42));
        protobuf = request.toByteArray();
        json = OtlpJsonWriter.toJson(request);
    }

    @Benchmark
    @OperationsPerInvocation(SPANS)
    public CanonicalBatch protobuf() throws MalformedOtlpException {
        return decoder.decode(OtlpSignal.TRACES, protobuf, protobuf.length, PayloadFormat.PROTOBUF);
    }

    @Benchmark
    @OperationsPerInvocation(SPANS)
    public CanonicalBatch json() throws MalformedOtlpException {
        return decoder.decode(OtlpSignal.TRACES, json, json.length, PayloadFormat.JSON);
    }

    public static ExportTraceServiceRequest realisticRequest(Random random) {
        Resource resource = Resource.newBuilder()
                .addAttributes(kv("service.name", "warehouse-api"))
                .addAttributes(kv("service.namespace", "fulfillment"))
                .addAttributes(kv("service.version", "1.4.2"))
                .addAttributes(kv("service.instance.id", "7f3c9a52-5d1e-4b8a-9f0e-2c4d6b8a1e3f"))
                .addAttributes(kv("cloud.provider", "aws"))
                .addAttributes(kv("cloud.region", "us-east-1"))
                .addAttributes(kv("cloud.availability_zone", "us-east-1b"))
                .addAttributes(kv("deployment.environment.name", "production"))
                .addAttributes(kv("k8s.namespace.name", "fulfillment"))
                .addAttributes(kv("k8s.pod.name", "warehouse-api-6d9f7c8b5-x2k4q"))
                .addAttributes(kv("host.name", "ip-10-0-12-34.ec2.internal"))
                .addAttributes(kv("telemetry.sdk.name", "opentelemetry"))
                .addAttributes(kv("telemetry.sdk.language", "java"))
                .addAttributes(kv("telemetry.sdk.version", "1.68.0"))
                .addAttributes(kv("tenant.id", "acme"))
                .build();
        ScopeSpans.Builder scope = ScopeSpans.newBuilder()
                .setScope(InstrumentationScope.newBuilder()
                        .setName("io.opentelemetry.tomcat-10.0")
                        .setVersion("2.20.0"));
        for (int i = 0; i < SPANS; i++) {
            byte[] traceId = new byte[16];
            byte[] spanId = new byte[8];
            byte[] parentId = new byte[8];
            random.nextBytes(traceId);
            random.nextBytes(spanId);
            random.nextBytes(parentId);
            long start = START + i * 1_000_000L;
            scope.addSpans(Span.newBuilder()
                    .setTraceId(ByteString.copyFrom(traceId))
                    .setSpanId(ByteString.copyFrom(spanId))
                    .setParentSpanId(i % 5 == 0 ? ByteString.EMPTY : ByteString.copyFrom(parentId))
                    .setTraceState(i % 2 == 0 ? "ot=th:8" : "")
                    .setName(i % 3 == 0 ? "POST /reservations" : "GET /stock/{sku}")
                    .setKind(Span.SpanKind.SPAN_KIND_SERVER)
                    .setStartTimeUnixNano(start)
                    .setEndTimeUnixNano(start + 12_345_678L)
                    .addAttributes(kv("http.request.method", i % 3 == 0 ? "POST" : "GET"))
                    .addAttributes(kv("url.path", "/stock/SKU-" + (100_000 + i)))
                    .addAttributes(kv("url.scheme", "https"))
                    .addAttributes(kv("http.route", "/stock/{sku}"))
                    .addAttributes(KeyValue.newBuilder()
                            .setKey("http.response.status_code")
                            .setValue(AnyValue.newBuilder().setIntValue(i % 10 == 0 ? 503 : 200)))
                    .addAttributes(kv("server.address", "warehouse-api.fulfillment.svc"))
                    .addAttributes(kv("user_agent.original", "Apache-HttpClient/5.3 (Java/17.0.15)"))
                    .addAttributes(kv("business.transaction", "order-to-fulfillment"))
                    .addAttributes(kv("business.transaction.id", "order-" + (4_200_000 + i)))
                    .addAttributes(kv("business.transaction.stage", "warehouse-reservation"))
                    .setStatus(Status.newBuilder()
                            .setCode(
                                    i % 10 == 0
                                            ? Status.StatusCode.STATUS_CODE_ERROR
                                            : Status.StatusCode.STATUS_CODE_UNSET)));
        }
        return ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(
                        ResourceSpans.newBuilder().setResource(resource).addScopeSpans(scope))
                .build();
    }

    private static KeyValue kv(String key, String value) {
        return KeyValue.newBuilder()
                .setKey(key)
                .setValue(AnyValue.newBuilder().setStringValue(value))
                .build();
    }
}
