package dev.concord.simulator;

import static java.util.concurrent.TimeUnit.NANOSECONDS;

import dev.concord.ingest.Conventions;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;

/**
 * Synthetic probes: every 15 seconds each vantage point runs {@code order-flow} (token, order capture, stock
 * reservation) and {@code storefront-dns} (the cloud's edge answers) against each cloud. Probe names are the ones the
 * failover policies listen to.
 */
final class Probes {

    static final String ORDER_FLOW = "order-flow";
    static final String STOREFRONT_DNS = "storefront-dns";
    /** Runs per minute of each probe from each vantage point: enough for a one-minute view per vantage point. */
    static final int RUNS_PER_MINUTE = 4;

    private final World world;

    Probes(World world) {
        this.world = world;
    }

    void runMinute(long minuteNanos) {
        for (int run = 0; run < RUNS_PER_MINUTE; run++) {
            long runStart = minuteNanos + run * (Times.NANOS_PER_MINUTE / RUNS_PER_MINUTE);
            int index = 0;
            for (VantagePoint vantage : VantagePoint.DEFAULTS) {
                for (CloudSite target : world.plan.topology().sites()) {
                    long at = runStart + (index++ + 1) * Times.NANOS_PER_SECOND;
                    probe(vantage, target, ORDER_FLOW, at, orderFlowFailure(target, at));
                    probe(vantage, target, STOREFRONT_DNS, at + Times.NANOS_PER_SECOND / 2, edgeFailure(target, at));
                }
            }
        }
    }

    private String orderFlowFailure(CloudSite target, long at) {
        if (world.conditions.call(target, Services.IDENTITY_PROVIDER, "", at).failed()) {
            return "login";
        }
        if (world.conditions.call(target, Services.ORDER_API, "", at).failed()) {
            return "capture-order";
        }
        if (world.conditions.call(target, Services.WAREHOUSE_API, "", at).failed()) {
            return "reserve-stock";
        }
        return "";
    }

    private String edgeFailure(CloudSite target, long at) {
        return world.conditions.down(target, Services.EDGE, at) ? "resolve" : "";
    }

    private void probe(VantagePoint vantage, CloudSite target, String probe, long at, String failedStep) {
        if (failedStep.isEmpty() && world.conditions.probeFails(vantage.name(), at)) {
            failedStep = "connect";
        }
        AttributesBuilder attributes = Attributes.builder()
                .put(Conventions.USER_AGENT_SYNTHETIC_TYPE, Conventions.SYNTHETIC_TYPE_TEST)
                .put(Conventions.SYNTHETIC_PROBE_NAME, probe)
                .put(Conventions.SYNTHETIC_VANTAGE_POINT, vantage.name())
                .put(Conventions.SYNTHETIC_TARGET_CLOUD_PROVIDER, target.provider())
                .put(Conventions.SYNTHETIC_TARGET_CLOUD_REGION, target.region());
        if (probe.equals(ORDER_FLOW)) {
            attributes.put(Conventions.BUSINESS_TRANSACTION, OrderFlow.TRANSACTION);
        }
        Span span = world.tracer(vantage.site(), Services.SYNTHETIC_PROBER, "", at)
                .spanBuilder("probe " + probe)
                .setSpanKind(SpanKind.CLIENT)
                .setNoParent()
                .setStartTimestamp(world.stamp(vantage.site(), at), NANOSECONDS)
                .setAllAttributes(attributes.build())
                .startSpan();
        long end = at + world.millis(150, 700);
        if (failedStep.isEmpty()) {
            span.setStatus(StatusCode.OK);
        } else {
            span.setAttribute(Conventions.SYNTHETIC_PROBE_FAILED_STEP, failedStep);
            span.setStatus(StatusCode.ERROR, "probe failed at " + failedStep);
            end += failedStep.equals("connect") ? 5 * Times.NANOS_PER_SECOND : 0;
        }
        span.end(world.stamp(vantage.site(), end), NANOSECONDS);
    }
}
