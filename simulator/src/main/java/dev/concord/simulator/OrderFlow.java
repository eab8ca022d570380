package dev.concord.simulator;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;

/**
 * order-to-fulfillment: the order API captures the order (after a token from the identity provider), the
 * warehouse reserves and picks, shipping books the shipment, and the order goes on the {@code erp-postings} queue;
 * the ERP connector posts it to the ERP in a second trace, linked to the first.
 */
final class OrderFlow implements Flow {

    static final String TRANSACTION = "order-to-fulfillment";
    static final String QUEUE = "erp-postings";
    private static final long NORMAL_QUEUE_DELAY_MILLIS = 150;

    @Override
    public String transaction() {
        return TRANSACTION;
    }

    @Override
    public double peakPerMinute() {
        return 24;
    }

    @Override
    public void run(Journey j, long start) {
        Span order = j.stage(Services.ORDER_API, "POST /orders", SpanKind.SERVER, "order-capture", null, start);
        Context orderContext = Context.root().with(order);
        Conditions.Effect api = j.world.conditions.call(j.site, Services.ORDER_API, j.tenant, start);
        if (api.failed()) {
            j.rejected(order, Services.ORDER_API, api, start + j.world.millis(1, 5), "order capture failed");
            return;
        }
        Journey.Step step = j.authenticate(
                Services.ORDER_API,
                order,
                start + api.addedNanos() + j.world.millis(1, 3),
                "order API: customer token rejected");
        if (!step.ok()) {
            j.fail(order, step.endNanos() + j.world.millis(1, 3), "authentication failed");
            return;
        }
        step = stage(
                j,
                orderContext,
                Services.WAREHOUSE_API,
                "POST /reservations",
                "inventory-reserve",
                step.endNanos(),
                "stock reservation failed");
        if (step.ok()) {
            step = stage(
                    j,
                    orderContext,
                    Services.WAREHOUSE_API,
                    "POST /pick-lists",
                    "pick",
                    step.endNanos(),
                    "pick list failed");
        }
        if (step.ok()) {
            step = stage(
                    j,
                    orderContext,
                    Services.SHIPPING_SERVICE,
                    "POST /shipments",
                    "ship",
                    step.endNanos(),
                    "shipment booking failed");
        }
        if (!step.ok()) {
            j.fail(order, step.endNanos() + j.world.millis(1, 3), "order failed");
            return;
        }
        Journey.Published published = j.publish(Services.ORDER_API, order, step.endNanos(), QUEUE);
        long orderEnd = published.step().endNanos() + j.world.millis(1, 3);
        if (!published.step().ok()) {
            j.fail(order, orderEnd, "order not handed to the ERP");
            return;
        }
        j.end(order, orderEnd);
        long delivered = published.step().endNanos()
                + j.world.millis(50, (int) (2 * NORMAL_QUEUE_DELAY_MILLIS))
                + j.world.conditions.lagNanos(j.site, Services.MESSAGE_BROKER, orderEnd);
        ErpPosting.post(j, QUEUE + " process", "erp-posting", published, delivered);
    }

    private static Journey.Step stage(
            Journey j, Context parent, String service, String name, String stage, long at, String failure) {
        long start = at + j.world.millis(1, 4);
        Span span = j.stage(service, name, SpanKind.SERVER, stage, parent, start);
        return j.serve(span, service, start, 20, 90, failure);
    }
}
