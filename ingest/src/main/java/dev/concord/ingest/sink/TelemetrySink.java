package dev.concord.ingest.sink;

import dev.concord.ingest.decode.SanitizedRequest;
import java.util.concurrent.CompletableFuture;

/**
 * Where accepted telemetry goes. The receiver answers 200 only when the future completes normally, so a sink
 * completes it only once the data is durable (Kafka acknowledged, file written).
 */
public interface TelemetrySink extends AutoCloseable {

    CompletableFuture<Void> write(SanitizedRequest request);

    /** Whether the sink can take data now; {@code /readyz} answers 503 otherwise. */
    boolean ready();

    @Override
    void close();
}
