package dev.concord.ingest.decode;

import dev.concord.ingest.model.LogRecord;
import dev.concord.ingest.model.MetricSample;
import dev.concord.ingest.model.ProbeResult;
import dev.concord.ingest.model.Span;
import java.util.List;

/** The canonical records one OTLP request decodes into; a traces request may hold probe results as well as spans. */
public record CanonicalBatch(
        List<Span> spans, List<ProbeResult> probes, List<LogRecord> logs, List<MetricSample> metrics) {

    public static final CanonicalBatch EMPTY = new CanonicalBatch(List.of(), List.of(), List.of(), List.of());

    public CanonicalBatch {
        spans = List.copyOf(spans);
        probes = List.copyOf(probes);
        logs = List.copyOf(logs);
        metrics = List.copyOf(metrics);
    }

    public int size() {
        return spans.size() + probes.size() + logs.size() + metrics.size();
    }
}
