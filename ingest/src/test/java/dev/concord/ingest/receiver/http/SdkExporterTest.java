package dev.concord.ingest.receiver.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.ingest.decode.CanonicalBatch;
import dev.concord.ingest.decode.OtlpDecoder;
import dev.concord.ingest.decode.SanitizedRequest;
import dev.concord.ingest.model.LogRecord;
import dev.concord.ingest.model.MetricSample;
import dev.concord.ingest.model.Span;
import dev.concord.ingest.model.StatusCode;
import dev.concord.ingest.otlp.OtlpSignal;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Tracer;
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
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real OpenTelemetry SDK and its OTLP/HTTP exporters are the client. */
class SdkExporterTest {

    private static final Resource RESOURCE = Resource.getDefault()
            .merge(Resource.create(Attributes.builder()
                    .put("service.name", "order-api")
                    .put("cloud.provider", "aws")
                    .put("cloud.region", "us-east-1")
                    .put("deployment.environment", "production")
                    .put("tenant.id", "someone-else")
                    .build()));

    @TempDir
    Path dir;

    private ReceiverFixture fixture;

    @BeforeEach
    void start() {
        fixture = new ReceiverFixture(dir);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private List<SanitizedRequest> written(OtlpSignal signal) {
        return fixture.sink.written().stream().filter(r -> r.signal() == signal).toList();
    }

    @Test
    void spansSentByTheSdkHttpExporterArriveWithTheTokensTenant() {
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint(fixture.baseUrl() + "/v1/traces")
                .addHeader("Authorization", "Bearer " + ReceiverFixture.ACME_TOKEN)
                .setCompression("gzip")
                .build();
        try (SdkTracerProvider tracers = SdkTracerProvider.builder()
                .setResource(RESOURCE)
                .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                .build()) {
            Tracer tracer = tracers.get("test");
            var root = tracer.spanBuilder("POST /orders")
                    .setAttribute("business.transaction", "order-to-fulfillment")
                    .startSpan();
            root.setStatus(io.opentelemetry.api.trace.StatusCode.ERROR, "warehouse down");
            root.end();
            assertThat(tracers.forceFlush().join(10, TimeUnit.SECONDS).isSuccess())
                    .isTrue();

            List<Span> spans = written(OtlpSignal.TRACES).stream()
                    .map(OtlpDecoder::toCanonical)
                    .map(CanonicalBatch::spans)
                    .flatMap(List::stream)
                    .toList();
            assertThat(spans).singleElement().satisfies(span -> {
                assertThat(span.traceId()).isEqualTo(root.getSpanContext().getTraceId());
                assertThat(span.spanId()).isEqualTo(root.getSpanContext().getSpanId());
                assertThat(span.status()).isEqualTo(StatusCode.ERROR);
                assertThat(span.statusMessage()).isEqualTo("warehouse down");
                assertThat(span.businessTransaction()).isEqualTo("order-to-fulfillment");
                assertThat(span.resource().tenantId()).isEqualTo("acme");
                assertThat(span.resource().deploymentEnvironment()).isEqualTo("production");
                assertThat(span.resource().cloudRegion()).isEqualTo("us-east-1");
            });
        }
    }

    @Test
    void theSdkExporterGetsAFailureWithoutAValidToken() {
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint(fixture.baseUrl() + "/v1/traces")
                .addHeader("Authorization", "Bearer not-a-token")
                .setRetryPolicy(null)
                .build();
        try (SdkTracerProvider tracers = SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                .build()) {
            tracers.get("test").spanBuilder("x").startSpan().end();
            CompletableResultCode flushed = tracers.forceFlush().join(10, TimeUnit.SECONDS);

            assertThat(flushed.isSuccess()).isFalse();
            assertThat(fixture.sink.written()).isEmpty();
        }
    }

    @Test
    void logsAndMetricsSentByTheSdkHttpExportersArrive() {
        OtlpHttpLogRecordExporter logExporter = OtlpHttpLogRecordExporter.builder()
                .setEndpoint(fixture.baseUrl() + "/v1/logs")
                .addHeader("Authorization", "Bearer " + ReceiverFixture.GLOBEX_TOKEN)
                .build();
        OtlpHttpMetricExporter metricExporter = OtlpHttpMetricExporter.builder()
                .setEndpoint(fixture.baseUrl() + "/v1/metrics")
                .addHeader("Authorization", "Bearer " + ReceiverFixture.GLOBEX_TOKEN)
                .build();
        try (SdkLoggerProvider loggers = SdkLoggerProvider.builder()
                        .setResource(RESOURCE)
                        .addLogRecordProcessor(SimpleLogRecordProcessor.create(logExporter))
                        .build();
                SdkMeterProvider meters = SdkMeterProvider.builder()
                        .setResource(RESOURCE)
                        .registerMetricReader(PeriodicMetricReader.builder(metricExporter)
                                .setInterval(Duration.ofHours(1))
                                .build())
                        .build()) {
            loggers.get("erp")
                    .logRecordBuilder()
                    .setSeverity(Severity.ERROR)
                    .setBody("authentication failed")
                    .setAttribute(AttributeKey.stringKey("exception.type"), "AuthException")
                    .emit();
            meters.get("db").gaugeBuilder("db.replication.lag").setUnit("s").buildWithCallback(g -> g.record(12.5));
            assertThat(loggers.forceFlush().join(10, TimeUnit.SECONDS).isSuccess())
                    .isTrue();
            assertThat(meters.forceFlush().join(10, TimeUnit.SECONDS).isSuccess())
                    .isTrue();

            List<LogRecord> logs = written(OtlpSignal.LOGS).stream()
                    .flatMap(r -> OtlpDecoder.toCanonical(r).logs().stream())
                    .toList();
            assertThat(logs).singleElement().satisfies(log -> {
                assertThat(log.body()).isEqualTo("authentication failed");
                assertThat(log.severityNumber()).isEqualTo(Severity.ERROR.getSeverityNumber());
                assertThat(log.attributes()).containsEntry("exception.type", "AuthException");
                assertThat(log.resource().tenantId()).isEqualTo("globex");
            });
            List<MetricSample> samples = written(OtlpSignal.METRICS).stream()
                    .flatMap(r -> OtlpDecoder.toCanonical(r).metrics().stream())
                    .filter(m -> m.name().equals("db.replication.lag"))
                    .toList();
            assertThat(samples).singleElement().satisfies(sample -> {
                assertThat(sample.value()).isEqualTo(12.5);
                assertThat(sample.unit()).isEqualTo("s");
                assertThat(sample.resource().tenantId()).isEqualTo("globex");
            });
        }
    }
}
