package dev.concord.simulator;

import java.time.Instant;

/** Simulated time is epoch nanoseconds, as OpenTelemetry stamps it. */
final class Times {

    static final long NANOS_PER_MILLI = 1_000_000L;
    static final long NANOS_PER_SECOND = 1_000_000_000L;
    static final long NANOS_PER_MINUTE = 60 * NANOS_PER_SECOND;

    private Times() {}

    static long epochNanos(Instant instant) {
        return instant.getEpochSecond() * NANOS_PER_SECOND + instant.getNano();
    }
}
