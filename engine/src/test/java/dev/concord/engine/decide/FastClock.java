package dev.concord.engine.decide;

import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that reads {@code start} the first time it is read, then runs {@code speed} times faster than the wall
 * clock: a live job's hour in a test's minute. Each deserialized copy starts on its own first reading.
 */
final class FastClock extends Clock implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Instant start;
    private final long speed;
    private transient long firstNanos;
    private transient boolean started;

    FastClock(Instant start, long speed) {
        this.start = start;
        this.speed = speed;
    }

    @Override
    public synchronized Instant instant() {
        long now = System.nanoTime();
        if (!started) {
            started = true;
            firstNanos = now;
        }
        return start.plusNanos((now - firstNanos) * speed);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a test clock in UTC");
    }
}
