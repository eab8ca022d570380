package dev.concord.rules.model;

import java.time.Duration;

/** What an SLO counts as a good event. */
public sealed interface Indicator {

    /** A transaction that completes. */
    record Availability() implements Indicator {}

    /** A transaction that completes faster than {@code threshold}. */
    record Latency(Duration threshold) implements Indicator {}

    /** A successful synthetic run of the named probe. */
    record Probes(String probe) implements Indicator {}
}
