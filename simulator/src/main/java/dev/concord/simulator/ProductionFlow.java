package dev.concord.simulator;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;

/**
 * production-planning-to-execution: planning releases a plan, checks material with the inventory service and
 * dispatches a work order to the MES gateway; the shop floor reports the start later, in a trace of its own.
 */
final class ProductionFlow implements Flow {

    static final String TRANSACTION = "production-planning-to-execution";

    @Override
    public String transaction() {
        return TRANSACTION;
    }

    @Override
    public double peakPerMinute() {
        return 6;
    }

    @Override
    public void run(Journey j, long start) {
        Span plan =
                j.stage(Services.PLANNING_SERVICE, "POST /plans/release", SpanKind.SERVER, "plan-release", null, start);
        Context planContext = Context.root().with(plan);
        Conditions.Effect planning = j.world.conditions.call(j.site, Services.PLANNING_SERVICE, j.tenant, start);
        if (planning.failed()) {
            j.rejected(plan, Services.PLANNING_SERVICE, planning, start + j.world.millis(1, 5), "plan release failed");
            return;
        }
        long at = start + j.world.millis(2, 6);
        Span check = j.stage(
                Services.INVENTORY_SERVICE,
                "GET /materials/availability",
                SpanKind.SERVER,
                "material-check",
                planContext,
                at);
        Journey.Step step = j.serve(check, Services.INVENTORY_SERVICE, at, 10, 60, "material check failed");
        if (step.ok()) {
            at = step.endNanos() + j.world.millis(1, 4);
            Span dispatch = j.stage(
                    Services.MES_GATEWAY, "POST /work-orders", SpanKind.SERVER, "work-order-dispatch", planContext, at);
            step = j.serve(dispatch, Services.MES_GATEWAY, at, 20, 90, "work order dispatch failed");
        }
        long end = step.endNanos() + j.world.millis(1, 3);
        if (!step.ok()) {
            j.fail(plan, end, "plan release failed");
            return;
        }
        j.end(plan, end);
        long started = end + j.world.seconds(20, 120);
        Span floor = j.stage(
                Services.MES_GATEWAY, "POST /shop-floor/starts", SpanKind.SERVER, "shop-floor-start", null, started);
        j.serve(floor, Services.MES_GATEWAY, started, 10, 40, "shop floor start not recorded");
    }
}
