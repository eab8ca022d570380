package dev.concord.ingest.flink;

import dev.concord.ingest.decode.CanonicalBatch;
import dev.concord.ingest.decode.DecodeLimits;
import dev.concord.ingest.decode.OtlpDecoder;
import dev.concord.ingest.model.LogRecord;
import dev.concord.ingest.model.MetricSample;
import dev.concord.ingest.model.ProbeResult;
import dev.concord.ingest.model.Span;
import dev.concord.ingest.otlp.MalformedOtlpException;
import dev.concord.ingest.otlp.OtlpSignal;
import dev.concord.ingest.otlp.PayloadFormat;
import java.io.Serializable;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * How one message of a topic or file becomes canonical records of one type: which signal, which encoding
 * ({@code otlp_proto} on the Collector's Kafka topics, OTLP/JSON lines in its files), which records to keep.
 * Serializable so Flink can ship it; the decoder itself is rebuilt on each task.
 */
public final class OtlpDecoding<T> implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int DEAD_LETTER_PREFIX_BYTES = 64;

    private final OtlpSignal signal;
    private final PayloadFormat format;
    private final Class<T> type;
    private final Extractor<T> extractor;
    private final Clock clock;
    private transient OtlpDecoder decoder;

    /** Picks the records of one type out of a decoded batch. */
    @FunctionalInterface
    public interface Extractor<T> extends Function<CanonicalBatch, List<T>>, Serializable {}

    private OtlpDecoding(OtlpSignal signal, PayloadFormat format, Class<T> type, Extractor<T> extractor, Clock clock) {
        this.signal = Objects.requireNonNull(signal, "signal");
        this.format = Objects.requireNonNull(format, "format");
        this.type = type;
        this.extractor = extractor;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public static OtlpDecoding<Span> spans(PayloadFormat format) {
        return new OtlpDecoding<>(OtlpSignal.TRACES, format, Span.class, CanonicalBatch::spans, Clock.systemUTC());
    }

    public static OtlpDecoding<ProbeResult> probes(PayloadFormat format) {
        return new OtlpDecoding<>(
                OtlpSignal.TRACES, format, ProbeResult.class, CanonicalBatch::probes, Clock.systemUTC());
    }

    public static OtlpDecoding<LogRecord> logs(PayloadFormat format) {
        return new OtlpDecoding<>(OtlpSignal.LOGS, format, LogRecord.class, CanonicalBatch::logs, Clock.systemUTC());
    }

    public static OtlpDecoding<MetricSample> metrics(PayloadFormat format) {
        return new OtlpDecoding<>(
                OtlpSignal.METRICS, format, MetricSample.class, CanonicalBatch::metrics, Clock.systemUTC());
    }

    /** The same decoding judging future timestamps against another clock. */
    public OtlpDecoding<T> withClock(Clock other) {
        return new OtlpDecoding<>(signal, format, type, extractor, other);
    }

    public Class<T> type() {
        return type;
    }

    public OtlpSignal signal() {
        return signal;
    }

    /** The records of one message. */
    List<T> decode(byte[] message) throws MalformedOtlpException {
        if (decoder == null) {
            decoder = new OtlpDecoder(clock, DecodeLimits.defaults());
        }
        return extractor.apply(decoder.decode(signal, message, message.length, format));
    }

    DeadLetter deadLetter(byte[] message, String reason) {
        int prefix = Math.min(message.length, DEAD_LETTER_PREFIX_BYTES);
        return new DeadLetter(
                signal.label(), reason, message.length, HexFormat.of().formatHex(message, 0, prefix));
    }
}
