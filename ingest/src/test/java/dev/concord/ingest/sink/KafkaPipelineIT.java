package dev.concord.ingest.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.ingest.Conventions;
import dev.concord.ingest.decode.DecodeLimits;
import dev.concord.ingest.decode.OtlpDecoder;
import dev.concord.ingest.model.LogRecord;
import dev.concord.ingest.model.MetricSample;
import dev.concord.ingest.model.ResourceIdentity;
import dev.concord.ingest.model.Span;
import dev.concord.ingest.model.SpanKind;
import dev.concord.ingest.model.StatusCode;
import dev.concord.ingest.otlp.OtlpSignal;
import dev.concord.ingest.otlp.PayloadFormat;
import dev.concord.ingest.receiver.IngestServer;
import dev.concord.ingest.receiver.IngestSettings;
import dev.concord.services.RequiresServices;
import dev.concord.services.Service;
import dev.concord.services.ServiceEndpoints;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real SDK sends through {@code concord ingest} into the real broker; what arrives decodes to what was sent. */
@RequiresServices(Service.KAFKA)
class KafkaPipelineIT {

    private static final Duration CONSUME_TIMEOUT = Duration.ofSeconds(30);
    private static final String TOKEN = "it-token";
    private static final Resource RESOURCE = Resource.getDefault()
            .merge(Resource.create(Attributes.builder()
                    .put("service.name", "order-api")
                    .put("service.version", "2.0.1")
                    .put("cloud.provider", "aws")
                    .put("cloud.region", "us-east-1")
                    .put("deployment.environment.name", "production")
                    .put("tenant.id", "someone-else")
                    .build()));

    private final OtlpDecoder decoder = new OtlpDecoder(Clock.systemUTC(), DecodeLimits.defaults());

    @TempDir
    Path dir;

    private IngestServer start(KafkaTopics topics, String bootstrap) throws Exception {
        Path tokens = dir.resolve("tokens");
        Files.writeString(tokens, "acme sha256:" + sha256(TOKEN) + "\n");
        return IngestServer.start(IngestSettings.builder()
                .bindAddress("127.0.0.1")
                .httpPort(0)
                .grpcPort(-1)
                .kafka(bootstrap)
                .topics(topics)
                .tokens(tokens)
                .build());
    }

    @Test
    void spansSentByTheSdkArriveInKafkaKeyedByTraceIdAndDecodeToExactlyWhatWasSent(ServiceEndpoints endpoints)
            throws Exception {
        try (KafkaTopicsFixture kafka = new KafkaTopicsFixture(endpoints.kafkaBootstrapServers());
                IngestServer server = start(kafka.topics, endpoints.kafkaBootstrapServers())) {
            List<SpanData> sent = new CopyOnWriteArrayList<>();
            OtlpHttpSpanExporter otlp = OtlpHttpSpanExporter.builder()
                    .setEndpoint("http://127.0.0.1:" + server.httpPort() + "/v1/traces")
                    .addHeader("Authorization", "Bearer " + TOKEN)
                    .build();
            try (SdkTracerProvider tracers = SdkTracerProvider.builder()
                    .setResource(RESOURCE)
                    .addSpanProcessor(BatchSpanProcessor.builder(otlp).build())
                    .addSpanProcessor(SimpleSpanProcessor.create(recording(sent)))
                    .build()) {
                Tracer tracer = tracers.get("it");
                for (int trace = 0; trace < 5; trace++) {
                    var root = tracer.spanBuilder("POST /orders")
                            .setSpanKind(io.opentelemetry.api.trace.SpanKind.SERVER)
                            .setAttribute(Conventions.BUSINESS_TRANSACTION, "order-to-fulfillment")
                            .setAttribute(Conventions.BUSINESS_TRANSACTION_ID, "order-" + trace)
                            .setAttribute("http.response.status_code", 200L + trace)
                            .startSpan();
                    try (Scope ignored = root.makeCurrent()) {
                        var child = tracer.spanBuilder("reserve stock")
                                .setSpanKind(io.opentelemetry.api.trace.SpanKind.CLIENT)
                                .setAttribute(Conventions.BUSINESS_TRANSACTION_STAGE, "warehouse-reservation")
                                .setAttribute("retry", true)
                                .startSpan();
                        child.setStatus(io.opentelemetry.api.trace.StatusCode.ERROR, "warehouse down");
                        child.end();
                    }
                    root.end();
                }
                assertThat(tracers.forceFlush().join(30, TimeUnit.SECONDS).isSuccess())
                        .isTrue();
            }

            List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(
                    kafka.topics.spans(),
                    (int) sent.stream().map(SpanData::getTraceId).distinct().count(),
                    CONSUME_TIMEOUT);

            Map<String, Span> arrived = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> record : records) {
                for (Span span : decoder.decode(
                                OtlpSignal.TRACES, record.value(), record.value().length, PayloadFormat.PROTOBUF)
                        .spans()) {
                    assertThat(new String(record.key(), StandardCharsets.US_ASCII))
                            .isEqualTo(span.traceId());
                    assertThat(arrived.put(span.spanId(), span))
                            .as("span delivered once")
                            .isNull();
                }
            }
            assertThat(arrived.values())
                    .containsExactlyInAnyOrderElementsOf(
                            sent.stream().map(KafkaPipelineIT::expected).toList());
            // one trace, one partition
            Map<String, Integer> partitionByTrace = new HashMap<>();
            records.forEach(r -> assertThat(partitionByTrace.merge(
                            new String(r.key(), StandardCharsets.US_ASCII),
                            r.partition(),
                            (a, b) -> a.equals(b) ? a : -1))
                    .isNotNegative());
        }
    }

    @Test
    void logsAndMetricsSentByTheSdkArriveInTheirTopics(ServiceEndpoints endpoints) throws Exception {
        try (KafkaTopicsFixture kafka = new KafkaTopicsFixture(endpoints.kafkaBootstrapServers());
                IngestServer server = start(kafka.topics, endpoints.kafkaBootstrapServers())) {
            String base = "http://127.0.0.1:" + server.httpPort();
            try (SdkLoggerProvider loggers = SdkLoggerProvider.builder()
                            .setResource(RESOURCE)
                            .addLogRecordProcessor(SimpleLogRecordProcessor.create(OtlpHttpLogRecordExporter.builder()
                                    .setEndpoint(base + "/v1/logs")
                                    .addHeader("Authorization", "Bearer " + TOKEN)
                                    .build()))
                            .build();
                    SdkMeterProvider meters = SdkMeterProvider.builder()
                            .setResource(RESOURCE)
                            .registerMetricReader(PeriodicMetricReader.builder(OtlpHttpMetricExporter.builder()
                                            .setEndpoint(base + "/v1/metrics")
                                            .addHeader("Authorization", "Bearer " + TOKEN)
                                            .build())
                                    .setInterval(Duration.ofHours(1))
                                    .build())
                            .build()) {
                loggers.get("erp")
                        .logRecordBuilder()
                        .setSeverity(Severity.WARN)
                        .setBody("slow ERP")
                        .emit();
                meters.get("db").counterBuilder("orders.placed").build().add(42);
                assertThat(loggers.forceFlush().join(30, TimeUnit.SECONDS).isSuccess())
                        .isTrue();
                assertThat(meters.forceFlush().join(30, TimeUnit.SECONDS).isSuccess())
                        .isTrue();
            }

            ConsumerRecord<byte[], byte[]> log =
                    KafkaTopicsFixture.only(kafka.readAll(kafka.topics.logs(), 1, CONSUME_TIMEOUT));
            List<LogRecord> logs = decoder.decode(
                            OtlpSignal.LOGS, log.value(), log.value().length, PayloadFormat.PROTOBUF)
                    .logs();
            assertThat(log.key()).isNull();
            assertThat(logs).singleElement().satisfies(record -> {
                assertThat(record.body()).isEqualTo("slow ERP");
                assertThat(record.severityNumber()).isEqualTo(Severity.WARN.getSeverityNumber());
                assertThat(record.resource()).isEqualTo(identity());
            });
            // the meter provider exports once on flush and once more on close: cumulative, the same value twice
            ConsumerRecord<byte[], byte[]> metric =
                    kafka.readAll(kafka.topics.metrics(), 2, CONSUME_TIMEOUT).get(0);
            List<MetricSample> samples = decoder.decode(
                            OtlpSignal.METRICS, metric.value(), metric.value().length, PayloadFormat.PROTOBUF)
                    .metrics();
            assertThat(samples).singleElement().satisfies(sample -> {
                assertThat(sample.name()).isEqualTo("orders.placed");
                assertThat(sample.value()).isEqualTo(42.0);
                assertThat(sample.resource()).isEqualTo(identity());
            });
        }
    }

    private static ResourceIdentity identity() {
        // the token's tenant, not the payload's
        return new ResourceIdentity("order-api", "2.0.1", "aws", "us-east-1", "production", "acme");
    }

    private static Span expected(SpanData data) {
        Map<String, String> attributes = new HashMap<>();
        data.getResource().getAttributes().forEach((k, v) -> attributes.put(k.getKey(), String.valueOf(v)));
        List.of(
                        "service.name",
                        "service.version",
                        "cloud.provider",
                        "cloud.region",
                        "deployment.environment.name",
                        "tenant.id")
                .forEach(attributes::remove);
        data.getAttributes().forEach((k, v) -> attributes.put(k.getKey(), String.valueOf(v)));
        String transaction = attributes.remove(Conventions.BUSINESS_TRANSACTION);
        String transactionId = attributes.remove(Conventions.BUSINESS_TRANSACTION_ID);
        String stage = attributes.remove(Conventions.BUSINESS_TRANSACTION_STAGE);
        return new Span(
                identity(),
                data.getTraceId(),
                data.getSpanId(),
                data.getParentSpanContext().isValid() ? data.getParentSpanId() : "",
                data.getName(),
                SpanKind.valueOf(data.getKind().name()),
                data.getStartEpochNanos(),
                data.getEndEpochNanos(),
                StatusCode.valueOf(data.getStatus().getStatusCode().name()),
                data.getStatus().getDescription(),
                transaction,
                transactionId,
                stage,
                attributes,
                1.0);
    }

    private static SpanExporter recording(List<SpanData> sent) {
        return new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                sent.addAll(spans);
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
    }

    static String sha256(String token) throws Exception {
        return java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(token.getBytes(StandardCharsets.UTF_8)));
    }
}
