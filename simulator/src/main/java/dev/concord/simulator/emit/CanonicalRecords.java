package dev.concord.simulator.emit;

import dev.concord.ingest.decode.CanonicalBatch;
import dev.concord.ingest.decode.DecodeLimits;
import dev.concord.ingest.decode.OtlpDecoder;
import dev.concord.ingest.model.LogRecord;
import dev.concord.ingest.model.MetricSample;
import dev.concord.ingest.model.ProbeResult;
import dev.concord.ingest.model.Span;
import dev.concord.ingest.otlp.OtlpSignal;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * In-process delivery to the embedded engine: each request goes through Concord's own OTLP decoder, as if the
 * receiver had taken it, and the canonical records are kept in delivery order.
 */
public final class CanonicalRecords implements TelemetryOutput {

    private final OtlpDecoder decoder;
    private final List<Span> spans = new ArrayList<>();
    private final List<ProbeResult> probes = new ArrayList<>();
    private final List<LogRecord> logs = new ArrayList<>();
    private final List<MetricSample> metrics = new ArrayList<>();

    /** @param clock the receiver's clock: simulated time, so that simulated timestamps are never "in the future" */
    public CanonicalRecords(Clock clock) {
        this.decoder = new OtlpDecoder(clock, DecodeLimits.defaults());
    }

    @Override
    public void traces(List<SpanData> batch) {
        add(decoder.sanitize(OtlpSignal.TRACES, OtlpRequests.traces(batch), Optional.empty()));
    }

    @Override
    public void logs(List<LogRecordData> batch) {
        add(decoder.sanitize(OtlpSignal.LOGS, OtlpRequests.logs(batch), Optional.empty()));
    }

    @Override
    public void metrics(List<MetricData> batch) {
        add(decoder.sanitize(OtlpSignal.METRICS, OtlpRequests.metrics(batch), Optional.empty()));
    }

    private void add(dev.concord.ingest.decode.SanitizedRequest request) {
        CanonicalBatch batch = OtlpDecoder.toCanonical(request);
        spans.addAll(batch.spans());
        probes.addAll(batch.probes());
        logs.addAll(batch.logs());
        metrics.addAll(batch.metrics());
    }

    /** Spans in delivery order. */
    public List<Span> spans() {
        return Collections.unmodifiableList(spans);
    }

    public List<ProbeResult> probes() {
        return Collections.unmodifiableList(probes);
    }

    public List<LogRecord> logs() {
        return Collections.unmodifiableList(logs);
    }

    public List<MetricSample> metrics() {
        return Collections.unmodifiableList(metrics);
    }
}
