package dev.concord.simulator.emit;

import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * OTLP/HTTP to a receiver through the SDK's own exporters, with the base URL as {@code OTEL_EXPORTER_OTLP_ENDPOINT}
 * takes it ({@code /v1/traces}, {@code /v1/logs}, {@code /v1/metrics} are added). A request the receiver does not
 * take after the exporter's retries stops the run: a replay with holes would mislead.
 */
public final class OtlpHttp implements TelemetryOutput {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final String baseUrl;
    private final OtlpHttpSpanExporter spans;
    private final OtlpHttpLogRecordExporter logs;
    private final OtlpHttpMetricExporter metrics;

    /** @param headers sent with every request, for example an {@code Authorization} bearer token */
    public OtlpHttp(URI baseUrl, Map<String, String> headers) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        String scheme = baseUrl.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("the OTLP endpoint must be an http or https URL, got " + baseUrl);
        }
        String base = baseUrl.toString().replaceAll("/+$", "");
        this.baseUrl = base;
        var spanBuilder =
                OtlpHttpSpanExporter.builder().setEndpoint(base + "/v1/traces").setTimeout(DEFAULT_TIMEOUT);
        var logBuilder = OtlpHttpLogRecordExporter.builder()
                .setEndpoint(base + "/v1/logs")
                .setTimeout(DEFAULT_TIMEOUT);
        var metricBuilder = OtlpHttpMetricExporter.builder()
                .setEndpoint(base + "/v1/metrics")
                .setTimeout(DEFAULT_TIMEOUT);
        headers.forEach((name, value) -> {
            spanBuilder.addHeader(name, value);
            logBuilder.addHeader(name, value);
            metricBuilder.addHeader(name, value);
        });
        this.spans = spanBuilder.build();
        this.logs = logBuilder.build();
        this.metrics = metricBuilder.build();
    }

    @Override
    public void traces(List<SpanData> batch) {
        await(spans.export(batch), "traces");
    }

    @Override
    public void logs(List<LogRecordData> batch) {
        await(logs.export(batch), "logs");
    }

    @Override
    public void metrics(List<MetricData> batch) {
        await(metrics.export(batch), "metrics");
    }

    private void await(CompletableResultCode result, String signal) {
        result.join(DEFAULT_TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS);
        if (!result.isSuccess()) {
            throw new IllegalStateException("the OTLP receiver at " + baseUrl + " did not take " + signal
                    + (result.getFailureThrowable() == null
                            ? ""
                            : ": " + result.getFailureThrowable().getMessage()));
        }
    }

    @Override
    public void close() {
        CompletableResultCode.ofAll(List.of(spans.shutdown(), logs.shutdown(), metrics.shutdown()))
                .join(10, TimeUnit.SECONDS);
    }
}
