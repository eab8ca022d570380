package dev.concord.simulator;

import dev.concord.simulator.emit.CanonicalRecords;
import dev.concord.simulator.emit.TelemetryOutput;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Runs the two-cloud world of a {@link SimulationPlan} minute by minute in simulated time: the four business
 * transactions for every tenant in both clouds, following the daily curve; synthetic probes; guard metrics; and the
 * plan's faults. Telemetry comes from the services' real OpenTelemetry SDK providers and goes to an output in
 * delivery order. The same plan and seed give the same telemetry, byte for byte.
 */
public final class Simulator {

    private static final List<Flow> FLOWS =
            List.of(new OrderFlow(), new ProcurementFlow(), new ProductionFlow(), new PostingFlow());

    /** Each cloud's share of a tenant's traffic: both serve, the primary more. */
    private static final double PRIMARY_SHARE = 0.6;

    private final SimulationPlan plan;

    public Simulator(SimulationPlan plan) {
        this.plan = plan;
    }

    public void run(TelemetryOutput output) {
        SimulatedClock clock = new SimulatedClock(Times.epochNanos(plan.start()));
        SplittableRandom random = new SplittableRandom(plan.seed());
        try (Sdk sdk = new Sdk(plan.seed(), clock)) {
            World world = new World(plan, sdk, random);
            Delivery delivery = new Delivery(world.conditions, plan.seed());
            Probes probes = new Probes(world);
            GuardMetrics metrics = new GuardMetrics(world);
            long start = Times.epochNanos(plan.start());
            long minutes = plan.duration().toMinutes();
            long sequence = 0;
            for (long minute = 0; minute < minutes; minute++) {
                long minuteStart = start + minute * Times.NANOS_PER_MINUTE;
                double load = DailyCurve.at(plan.start().plus(Duration.ofMinutes(minute))) * plan.trafficScale();
                for (CloudSite site : plan.topology().sites()) {
                    double siteShare = site.equals(plan.topology().primary()) ? PRIMARY_SHARE : 1 - PRIMARY_SHARE;
                    for (Flow flow : FLOWS) {
                        for (Tenant tenant : plan.tenants()) {
                            int arrivals = poisson(random, flow.peakPerMinute() * load * siteShare * tenant.share());
                            for (int i = 0; i < arrivals; i++) {
                                long at = minuteStart + random.nextLong(Times.NANOS_PER_MINUTE / 1000) * 1000;
                                String id = flow.transaction() + "-" + tenant.id() + "-" + (++sequence);
                                flow.run(new Journey(world, site, tenant.id(), flow.transaction(), id), at);
                            }
                        }
                    }
                }
                probes.runMinute(minuteStart);
                long minuteEnd = minuteStart + Times.NANOS_PER_MINUTE;
                for (long report = 1; report <= GuardMetrics.REPORTS_PER_MINUTE; report++) {
                    long at = minuteStart + report * (Times.NANOS_PER_MINUTE / GuardMetrics.REPORTS_PER_MINUTE) - 1;
                    metrics.record(at);
                    clock.set(at);
                    delivery.metrics(sdk.collectMetrics(), at);
                }
                delivery.spans(sdk.takeSpans());
                delivery.logs(sdk.takeLogs());
                delivery.sendBefore(minuteStart, output);
            }
            delivery.sendAll(output);
        }
    }

    /** Runs in process and returns what Concord's decoder made of the telemetry, in delivery order. */
    public CanonicalRecords runInProcess() {
        CanonicalRecords records =
                new CanonicalRecords(Clock.fixed(plan.end().plus(Duration.ofDays(1)), ZoneOffset.UTC));
        run(records);
        return records;
    }

    /** Knuth's method: rates here are small, a few per minute. */
    private static int poisson(SplittableRandom random, double mean) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            count++;
            product *= random.nextDouble();
        }
        return count;
    }
}
