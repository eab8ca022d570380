package dev.concord.simulator;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How a fault behaves over its stretch of time; its name in scenario files is the lowercase hyphenated form. */
public enum FaultShape {
    /** Every call fails at once. On a collector: its telemetry is lost. On a health check or probe: it fails. */
    HARD_DOWN,
    /** A share of calls fails ({@code errorRate}). */
    ERROR_RATE,
    /** Calls take {@code latency} longer. On a collector: its telemetry arrives {@code latency} late. */
    LATENCY,
    /** Down and up in turn, each for {@code period}, starting down. */
    FLAPPING,
    /** A lag growing by {@code rate} per minute since the start: queue delay, or a lag metric's value. */
    LAG_GROWTH,
    /** A cloud's clocks run {@code offset} off true time, so every timestamp it stamps is shifted. */
    SKEW,
    /** A collector delivers a share ({@code share}) of its telemetry twice, as retries do. */
    DUPLICATE,
    /** A metric jumps by up to {@code amplitude} in a share ({@code share}) of minutes, then returns. */
    NOISE;

    public String fileName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<FaultShape> ofFileName(String name) {
        return Arrays.stream(values()).filter(s -> s.fileName().equals(name)).findFirst();
    }

    public static String fileNames() {
        return Arrays.stream(values()).map(FaultShape::fileName).collect(Collectors.joining(", "));
    }
}
