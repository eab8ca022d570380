package dev.concord.simulator;

import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.sdk.trace.IdGenerator;
import java.util.SplittableRandom;

/** Trace and span ids drawn from a seeded generator, so a run with the same seed yields the same ids. */
final class SeededIdGenerator implements IdGenerator {

    private final SplittableRandom random;

    SeededIdGenerator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    @Override
    public synchronized String generateSpanId() {
        long id;
        do {
            id = random.nextLong();
        } while (id == 0L);
        return SpanId.fromLong(id);
    }

    @Override
    public synchronized String generateTraceId() {
        long high;
        long low;
        do {
            high = random.nextLong();
            low = random.nextLong();
        } while (high == 0L && low == 0L);
        return TraceId.fromLongs(high, low);
    }
}
