package dev.concord.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the simulator runs: the clouds, the tenants and their traffic, the faults, and the seed that makes a run
 * repeatable. Built through {@link #builder()}; every value is checked when it is set.
 */
public final class SimulationPlan {

    public static final long DEFAULT_SEED = 1L;
    /** A Monday morning: the daily curve ramps up through the first hours. */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-05T08:00:00Z");

    public static final Duration DEFAULT_DURATION = Duration.ofHours(2);
    /** Peak traffic as the shipped rules expect it; 0.5 halves every rate. */
    public static final double DEFAULT_TRAFFIC_SCALE = 1.0;

    private final long seed;
    private final Instant start;
    private final Duration duration;
    private final Topology topology;
    private final List<Tenant> tenants;
    private final double trafficScale;
    private final List<Fault> faults;

    private SimulationPlan(Builder builder) {
        this.seed = builder.seed;
        this.start = builder.start;
        this.duration = builder.duration;
        this.topology = builder.topology;
        this.tenants = List.copyOf(builder.tenants);
        this.trafficScale = builder.trafficScale;
        this.faults = List.copyOf(builder.faults);
    }

    public static Builder builder() {
        return new Builder();
    }

    public long seed() {
        return seed;
    }

    public Instant start() {
        return start;
    }

    public Duration duration() {
        return duration;
    }

    public Instant end() {
        return start.plus(duration);
    }

    public Topology topology() {
        return topology;
    }

    public List<Tenant> tenants() {
        return tenants;
    }

    public double trafficScale() {
        return trafficScale;
    }

    public List<Fault> faults() {
        return faults;
    }

    /** Builds a {@link SimulationPlan}; defaults are the constants of {@link SimulationPlan}. */
    public static final class Builder {
        private long seed = DEFAULT_SEED;
        private Instant start = DEFAULT_START;
        private Duration duration = DEFAULT_DURATION;
        private Topology topology = Topology.DEFAULT;
        private List<Tenant> tenants = Tenant.DEFAULTS;
        private double trafficScale = DEFAULT_TRAFFIC_SCALE;
        private final List<Fault> faults = new ArrayList<>();

        private Builder() {}

        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        public Builder start(Instant value) {
            this.start = Objects.requireNonNull(value, "start");
            return this;
        }

        public Builder duration(Duration value) {
            if (value.isNegative() || value.isZero() || value.toSeconds() % 60 != 0) {
                throw new IllegalArgumentException("duration must be a positive whole number of minutes: " + value);
            }
            this.duration = value;
            return this;
        }

        public Builder topology(Topology value) {
            this.topology = Objects.requireNonNull(value, "topology");
            return this;
        }

        public Builder tenants(List<Tenant> value) {
            if (value.isEmpty()) {
                throw new IllegalArgumentException("at least one tenant is needed");
            }
            Set<String> ids = new HashSet<>();
            double total = 0;
            for (Tenant tenant : value) {
                if (!ids.add(tenant.id())) {
                    throw new IllegalArgumentException("tenant " + tenant.id() + " is listed twice");
                }
                total += tenant.share();
            }
            if (Math.abs(total - 1) > 1e-6) {
                throw new IllegalArgumentException("tenant shares must add up to 1, they add up to " + total);
            }
            this.tenants = List.copyOf(value);
            return this;
        }

        public Builder trafficScale(double value) {
            if (!(value > 0 && value <= 10)) {
                throw new IllegalArgumentException("traffic scale must be in (0, 10], got " + value);
            }
            this.trafficScale = value;
            return this;
        }

        public Builder fault(Fault value) {
            Objects.requireNonNull(value, "fault");
            if (faults.stream().anyMatch(f -> f.name().equals(value.name()))) {
                throw new IllegalArgumentException("fault " + value.name() + " is listed twice");
            }
            faults.add(value);
            return this;
        }

        public SimulationPlan build() {
            for (Fault fault : faults) {
                if (fault.start().compareTo(duration) >= 0) {
                    throw new IllegalArgumentException(fault.name() + ": starts at " + fault.start()
                            + ", after the simulation ends (" + duration + ")");
                }
            }
            return new SimulationPlan(this);
        }
    }
}
