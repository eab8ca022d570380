package dev.concord.ingest.receiver.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.ByteString;
import com.google.rpc.RetryInfo;
import dev.concord.ingest.decode.DecodeLimits;
import dev.concord.ingest.decode.OtlpDecoder;
import dev.concord.ingest.model.Span;
import dev.concord.ingest.receiver.Admission;
import dev.concord.ingest.receiver.Authenticator;
import dev.concord.ingest.receiver.Ingestor;
import dev.concord.ingest.receiver.ReceiverMetrics;
import dev.concord.ingest.receiver.RecordingSink;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SDK's OTLP/gRPC exporter is the client; a raw stub checks the status details the SDK hides. */
class OtlpGrpcReceiverTest {

    private static final String TOKEN = "grpc-token";

    @TempDir
    Path dir;

    private final RecordingSink sink = new RecordingSink();
    private OtlpGrpcReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        Path tokens = dir.resolve("tokens");
        Files.writeString(
                tokens,
                "acme sha256:"
                        + HexFormat.of()
                                .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                        .digest(TOKEN.getBytes(StandardCharsets.UTF_8))));
        Admission admission = new Admission(2);
        ReceiverMetrics metrics = new ReceiverMetrics(new PrometheusRegistry(), admission);
        receiver = OtlpGrpcReceiver.start(
                "127.0.0.1",
                0,
                1 << 20,
                2,
                Duration.ofSeconds(2),
                new Ingestor(
                        new OtlpDecoder(Clock.systemUTC(), DecodeLimits.defaults()),
                        sink,
                        metrics,
                        Duration.ofSeconds(2)),
                Authenticator.fromTokensFile(tokens, Clock.systemUTC(), Duration.ofSeconds(5)),
                admission,
                metrics,
                java.util.Optional.empty());
    }

    @AfterEach
    void stop() {
        receiver.close();
        sink.close();
    }

    private SdkTracerProvider tracers(String token) {
        return SdkTracerProvider.builder()
                .setResource(Resource.create(Attributes.builder()
                        .put("service.name", "order-api")
                        .put("tenant.id", "globex")
                        .build()))
                .addSpanProcessor(SimpleSpanProcessor.create(OtlpGrpcSpanExporter.builder()
                        .setEndpoint("http://127.0.0.1:" + receiver.port())
                        .addHeader("authorization", "Bearer " + token)
                        .setRetryPolicy(null)
                        .build()))
                .build();
    }

    @Test
    void spansSentByTheSdkGrpcExporterArriveWithTheTokensTenant() {
        try (SdkTracerProvider tracers = tracers(TOKEN)) {
            var span = tracers.get("t").spanBuilder("POST /orders").startSpan();
            span.end();
            assertThat(tracers.forceFlush().join(10, TimeUnit.SECONDS).isSuccess())
                    .isTrue();

            List<Span> spans = sink.written().stream()
                    .flatMap(r -> OtlpDecoder.toCanonical(r).spans().stream())
                    .toList();
            assertThat(spans).singleElement().satisfies(s -> {
                assertThat(s.spanId()).isEqualTo(span.getSpanContext().getSpanId());
                assertThat(s.resource().tenantId()).isEqualTo("acme");
            });
        }
    }

    @Test
    void theSdkGrpcExporterFailsWithoutAValidToken() {
        try (SdkTracerProvider tracers = tracers("wrong")) {
            tracers.get("t").spanBuilder("x").startSpan().end();

            assertThat(tracers.forceFlush().join(10, TimeUnit.SECONDS).isSuccess())
                    .isFalse();
            assertThat(sink.written()).isEmpty();
        }
    }

    @Test
    void aSinkThatFailsIsUnavailableWithRetryInfo() {
        sink.mode(RecordingSink.Mode.FAIL);
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", receiver.port())
                .usePlaintext()
                .build();
        try {
            Metadata headers = new Metadata();
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + TOKEN);
            var stub = TraceServiceGrpc.newBlockingStub(channel)
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
            long now = System.currentTimeMillis() * 1_000_000L;
            ExportTraceServiceRequest request = ExportTraceServiceRequest.newBuilder()
                    .addResourceSpans(ResourceSpans.newBuilder()
                            .addScopeSpans(ScopeSpans.newBuilder()
                                    .addSpans(io.opentelemetry.proto.trace.v1.Span.newBuilder()
                                            .setTraceId(ByteString.copyFrom(
                                                    HexFormat.of().parseHex("5b8efff798038103d269b633813fc60c")))
                                            .setSpanId(ByteString.copyFrom(
                                                    HexFormat.of().parseHex("eee19b7ec3c1b174")))
                                            .setStartTimeUnixNano(now)
                                            .setEndTimeUnixNano(now))))
                    .build();

            StatusRuntimeException error =
                    catchThrowableOfType(StatusRuntimeException.class, () -> stub.export(request));

            assertThat(error.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.UNAVAILABLE);
            com.google.rpc.Status details = StatusProto.fromThrowable(error);
            assertThat(details.getDetailsList())
                    .singleElement()
                    .satisfies(any -> assertThat(
                                    any.unpack(RetryInfo.class).getRetryDelay().getSeconds())
                            .isEqualTo(2));
        } finally {
            channel.shutdownNow();
        }
    }
}
