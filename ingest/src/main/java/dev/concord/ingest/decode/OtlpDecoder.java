package dev.concord.ingest.decode;

import com.google.protobuf.Message;
import dev.concord.ingest.model.LogRecord;
import dev.concord.ingest.model.MetricSample;
import dev.concord.ingest.model.ProbeResult;
import dev.concord.ingest.model.Span;
import dev.concord.ingest.otlp.MalformedOtlpException;
import dev.concord.ingest.otlp.OtlpSignal;
import dev.concord.ingest.otlp.PayloadFormat;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads OTLP requests of any signal and either encoding, cleans them ({@link #sanitize}) and maps them to the
 * canonical model ({@link #toCanonical}). Thread-safe.
 */
public final class OtlpDecoder {

    private final DecodeLimits limits;
    private final AttributeSanitizer attributes;
    private final ResourceSanitizer resources;
    private final TimeChecks times;
    private final TraceSanitizer traces;
    private final LogSanitizer logs;
    private final MetricSanitizer metrics;

    public OtlpDecoder(Clock clock, DecodeLimits limits) {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(limits, "limits");
        this.limits = limits;
        this.attributes = new AttributeSanitizer(limits);
        this.resources = new ResourceSanitizer(attributes);
        this.times = new TimeChecks(clock, limits);
        this.traces = new TraceSanitizer(attributes, times);
        this.logs = new LogSanitizer(attributes, times);
        this.metrics = new MetricSanitizer(attributes, times);
    }

    /** Parses and cleans a request body. */
    public SanitizedRequest read(
            OtlpSignal signal, byte[] body, int length, PayloadFormat format, Optional<String> tenant)
            throws MalformedOtlpException {
        return sanitize(signal, signal.parse(body, length, format), tenant);
    }

    /**
     * Cleans a parsed request: invalid items removed, limits applied, the tenant (when authenticated) written onto
     * every resource.
     */
    public SanitizedRequest sanitize(OtlpSignal signal, Message request, Optional<String> tenant) {
        DecodeReport report = new DecodeReport();
        Message clean = switch (signal) {
            case TRACES -> traces.sanitize((ExportTraceServiceRequest) request, tenant, report);
            case LOGS -> logs.sanitize((ExportLogsServiceRequest) request, tenant, report);
            case METRICS -> metrics.sanitize((ExportMetricsServiceRequest) request, tenant, report);
        };
        return new SanitizedRequest(signal, clean, report);
    }

    /**
     * Parses, cleans and maps a request body in one go: what a Flink source or a benchmark needs. Traces take a fast
     * path straight from the bytes to the records; whatever it declines (bad input, rare shapes) takes the reference
     * path through the OTLP messages, so the result, or the error, is the same either way.
     */
    public CanonicalBatch decode(OtlpSignal signal, byte[] body, int length, PayloadFormat format)
            throws MalformedOtlpException {
        if (signal == OtlpSignal.TRACES) {
            try {
                return decodeTracesFast(body, length, format);
            } catch (FastTraceDecoding.Declined e) {
                // the reference path below gives the answer, an error included
            }
        }
        return decodeByMessages(signal, body, length, format);
    }

    /** The reference path: the OTLP messages parsed, cleaned, then mapped. */
    CanonicalBatch decodeByMessages(OtlpSignal signal, byte[] body, int length, PayloadFormat format)
            throws MalformedOtlpException {
        return toCanonical(read(signal, body, length, format, Optional.empty()));
    }

    CanonicalBatch decodeTracesFast(byte[] body, int length, PayloadFormat format) throws FastTraceDecoding.Declined {
        long latestNanos = times.latestAcceptableNanos();
        TraceAssembler out = new TraceAssembler(resources, limits, latestNanos);
        if (format == PayloadFormat.JSON) {
            new JsonTraceReader(attributes, limits, out).read(body, length);
        } else {
            new ProtobufTraceReader(attributes, limits, out).read(body, length);
        }
        return new CanonicalBatch(out.spans(), out.probes(), List.of(), List.of());
    }

    public static CanonicalBatch toCanonical(SanitizedRequest sanitized) {
        List<Span> spans = new ArrayList<>();
        List<ProbeResult> probes = new ArrayList<>();
        List<LogRecord> logRecords = new ArrayList<>();
        List<MetricSample> samples = new ArrayList<>();
        switch (sanitized.signal()) {
            case TRACES -> TraceMapper.map((ExportTraceServiceRequest) sanitized.request(), spans, probes);
            case LOGS -> LogMapper.map((ExportLogsServiceRequest) sanitized.request(), logRecords);
            case METRICS -> MetricMapper.map((ExportMetricsServiceRequest) sanitized.request(), samples);
        }
        return new CanonicalBatch(spans, probes, logRecords, samples);
    }
}
