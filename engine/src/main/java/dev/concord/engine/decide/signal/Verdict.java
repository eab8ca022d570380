package dev.concord.engine.decide.signal;

/** What one signal family says about one cloud (or a scope of it) over the current window. */
public enum Verdict {
    HEALTHY,
    DEGRADED,
    FAILING,
    /** Too few samples to judge, or the cloud's telemetry is missing: never counts toward a failover. */
    NO_DATA
}
