package dev.concord.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What to simulate: the clouds, the traffic, the faults and the seed that makes a run repeatable. */
public final class SimulationSettings {

    public static final Instant DEFAULT_START = Instant.parse("2026-01-05T09:00:00Z");
    public static final Duration DEFAULT_DURATION = Duration.ofMinutes(30);
    public static final int DEFAULT_TRANSACTIONS_PER_MINUTE = 30;
    public static final double DEFAULT_BASELINE_ERROR_RATE = 0.005;
    public static final List<String> DEFAULT_TENANTS = List.of("acme", "globex");

    private final long seed;
    private final Instant start;
    private final Duration duration;
    private final CloudSite primary;
    private final CloudSite secondary;
    private final int transactionsPerMinutePerCloud;
    private final double baselineErrorRate;
    private final List<String> tenants;
    private final List<Outage> outages;

    private SimulationSettings(Builder builder) {
        this.seed = builder.seed;
        this.start = builder.start;
        this.duration = builder.duration;
        this.primary = builder.primary;
        this.secondary = builder.secondary;
        this.transactionsPerMinutePerCloud = builder.transactionsPerMinutePerCloud;
        this.baselineErrorRate = builder.baselineErrorRate;
        this.tenants = List.copyOf(builder.tenants);
        this.outages = List.copyOf(builder.outages);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The walking-skeleton demo: thirty minutes of order-to-fulfillment traffic in both clouds, and the primary's
     * warehouse API down from minute 10 to minute 20.
     */
    public static SimulationSettings demo(long seed) {
        return builder()
                .seed(seed)
                .outage(new Outage(
                        CloudSite.AWS_US_EAST_1,
                        OrderToFulfillment.WAREHOUSE_API,
                        DEFAULT_START.plus(Duration.ofMinutes(10)),
                        DEFAULT_START.plus(Duration.ofMinutes(20))))
                .build();
    }

    public long seed() {
        return seed;
    }

    public Instant start() {
        return start;
    }

    public Instant end() {
        return start.plus(duration);
    }

    public CloudSite primary() {
        return primary;
    }

    public CloudSite secondary() {
        return secondary;
    }

    public List<CloudSite> sites() {
        return List.of(primary, secondary);
    }

    public int transactionsPerMinutePerCloud() {
        return transactionsPerMinutePerCloud;
    }

    public double baselineErrorRate() {
        return baselineErrorRate;
    }

    public List<String> tenants() {
        return tenants;
    }

    public List<Outage> outages() {
        return outages;
    }

    /** Builds settings, checking each value as it is set. */
    public static final class Builder {
        private long seed = 1L;
        private Instant start = DEFAULT_START;
        private Duration duration = DEFAULT_DURATION;
        private CloudSite primary = CloudSite.AWS_US_EAST_1;
        private CloudSite secondary = CloudSite.GCP_US_CENTRAL1;
        private int transactionsPerMinutePerCloud = DEFAULT_TRANSACTIONS_PER_MINUTE;
        private double baselineErrorRate = DEFAULT_BASELINE_ERROR_RATE;
        private List<String> tenants = DEFAULT_TENANTS;
        private final List<Outage> outages = new ArrayList<>();

        private Builder() {}

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder start(Instant start) {
            this.start = Objects.requireNonNull(start, "start");
            return this;
        }

        public Builder duration(Duration duration) {
            if (duration.isNegative() || duration.isZero() || duration.toSeconds() % 60 != 0) {
                throw new IllegalArgumentException("duration must be a positive whole number of minutes: " + duration);
            }
            this.duration = duration;
            return this;
        }

        public Builder primary(CloudSite primary) {
            this.primary = Objects.requireNonNull(primary, "primary");
            return this;
        }

        public Builder secondary(CloudSite secondary) {
            this.secondary = Objects.requireNonNull(secondary, "secondary");
            return this;
        }

        public Builder transactionsPerMinutePerCloud(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("transactions per minute per cloud must be at least 1: " + count);
            }
            this.transactionsPerMinutePerCloud = count;
            return this;
        }

        public Builder baselineErrorRate(double rate) {
            if (rate < 0 || rate >= 1) {
                throw new IllegalArgumentException("baseline error rate must be in [0, 1): " + rate);
            }
            this.baselineErrorRate = rate;
            return this;
        }

        public Builder tenants(List<String> tenants) {
            if (tenants.isEmpty()) {
                throw new IllegalArgumentException("at least one tenant is needed");
            }
            this.tenants = List.copyOf(tenants);
            return this;
        }

        public Builder outage(Outage outage) {
            this.outages.add(Objects.requireNonNull(outage, "outage"));
            return this;
        }

        public SimulationSettings build() {
            if (primary.equals(secondary)) {
                throw new IllegalArgumentException("primary and secondary must be different clouds: " + primary);
            }
            return new SimulationSettings(this);
        }
    }
}
