package dev.concord.ingest.receiver;

import static dev.concord.ingest.Conventions.LABEL_ADJUSTMENT;
import static dev.concord.ingest.Conventions.LABEL_CODE;
import static dev.concord.ingest.Conventions.LABEL_REASON;
import static dev.concord.ingest.Conventions.LABEL_SIGNAL;
import static dev.concord.ingest.Conventions.LABEL_TRANSPORT;

import dev.concord.ingest.Conventions;
import dev.concord.ingest.decode.DecodeReport;
import dev.concord.ingest.decode.RejectReason;
import dev.concord.ingest.otlp.OtlpSignal;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;

/**
 * Every metric the receivers expose, made in one place. Label values come from bounded sets only: signals, reject
 * reasons, adjustments, transports and status codes.
 */
public final class ReceiverMetrics {

    private final PrometheusRegistry registry;
    private final Counter received;
    private final Counter accepted;
    private final Counter rejected;
    private final Counter adjusted;
    private final Counter requests;
    private final Counter requestBytes;
    private final Histogram duration;
    private final Counter headerTimeouts;

    public ReceiverMetrics(PrometheusRegistry registry, Admission admission) {
        this.registry = registry;
        received = Counter.builder()
                .name(Conventions.METRIC_ITEMS_RECEIVED)
                .help("Spans, log records, data points and probe results received.")
                .labelNames(LABEL_SIGNAL)
                .register(registry);
        accepted = Counter.builder()
                .name(Conventions.METRIC_ITEMS_ACCEPTED)
                .help("Items accepted and handed to the sink successfully.")
                .labelNames(LABEL_SIGNAL)
                .register(registry);
        rejected = Counter.builder()
                .name(Conventions.METRIC_ITEMS_REJECTED)
                .help("Items rejected, by reason; whole requests count every item they held when that is known.")
                .labelNames(LABEL_SIGNAL, LABEL_REASON)
                .register(registry);
        adjusted = Counter.builder()
                .name(Conventions.METRIC_ITEMS_ADJUSTED)
                .help("Accepted items Concord changed: tenant overridden, attributes trimmed, environment renamed.")
                .labelNames(LABEL_SIGNAL, LABEL_ADJUSTMENT)
                .register(registry);
        requests = Counter.builder()
                .name(Conventions.METRIC_REQUESTS)
                .help(
                        "Export requests answered, by transport and status code; whole refused requests (401, 413, 415, 429, 400) show here.")
                .labelNames(LABEL_SIGNAL, LABEL_TRANSPORT, LABEL_CODE)
                .register(registry);
        requestBytes = Counter.builder()
                .name(Conventions.METRIC_REQUEST_BYTES)
                .help("Request body bytes read, after decompression.")
                .unit(Unit.BYTES)
                .labelNames(LABEL_SIGNAL, LABEL_TRANSPORT)
                .register(registry);
        duration = Histogram.builder()
                .name(Conventions.METRIC_REQUEST_DURATION)
                .help("Time from a request's arrival to its answer, sink acknowledgement included.")
                .unit(Unit.SECONDS)
                .labelNames(LABEL_SIGNAL, LABEL_TRANSPORT)
                .register(registry);
        headerTimeouts = Counter.builder()
                .name(Conventions.METRIC_HEADER_TIMEOUTS)
                .help("HTTP connections dropped because the request line and headers did not arrive in time.")
                .register(registry);
        GaugeWithCallback.builder()
                .name(Conventions.METRIC_QUEUE_DEPTH)
                .help("Requests in flight: being read, decoded or waiting for the sink.")
                .callback(callback -> callback.call(admission.depth()))
                .register(registry);
        GaugeWithCallback.builder()
                .name(Conventions.METRIC_QUEUE_BYTES)
                .help("Decompressed request bytes held by the requests in flight.")
                .unit(Unit.BYTES)
                .callback(callback -> callback.call(admission.bytes()))
                .register(registry);
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    public void bytesRead(OtlpSignal signal, String transport, long bytes) {
        requestBytes.labelValues(signal.label(), transport).inc(bytes);
    }

    void outcome(OtlpSignal signal, DecodeReport report, boolean delivered) {
        String label = signal.label();
        received.labelValues(label).inc(report.accepted() + report.rejectedTotal());
        report.rejected()
                .forEach((reason, count) ->
                        rejected.labelValues(label, reason.label()).inc(count));
        if (delivered) {
            accepted.labelValues(label).inc(report.accepted());
            report.adjusted()
                    .forEach((adjustment, count) ->
                            adjusted.labelValues(label, adjustment.label()).inc(count));
        } else if (report.accepted() > 0) {
            rejected.labelValues(label, RejectReason.SINK_UNAVAILABLE.label()).inc(report.accepted());
        }
    }

    public void headerTimedOut() {
        headerTimeouts.inc();
    }

    public void answered(OtlpSignal signal, String transport, int code, long nanos) {
        requests.labelValues(signal.label(), transport, Integer.toString(code)).inc();
        duration.labelValues(signal.label(), transport).observe(nanos / 1e9);
    }
}
