package dev.concord.simulator;

import io.opentelemetry.api.trace.Span;

/**
 * The ERP connector's side of a queue: it consumes a posting in a trace of its own, authenticates to the ERP
 * through the identity provider and writes to the ERP database. Shared by order and inventory postings.
 */
final class ErpPosting {

    /** Attempts at a posting before the connector gives up on it. */
    static final int ATTEMPTS = 3;

    private ErpPosting() {}

    static void post(Journey j, String name, String stage, Journey.Published published, long start) {
        Span posting = j.consumed(Services.ERP_CONNECTOR, name, stage, published.producer(), start);
        Conditions.Effect connector = j.world.conditions.call(j.site, Services.ERP_CONNECTOR, j.tenant, start);
        long at = start + j.world.millis(1, 5) + connector.addedNanos();
        if (connector.failed()) {
            // a posting the connector cannot deliver fails alike on each attempt; it gives up after the last one
            long end = at;
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                end += j.world.millis(5, 30);
                j.log(
                        Services.ERP_CONNECTOR,
                        posting,
                        end,
                        io.opentelemetry.api.logs.Severity.ERROR,
                        "ERP connector: posting failed: connector error (attempt " + attempt + " of " + ATTEMPTS + ")");
            }
            j.fail(posting, end, "posting failed");
            return;
        }
        Journey.Step step = j.authenticate(Services.ERP_CONNECTOR, posting, at, "ERP connector: authentication failed");
        if (step.ok()) {
            step = j.writeErp(posting, step.endNanos() + j.world.millis(1, 3), "INSERT erp.postings");
        }
        long end = step.endNanos() + j.world.millis(1, 4);
        if (step.ok()) {
            j.end(posting, end);
        } else {
            j.fail(posting, end, "posting failed");
        }
    }
}
