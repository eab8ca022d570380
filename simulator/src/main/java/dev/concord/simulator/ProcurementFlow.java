package dev.concord.simulator;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;

/**
 * procurement-to-receiving: a requisition becomes a purchase order in one trace; the supplier confirms and sends an
 * advance shipping notice minutes later, each a call of its own into the supplier gateway; the goods receipt at the
 * dock is a third, separate trace. Only the business transaction id ties them together.
 */
final class ProcurementFlow implements Flow {

    static final String TRANSACTION = "procurement-to-receiving";

    @Override
    public String transaction() {
        return TRANSACTION;
    }

    @Override
    public double peakPerMinute() {
        return 8;
    }

    @Override
    public void run(Journey j, long start) {
        Span requisition =
                j.stage(Services.PROCUREMENT_API, "POST /requisitions", SpanKind.SERVER, "requisition", null, start);
        Conditions.Effect api = j.world.conditions.call(j.site, Services.PROCUREMENT_API, j.tenant, start);
        if (api.failed()) {
            j.rejected(requisition, Services.PROCUREMENT_API, api, start + j.world.millis(1, 5), "requisition failed");
            return;
        }
        Journey.Step step = j.authenticate(
                Services.PROCUREMENT_API, requisition, start + j.world.millis(1, 3), "procurement API: token rejected");
        if (step.ok()) {
            long at = step.endNanos() + j.world.millis(1, 4);
            Span order = j.stage(
                    Services.PROCUREMENT_API,
                    "POST /purchase-orders",
                    SpanKind.SERVER,
                    "purchase-order",
                    Context.root().with(requisition),
                    at);
            step = j.serve(order, Services.PROCUREMENT_API, at, 20, 80, "purchase order failed");
        }
        long end = step.endNanos() + j.world.millis(1, 3);
        if (!step.ok()) {
            j.fail(requisition, end, "requisition failed");
            return;
        }
        j.end(requisition, end);
        long confirmed = end + j.world.seconds(30, 150);
        if (!callback(
                j, Services.SUPPLIER_GATEWAY, "POST /supplier/confirmations", "supplier-confirmation", confirmed)) {
            return;
        }
        long noticed = confirmed + j.world.seconds(60, 180);
        if (!callback(j, Services.SUPPLIER_GATEWAY, "POST /supplier/shipping-notices", "shipping-notice", noticed)) {
            return;
        }
        callback(
                j,
                Services.RECEIVING_SERVICE,
                "POST /goods-receipts",
                "goods-receipt",
                noticed + j.world.seconds(60, 150));
    }

    private static boolean callback(Journey j, String service, String name, String stage, long at) {
        Span span = j.stage(service, name, SpanKind.SERVER, stage, null, at);
        return j.serve(span, service, at, 15, 70, stage + " failed").ok();
    }
}
