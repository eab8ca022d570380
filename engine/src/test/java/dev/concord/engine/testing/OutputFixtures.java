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
 * The scenario every output test runs: thirty transactions a minute in each cloud, the primary's warehouse API down
 * from minute 10 to minute 20. SLO names carry a per-run suffix so parallel runs against shared services never see
 * each other's series, documents or alerts.
 */
public final class OutputFixtures {

    public static final Instant START = SimulationSettings.DEFAULT_START;
    public static final Instant OUTAGE = START.plus(Duration.ofMinutes(10));
    public static final Instant RECOVERY = OUTAGE.plus(Duration.ofMinutes(10));
    public static final long STOP_AT = START.plus(Duration.ofMinutes(40)).toEpochMilli();
    public static final long TRANSACTIONS = 2 * 30 * 30;

    public static final TransactionSpec ORDER_TO_FULFILLMENT = new TransactionSpec(
            "order-to-fulfillment",
            List.of("order-capture", "warehouse-reservation", "fulfillment"),
            "fulfillment",
            Duration.ofMinutes(5));

    /** The Google SRE workbook's 30-day table. */
    public static final List<BurnWindow> GOOGLE_30D = List.of(
            new BurnWindow(SloSpec.SEVERITY_PAGE, 60, 5, 14.4),
            new BurnWindow(SloSpec.SEVERITY_PAGE, 360, 30, 6),
            new BurnWindow(SloSpec.SEVERITY_TICKET, 1440, 120, 3),
            new BurnWindow(SloSpec.SEVERITY_TICKET, 4320, 360, 1));

    private OutputFixtures() {}

    public static SloSpec availability(String runId) {
        return new SloSpec(
                "order-to-fulfillment-availability-" + runId,
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
                Map.of("runbook_url", "https://runbooks.example.com/order-to-fulfillment"));
    }

    public static List<Span> spans() {
        // no background failures: with only minutes of history, one would already burn a whole hour's budget
        return new TwoCloudSimulator(SimulationSettings.builder()
                        .seed(11)
                        .baselineErrorRate(0)
                        .outage(new Outage(CloudSite.AWS_US_EAST_1, "warehouse-api", OUTAGE, RECOVERY))
                        .build())
                .run();
    }
}
