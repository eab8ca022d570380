package dev.concord.engine.testing;

import dev.concord.engine.correlate.TransactionSpec;
import dev.concord.engine.slo.BurnWindow;
import dev.concord.engine.slo.SloSpec;
import dev.concord.ingest.model.Span;
import dev.concord.simulator.CloudSite;
import dev.concord.simulator.Outage;
import dev.concord.simulator.SimulationSettings;
import dev.concord.simulator.TwoCloudSimulator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The end-to-end tests' shared world: thirty minutes of order-to-fulfillment traffic in both clouds, the primary's
 * warehouse API down from minute 10 to 20, and the rules that watch it. No background failures: with only minutes of
 * history, one would already burn a whole hour's budget.
 */
public final class WarehouseOutage {

    public static final Instant START = SimulationSettings.DEFAULT_START;
    public static final Instant ONSET = START.plus(Duration.ofMinutes(10));
    public static final long STOP_AT_MILLIS = START.plus(Duration.ofMinutes(40)).toEpochMilli();

    /** google-30d, as the SRE workbook publishes it. */
    public static final List<BurnWindow> GOOGLE_30D = List.of(
            new BurnWindow("page", 60, 5, 14.4),
            new BurnWindow("page", 360, 30, 6),
            new BurnWindow("ticket", 1440, 120, 3),
            new BurnWindow("ticket", 4320, 360, 1));

    public static final TransactionSpec ORDERS = new TransactionSpec(
            "order-to-fulfillment",
            List.of("order-capture", "warehouse-reservation", "fulfillment"),
            "fulfillment",
            Duration.ofMinutes(5));

    public static final SloSpec AVAILABILITY = new SloSpec(
            "order-to-fulfillment-availability",
            "order-to-fulfillment",
            0,
            0.999,
            30 * 24 * 60,
            "",
            GOOGLE_30D,
            50,
            true,
            true,
            false,
            Map.of("team", "fulfillment"),
            Map.of());

    /** The same transaction and SLO in the rule language. */
    public static final String RULES = """
            apiVersion: concord.dev/v1
            kind: BusinessTransaction
            metadata: {name: order-to-fulfillment}
            spec:
              stages: [order-capture, warehouse-reservation, fulfillment]
              completesAt: fulfillment
              maxDuration: 5m
            ---
            apiVersion: concord.dev/v1
            kind: SLO
            metadata: {name: order-to-fulfillment-availability}
            spec:
              transaction: order-to-fulfillment
              indicator: {availability: {}}
              objective: 99.9
              window: {rolling: 30d}
              budgeting: occurrences
              groupBy: [cloud, region]
              alerting: {windows: google-30d, minEvents: 50}
            """;

    private WarehouseOutage() {}

    public static List<Span> spans(long seed) {
        return new TwoCloudSimulator(SimulationSettings.builder()
                        .seed(seed)
                        .baselineErrorRate(0)
                        .outage(new Outage(
                                CloudSite.AWS_US_EAST_1, "warehouse-api", ONSET, ONSET.plus(Duration.ofMinutes(10))))
                        .build())
                .run();
    }
}
