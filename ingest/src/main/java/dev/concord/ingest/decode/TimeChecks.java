package dev.concord.ingest.decode;

import java.time.Clock;

/** The time checks shared by every signal: nothing may claim to come from further in the future than the skew. */
final class TimeChecks {

    private final Clock clock;
    private final long maxFutureSkewNanos;

    TimeChecks(Clock clock, DecodeLimits limits) {
        this.clock = clock;
        this.maxFutureSkewNanos = limits.maxFutureSkew().toNanos();
    }

    /** The latest acceptable timestamp for a request decoded now, in Unix epoch nanoseconds. */
    long latestAcceptableNanos() {
        return Math.multiplyExact(clock.millis(), 1_000_000L) + maxFutureSkewNanos;
    }
}
