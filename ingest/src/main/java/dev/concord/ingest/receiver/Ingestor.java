package dev.concord.ingest.receiver;

import com.google.protobuf.Message;
import dev.concord.ingest.decode.DecodeReport;
import dev.concord.ingest.decode.OtlpDecoder;
import dev.concord.ingest.decode.SanitizedRequest;
import dev.concord.ingest.otlp.OtlpSignal;
import dev.concord.ingest.sink.TelemetrySink;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every transport does with a parsed request: clean it, hand it to the sink, wait for the sink to have it, and
 * count. Transport-neutral, so HTTP and gRPC answer alike.
 */
public final class Ingestor {

    private static final Logger LOG = LoggerFactory.getLogger(Ingestor.class);

    private final OtlpDecoder decoder;
    private final TelemetrySink sink;
    private final ReceiverMetrics metrics;
    private final Duration sinkTimeout;

    public Ingestor(OtlpDecoder decoder, TelemetrySink sink, ReceiverMetrics metrics, Duration sinkTimeout) {
        this.decoder = decoder;
        this.sink = sink;
        this.metrics = metrics;
        this.sinkTimeout = sinkTimeout;
    }

    /** The outcome of an export: whether the sink has the accepted items, and what was rejected. */
    public record Result(boolean delivered, DecodeReport report) {}

    public Result export(OtlpSignal signal, Message request, Principal principal) {
        SanitizedRequest sanitized = decoder.sanitize(signal, request, principal.tenant());
        DecodeReport report = sanitized.report();
        boolean delivered = report.accepted() == 0 || deliver(sanitized);
        metrics.outcome(signal, report, delivered);
        return new Result(delivered, report);
    }

    public boolean ready() {
        return sink.ready();
    }

    private boolean deliver(SanitizedRequest sanitized) {
        try {
            sink.write(sanitized).get(sinkTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // the client is told to retry (503); the cause is for the operator, at a level that cannot flood
            LOG.debug(
                    "Sink did not take {} items of {}: {}",
                    sanitized.report().accepted(),
                    sanitized.signal(),
                    e.toString());
            return false;
        }
    }
}
