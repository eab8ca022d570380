package dev.concord.simulator;

import io.opentelemetry.sdk.common.Clock;

/** The SDK's clock, moved by the simulation: metric points are stamped with simulated time, not the wall clock. */
final class SimulatedClock implements Clock {

    private long nowNanos;

    SimulatedClock(long startNanos) {
        this.nowNanos = startNanos;
    }

    void set(long epochNanos) {
        this.nowNanos = epochNanos;
    }

    @Override
    public long now() {
        return nowNanos;
    }

    @Override
    public long nanoTime() {
        return nowNanos;
    }
}
