package dev.concord.ingest.sink;

import dev.concord.ingest.decode.SanitizedRequest;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Writes to every sink; a request is done only when all of them have it. */
public final class CompositeSink implements TelemetrySink {

    private final List<TelemetrySink> sinks;

    public CompositeSink(List<TelemetrySink> sinks) {
        if (sinks.isEmpty()) {
            throw new IllegalArgumentException("at least one sink is needed");
        }
        this.sinks = List.copyOf(sinks);
    }

    @Override
    public CompletableFuture<Void> write(SanitizedRequest request) {
        return CompletableFuture.allOf(
                sinks.stream().map(sink -> sink.write(request)).toArray(CompletableFuture[]::new));
    }

    @Override
    public boolean ready() {
        return sinks.stream().allMatch(TelemetrySink::ready);
    }

    @Override
    public void close() {
        sinks.forEach(TelemetrySink::close);
    }
}
