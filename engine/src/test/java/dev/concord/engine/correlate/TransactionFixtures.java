package dev.concord.engine.correlate;

import dev.concord.ingest.model.ResourceIdentity;
import dev.concord.ingest.model.Span;
import dev.concord.ingest.model.SpanKind;
import dev.concord.ingest.model.StatusCode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Named instants and a span builder, so each test reads as a timeline of one order. */
final class TransactionFixtures {

    static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
    static final Duration MAX_DURATION = Duration.ofMinutes(15);

    static final TransactionSpec ORDER_TO_FULFILLMENT = new TransactionSpec(
            "order-to-fulfillment",
            List.of("order-capture", "inventory-reserve", "pick", "ship", "erp-posting"),
            "erp-posting",
            MAX_DURATION);

    private TransactionFixtures() {}

    /** The same transaction with another failure rule. */
    static TransactionSpec failingOn(TransactionSpec.Failure failure) {
        return new TransactionSpec(
                ORDER_TO_FULFILLMENT.name(),
                ORDER_TO_FULFILLMENT.stages(),
                ORDER_TO_FULFILLMENT.completesAt(),
                ORDER_TO_FULFILLMENT.maxDuration(),
                failure);
    }

    static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    static long millis(Instant instant) {
        return instant.toEpochMilli();
    }

    /** A span of order {@code id} in a stage, from {@code startSecond} to {@code endSecond} after T0. */
    static SpanBuilder stage(String id, String stage, int startSecond, int endSecond) {
        return new SpanBuilder(id, stage, startSecond, endSecond);
    }

    static final class SpanBuilder {
        private final String id;
        private final String stage;
        private final int startSecond;
        private final int endSecond;
        private String service = "order-api";
        private String cloud = "aws";
        private String region = "us-east-1";
        private String tenant = "acme";
        private String trace = "t1";
        private String spanId;
        private String parent = "p";
        private boolean failed;
        private String transaction = "order-to-fulfillment";
        private double adjustedCount = 1.0;

        private SpanBuilder(String id, String stage, int startSecond, int endSecond) {
            this.id = id;
            this.stage = stage;
            this.startSecond = startSecond;
            this.endSecond = endSecond;
            this.spanId = id + "-" + stage;
        }

        SpanBuilder service(String value) {
            service = value;
            return this;
        }

        SpanBuilder in(String cloudProvider, String cloudRegion) {
            cloud = cloudProvider;
            region = cloudRegion;
            return this;
        }

        SpanBuilder tenant(String value) {
            tenant = value;
            return this;
        }

        SpanBuilder trace(String value) {
            trace = value;
            return this;
        }

        SpanBuilder spanId(String value) {
            spanId = value;
            return this;
        }

        SpanBuilder parent(String spanId) {
            parent = spanId;
            return this;
        }

        SpanBuilder root() {
            parent = "";
            return this;
        }

        SpanBuilder failed() {
            failed = true;
            return this;
        }

        SpanBuilder sampledOneIn(double value) {
            adjustedCount = value;
            return this;
        }

        SpanBuilder transaction(String value) {
            transaction = value;
            return this;
        }

        Span build() {
            return new Span(
                    new ResourceIdentity(service, "1.0.0", cloud, region, "production", tenant),
                    trace,
                    spanId,
                    parent,
                    stage,
                    SpanKind.SERVER,
                    nanos(at(startSecond)),
                    nanos(at(endSecond)),
                    failed ? StatusCode.ERROR : StatusCode.OK,
                    "",
                    transaction,
                    id,
                    stage,
                    Map.of(),
                    adjustedCount);
        }

        private static long nanos(Instant instant) {
            return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
        }
    }
}
