package dev.concord.engine.ratio;

import dev.concord.ingest.model.ResourceIdentity;
import dev.concord.ingest.model.Span;
import dev.concord.ingest.model.SpanKind;
import dev.concord.ingest.model.StatusCode;
import java.time.Instant;
import java.util.Map;

/** Named instants and span factories, so tests read as timelines. */
final class Fixtures {

    static final Instant NINE_O_CLOCK = Instant.parse("2026-01-05T09:00:00Z");
    static final Instant NINE_O_ONE = NINE_O_CLOCK.plusSeconds(60);
    static final Instant NINE_O_TWO = NINE_O_CLOCK.plusSeconds(120);

    static final String TRANSACTION = "order-to-fulfillment";
    static final TransactionCloud AWS = new TransactionCloud(TRANSACTION, "aws", "us-east-1");
    static final TransactionCloud GCP = new TransactionCloud(TRANSACTION, "gcp", "us-central1");

    private static long nextId = 1;

    private Fixtures() {}

    static Span succeededAt(TransactionCloud where, Instant end) {
        return root(where, end, StatusCode.OK);
    }

    static Span failedAt(TransactionCloud where, Instant end) {
        return root(where, end, StatusCode.ERROR);
    }

    static Span childAt(TransactionCloud where, Instant end) {
        Span root = root(where, end, StatusCode.ERROR);
        return new Span(
                root.resource(),
                root.traceId(),
                String.format("%016x", nextId++),
                root.spanId(),
                "POST /reservations",
                SpanKind.SERVER,
                root.startTimeUnixNano(),
                root.endTimeUnixNano(),
                StatusCode.ERROR,
                "",
                root.businessTransaction(),
                root.businessTransactionId(),
                "warehouse-reservation",
                Map.of(),
                1.0);
    }

    static Span withoutTransaction(TransactionCloud where, Instant end) {
        Span root = root(where, end, StatusCode.ERROR);
        return new Span(
                root.resource(),
                root.traceId(),
                root.spanId(),
                "",
                "GET /health",
                SpanKind.SERVER,
                root.startTimeUnixNano(),
                root.endTimeUnixNano(),
                StatusCode.ERROR,
                "",
                "",
                "",
                "",
                Map.of(),
                1.0);
    }

    private static Span root(TransactionCloud where, Instant end, StatusCode status) {
        long id = nextId++;
        long endNanos = end.getEpochSecond() * 1_000_000_000L + end.getNano();
        return new Span(
                new ResourceIdentity("order-api", "1.0.0", where.cloudProvider(), where.cloudRegion(), "prod", "acme"),
                String.format("%032x", id),
                String.format("%016x", id),
                "",
                "POST /orders",
                SpanKind.SERVER,
                endNanos - 50_000_000L,
                endNanos,
                status,
                "",
                where.transaction(),
                "o2f-" + id,
                "order-capture",
                Map.of(),
                1.0);
    }

    static long millis(Instant instant) {
        return instant.toEpochMilli();
    }
}
