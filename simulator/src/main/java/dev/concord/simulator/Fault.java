package dev.concord.simulator;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One fault of a scenario: what it hits, how it behaves, and when, as offsets from the simulation's start.
 *
 * @param start inclusive
 * @param end exclusive
 */
public record Fault(String name, FaultTarget target, FaultShape shape, Duration start, Duration end, Parameters with) {

    /**
     * The numbers a shape needs; a shape reads only its own.
     *
     * @param errorRate share of failing calls, for error-rate
     * @param latency added time, for latency (on a collector: how late its telemetry arrives)
     * @param period how long each down and each up lasts, for flapping
     * @param rate growth per minute, for lag-growth
     * @param offset clock offset (negative: behind), for skew
     * @param share share of minutes (noise) or of telemetry (duplicate)
     * @param amplitude how far a noisy metric jumps, in its unit
     */
    public record Parameters(
            double errorRate,
            Duration latency,
            Duration period,
            Duration rate,
            Duration offset,
            double share,
            double amplitude) {

        public static final Parameters NONE =
                new Parameters(0, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, 0, 0);

        public Parameters {
            Objects.requireNonNull(latency, "latency");
            Objects.requireNonNull(period, "period");
            Objects.requireNonNull(rate, "rate");
            Objects.requireNonNull(offset, "offset");
        }
    }

    private static final Set<FaultShape> SERVICE_SHAPES = EnumSet.of(
            FaultShape.HARD_DOWN,
            FaultShape.ERROR_RATE,
            FaultShape.LATENCY,
            FaultShape.FLAPPING,
            FaultShape.LAG_GROWTH);
    private static final Set<FaultShape> VANTAGE_POINT_SHAPES =
            EnumSet.of(FaultShape.HARD_DOWN, FaultShape.ERROR_RATE, FaultShape.FLAPPING);
    private static final Set<FaultShape> METRIC_SHAPES =
            EnumSet.of(FaultShape.HARD_DOWN, FaultShape.LAG_GROWTH, FaultShape.NOISE, FaultShape.FLAPPING);
    private static final Set<FaultShape> COLLECTOR_SHAPES =
            EnumSet.of(FaultShape.HARD_DOWN, FaultShape.LATENCY, FaultShape.DUPLICATE);
    private static final Set<FaultShape> CLOCK_SHAPES = EnumSet.of(FaultShape.SKEW);

    public Fault {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(with, "with");
        if (start.isNegative()) {
            throw new IllegalArgumentException(name + ": start must not be negative: " + start);
        }
        if (end.compareTo(start) <= 0) {
            throw new IllegalArgumentException(name + ": end " + end + " must be after start " + start);
        }
        if (!shapesOf(target.kind()).contains(shape)) {
            throw new IllegalArgumentException(name + ": a " + kindName(target.kind()) + " fault cannot be "
                    + shape.fileName() + "; it can be " + names(shapesOf(target.kind())));
        }
        requireParameters(name, shape, with);
    }

    private static void requireParameters(String name, FaultShape shape, Parameters with) {
        switch (shape) {
            case ERROR_RATE ->
                require(with.errorRate() > 0 && with.errorRate() <= 1, name, "errorRate must be in (0, 1]");
            case LATENCY -> require(positive(with.latency()), name, "latency must be positive");
            case FLAPPING -> require(positive(with.period()), name, "period must be positive");
            case LAG_GROWTH -> require(positive(with.rate()), name, "rate (lag added per minute) must be positive");
            case SKEW -> require(!with.offset().isZero(), name, "offset must not be zero");
            case DUPLICATE -> require(with.share() > 0 && with.share() <= 1, name, "share must be in (0, 1]");
            case NOISE -> {
                require(with.share() > 0 && with.share() <= 1, name, "share must be in (0, 1]");
                require(with.amplitude() > 0, name, "amplitude must be positive");
            }
            case HARD_DOWN -> {}
        }
    }

    private static boolean positive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }

    private static void require(boolean condition, String name, String message) {
        if (!condition) {
            throw new IllegalArgumentException(name + ": " + message);
        }
    }

    static Set<FaultShape> shapesOf(FaultTarget.Kind kind) {
        return switch (kind) {
            case SERVICE -> SERVICE_SHAPES;
            case VANTAGE_POINT -> VANTAGE_POINT_SHAPES;
            case METRIC -> METRIC_SHAPES;
            case COLLECTOR -> COLLECTOR_SHAPES;
            case CLOCK -> CLOCK_SHAPES;
        };
    }

    private static String kindName(FaultTarget.Kind kind) {
        return kind.name().toLowerCase().replace('_', '-');
    }

    private static String names(Set<FaultShape> shapes) {
        return String.join(", ", shapes.stream().map(FaultShape::fileName).toList());
    }

    /** True while the fault lasts, at {@code elapsed} since the simulation's start. */
    boolean activeAt(Duration elapsed) {
        return elapsed.compareTo(start) >= 0 && elapsed.compareTo(end) < 0;
    }

    /** For flapping: true in the down halves of each period. */
    boolean downAt(Duration elapsed) {
        if (shape != FaultShape.FLAPPING) {
            return true;
        }
        long periods = elapsed.minus(start).toMillis() / with.period().toMillis();
        return periods % 2 == 0;
    }

    /** For lag-growth: the lag reached at {@code elapsed}. */
    Duration lagAt(Duration elapsed) {
        double minutes = elapsed.minus(start).toMillis() / 60_000.0;
        return Duration.ofMillis(Math.round(with.rate().toMillis() * minutes));
    }
}
