package dev.concord.engine.decide.signal;

import dev.concord.rules.model.FailoverPolicy;
import java.io.Serializable;
import java.time.Duration;

/**
 * How a family's window is judged: the significance a change needs, how much data a verdict needs, and the
 * windows compared. A subject's window is at least {@link #windowMillis()} and grows back, up to {@link
 * #maxWindowMillis()}, until it holds enough samples; the baseline is the {@link #baselineMillis()} before it.
 * Immutable; build with {@link #builder()}.
 */
public final class Judgement implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The rule language's defaults: a policy without a judgement block is judged by these. */
    private static final FailoverPolicy.Judgement WRITTEN = FailoverPolicy.Judgement.DEFAULT;

    public static final double DEFAULT_CONFIDENCE = WRITTEN.confidence().doubleValue();
    /** Runs, checks or calls a window needs before it can be anything but NO_DATA. */
    public static final int DEFAULT_MIN_SAMPLES = WRITTEN.minSamples();
    /** Runs one vantage point needs in the window before its view counts. */
    public static final int DEFAULT_MIN_VANTAGE_POINT_RUNS = WRITTEN.minRunsPerVantagePoint();

    public static final Duration DEFAULT_WINDOW = WRITTEN.window();
    /** How far a window grows back to hold enough samples of telemetry that comes seldom. */
    public static final Duration DEFAULT_MAX_WINDOW = WRITTEN.maxWindow();

    public static final Duration DEFAULT_BASELINE = WRITTEN.baseline();
    /** A significant change below this failure share is DEGRADED, at or above it FAILING. */
    public static final double DEFAULT_FAILING_SHARE = 0.25;
    /**
     * The failure rate assumed when no reference has enough data: a quiet baseline (0 errors of 40) must not make
     * one error significant.
     */
    public static final double DEFAULT_REFERENCE_FLOOR = 0.01;
    /** Latency counts as degraded when its median grows by this factor and Mann-Whitney U agrees. */
    public static final double DEFAULT_LATENCY_FACTOR = 1.5;

    private final double confidence;
    private final int minSamples;
    private final int minVantagePointRuns;
    private final long windowMillis;
    private final long maxWindowMillis;
    private final long baselineMillis;
    private final double failingShare;
    private final double referenceFloor;
    private final double latencyFactor;

    private Judgement(Builder builder) {
        this.confidence = builder.confidence;
        this.minSamples = builder.minSamples;
        this.minVantagePointRuns = builder.minVantagePointRuns;
        this.windowMillis = builder.window.toMillis();
        this.maxWindowMillis = builder.maxWindow.toMillis();
        this.baselineMillis = builder.baseline.toMillis();
        this.failingShare = builder.failingShare;
        this.referenceFloor = builder.referenceFloor;
        this.latencyFactor = builder.latencyFactor;
    }

    public static Judgement defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public double confidence() {
        return confidence;
    }

    /** The largest p-value that still counts as significant. */
    public double alpha() {
        return 1.0 - confidence;
    }

    public boolean significant(double pValue) {
        return pValue < alpha();
    }

    public int minSamples() {
        return minSamples;
    }

    public int minVantagePointRuns() {
        return minVantagePointRuns;
    }

    public long windowMillis() {
        return windowMillis;
    }

    /**
     * The longest a subject's window grows, back from the evaluated instant, to hold {@link #minSamples()} samples
     * ({@link #minVantagePointRuns()} runs of a vantage point).
     */
    public long maxWindowMillis() {
        return maxWindowMillis;
    }

    public long baselineMillis() {
        return baselineMillis;
    }

    public double failingShare() {
        return failingShare;
    }

    public double referenceFloor() {
        return referenceFloor;
    }

    public double latencyFactor() {
        return latencyFactor;
    }

    /** The window as written in evidence, for example {@code 1m}. */
    public String windowName() {
        return windowMillis % 60_000 == 0 ? windowMillis / 60_000 + "m" : windowMillis / 1000 + "s";
    }

    public static final class Builder {
        private double confidence = DEFAULT_CONFIDENCE;
        private int minSamples = DEFAULT_MIN_SAMPLES;
        private int minVantagePointRuns = DEFAULT_MIN_VANTAGE_POINT_RUNS;
        private Duration window = DEFAULT_WINDOW;
        private Duration maxWindow = DEFAULT_MAX_WINDOW;
        private Duration baseline = DEFAULT_BASELINE;
        private double failingShare = DEFAULT_FAILING_SHARE;
        private double referenceFloor = DEFAULT_REFERENCE_FLOOR;
        private double latencyFactor = DEFAULT_LATENCY_FACTOR;

        private Builder() {}

        public Builder confidence(double confidence) {
            if (!(confidence > 0.5 && confidence < 1)) {
                throw new IllegalArgumentException("confidence must be in (0.5, 1): " + confidence);
            }
            this.confidence = confidence;
            return this;
        }

        public Builder minSamples(int minSamples) {
            if (minSamples < 1) {
                throw new IllegalArgumentException("minSamples must be at least 1: " + minSamples);
            }
            this.minSamples = minSamples;
            return this;
        }

        public Builder minVantagePointRuns(int runs) {
            if (runs < 1) {
                throw new IllegalArgumentException("minVantagePointRuns must be at least 1: " + runs);
            }
            this.minVantagePointRuns = runs;
            return this;
        }

        public Builder window(Duration window) {
            if (window.toMillis() < 1000 || window.toMillis() % 1000 != 0) {
                throw new IllegalArgumentException("window must be whole seconds, at least 1s: " + window);
            }
            this.window = window;
            return this;
        }

        public Builder maxWindow(Duration maxWindow) {
            if (maxWindow.toMillis() < 1000 || maxWindow.toMillis() % 1000 != 0) {
                throw new IllegalArgumentException("maxWindow must be whole seconds, at least 1s: " + maxWindow);
            }
            this.maxWindow = maxWindow;
            return this;
        }

        public Builder baseline(Duration baseline) {
            if (baseline.isNegative() || baseline.isZero()) {
                throw new IllegalArgumentException("baseline must be positive: " + baseline);
            }
            this.baseline = baseline;
            return this;
        }

        public Builder failingShare(double share) {
            if (!(share > 0 && share <= 1)) {
                throw new IllegalArgumentException("failingShare must be in (0, 1]: " + share);
            }
            this.failingShare = share;
            return this;
        }

        public Builder referenceFloor(double floor) {
            if (!(floor > 0 && floor < 1)) {
                throw new IllegalArgumentException("referenceFloor must be in (0, 1): " + floor);
            }
            this.referenceFloor = floor;
            return this;
        }

        public Builder latencyFactor(double factor) {
            if (!(factor > 1)) {
                throw new IllegalArgumentException("latencyFactor must be above 1: " + factor);
            }
            this.latencyFactor = factor;
            return this;
        }

        public Judgement build() {
            if (maxWindow.compareTo(window) < 0) {
                throw new IllegalArgumentException("maxWindow " + maxWindow + " is shorter than the window " + window);
            }
            return new Judgement(this);
        }
    }
}
