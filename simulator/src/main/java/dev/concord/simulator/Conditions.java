package dev.concord.simulator;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The faults of a plan as the simulated world feels them at an instant: which calls fail or slow down, how far a
 * queue lags, which probes fail, which clock is off and what happens to a cloud's telemetry on its way out.
 */
final class Conditions {

    /**
     * What a call to a service meets.
     *
     * @param internalError the service answered but its own code failed (an error-rate fault, a bad release): a 500
     *     and an error of its own, where a service that is down (hard-down, flapping) is unavailable, a 503
     */
    record Effect(boolean failed, long addedNanos, String cause, boolean internalError) {
        static final Effect NONE = new Effect(false, 0, "", false);
    }

    private final long startNanos;
    private final List<Fault> faults;
    private final SplittableRandom random;

    Conditions(SimulationPlan plan, SplittableRandom random) {
        this.startNanos = Times.epochNanos(plan.start());
        this.faults = plan.faults();
        this.random = random;
    }

    private Duration elapsed(long nanos) {
        return Duration.ofNanos(nanos - startNanos);
    }

    Effect call(CloudSite site, String service, String tenant, long nanos) {
        Duration elapsed = elapsed(nanos);
        boolean failed = false;
        long added = 0;
        String cause = "";
        boolean internal = false;
        for (Fault fault : faults) {
            if (!fault.activeAt(elapsed) || !fault.target().hitsService(site, service, tenant)) {
                continue;
            }
            boolean fails = switch (fault.shape()) {
                case HARD_DOWN -> true;
                case FLAPPING -> fault.downAt(elapsed);
                case ERROR_RATE -> random.nextDouble() < fault.with().errorRate();
                default -> false;
            };
            if (fault.shape() == FaultShape.LATENCY) {
                added += fault.with().latency().toNanos();
            }
            if (fails && !failed) {
                failed = true;
                cause = fault.name();
                internal = fault.shape() == FaultShape.ERROR_RATE;
            }
        }
        return failed || added > 0 ? new Effect(failed, added, cause, internal) : Effect.NONE;
    }

    /** True while a service is down for everyone in a cloud: what its health check sees. */
    boolean down(CloudSite site, String service, long nanos) {
        Duration elapsed = elapsed(nanos);
        for (Fault fault : faults) {
            if (fault.activeAt(elapsed)
                    && fault.target().kind() == FaultTarget.Kind.SERVICE
                    && fault.target().tenant().isEmpty()
                    && fault.target().hitsService(site, service, "")
                    && (fault.shape() == FaultShape.HARD_DOWN
                            || (fault.shape() == FaultShape.FLAPPING && fault.downAt(elapsed)))) {
                return true;
            }
        }
        return false;
    }

    /** How far behind a queue (a lag-growth fault on the service) runs. */
    long lagNanos(CloudSite site, String service, long nanos) {
        Duration elapsed = elapsed(nanos);
        long lag = 0;
        for (Fault fault : faults) {
            if (fault.shape() == FaultShape.LAG_GROWTH
                    && fault.activeAt(elapsed)
                    && fault.target().hitsService(site, service, "")) {
                lag += fault.lagAt(elapsed).toNanos();
            }
        }
        return lag;
    }

    /** The version a service runs: a release fault's while it lasts, else the usual one. */
    String version(CloudSite site, String service, long nanos, String usual) {
        Duration elapsed = elapsed(nanos);
        for (Fault fault : faults) {
            if (!fault.target().version().isEmpty()
                    && fault.activeAt(elapsed)
                    && fault.target().hitsService(site, service, "")) {
                return fault.target().version();
            }
        }
        return usual;
    }

    boolean probeFails(String vantagePoint, long nanos) {
        Duration elapsed = elapsed(nanos);
        for (Fault fault : faults) {
            if (fault.target().kind() != FaultTarget.Kind.VANTAGE_POINT
                    || !fault.target().name().equals(vantagePoint)
                    || !fault.activeAt(elapsed)) {
                continue;
            }
            boolean fails = switch (fault.shape()) {
                case HARD_DOWN -> true;
                case FLAPPING -> fault.downAt(elapsed);
                case ERROR_RATE -> random.nextDouble() < fault.with().errorRate();
                default -> false;
            };
            if (fails) {
                return true;
            }
        }
        return false;
    }

    /** A metric's reported value after the faults on it in a cloud; {@code NaN} when it is not reported at all. */
    double metric(CloudSite site, String metric, long nanos, double usual) {
        Duration elapsed = elapsed(nanos);
        double value = usual;
        for (Fault fault : faults) {
            if (fault.target().kind() != FaultTarget.Kind.METRIC
                    || !fault.target().name().equals(metric)
                    || !fault.target().in(site)
                    || !fault.activeAt(elapsed)) {
                continue;
            }
            switch (fault.shape()) {
                case LAG_GROWTH -> value += fault.lagAt(elapsed).toMillis() / 1000.0;
                case NOISE -> {
                    if (random.nextDouble() < fault.with().share()) {
                        value += fault.with().amplitude() * (0.5 + random.nextDouble() / 2);
                    }
                }
                case HARD_DOWN -> value = 0;
                case FLAPPING -> value = fault.downAt(elapsed) ? 0 : value;
                default -> {}
            }
        }
        return value;
    }

    /** How far a cloud's clocks are off true time. */
    long clockOffsetNanos(String cloud, long trueNanos) {
        Duration elapsed = elapsed(trueNanos);
        for (Fault fault : faults) {
            if (fault.shape() == FaultShape.SKEW && fault.target().cloud().equals(cloud) && fault.activeAt(elapsed)) {
                return fault.with().offset().toNanos();
            }
        }
        return 0;
    }

    /** The collector fault of a cloud at the time telemetry leaves it, if any. */
    Fault collector(String cloud, long trueNanos) {
        Duration elapsed = elapsed(trueNanos);
        for (Fault fault : faults) {
            if (fault.target().kind() == FaultTarget.Kind.COLLECTOR
                    && fault.target().cloud().equals(cloud)
                    && fault.activeAt(elapsed)) {
                return fault;
            }
        }
        return null;
    }
}
