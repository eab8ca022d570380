package dev.concord.simulator;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;

/**
 * inventory-to-financial-posting: the warehouse records a stock movement, costing values it, and the movement goes
 * on the {@code ledger-postings} queue; the ERP connector posts it to the general ledger in a second trace.
 */
final class PostingFlow implements Flow {

    static final String TRANSACTION = "inventory-to-financial-posting";
    static final String QUEUE = "ledger-postings";

    @Override
    public String transaction() {
        return TRANSACTION;
    }

    @Override
    public double peakPerMinute() {
        return 10;
    }

    @Override
    public void run(Journey j, long start) {
        Span movement = j.stage(
                Services.WAREHOUSE_API, "POST /stock-movements", SpanKind.SERVER, "inventory-movement", null, start);
        Conditions.Effect warehouse = j.world.conditions.call(j.site, Services.WAREHOUSE_API, j.tenant, start);
        long at = start + j.world.millis(5, 20) + warehouse.addedNanos();
        if (warehouse.failed()) {
            j.rejected(movement, Services.WAREHOUSE_API, warehouse, at, "stock movement failed");
            return;
        }
        Span valuation = j.stage(
                Services.COSTING_SERVICE,
                "POST /valuations",
                SpanKind.SERVER,
                "valuation",
                Context.root().with(movement),
                at);
        Journey.Step step = j.serve(valuation, Services.COSTING_SERVICE, at, 10, 50, "valuation failed");
        if (!step.ok()) {
            j.fail(movement, step.endNanos() + j.world.millis(1, 3), "stock movement not valued");
            return;
        }
        Journey.Published published = j.publish(Services.WAREHOUSE_API, movement, step.endNanos(), QUEUE);
        long end = published.step().endNanos() + j.world.millis(1, 3);
        if (!published.step().ok()) {
            j.fail(movement, end, "stock movement not handed to the ledger");
            return;
        }
        movement.setAttribute(Journey.HTTP_STATUS, 201L);
        j.end(movement, end);
        long delivered = published.step().endNanos()
                + j.world.millis(50, 400)
                + j.world.conditions.lagNanos(j.site, Services.MESSAGE_BROKER, end);
        ErpPosting.post(j, QUEUE + " process", "ledger-posting", published, delivered);
    }
}
