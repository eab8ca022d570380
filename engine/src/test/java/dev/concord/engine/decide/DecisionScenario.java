package dev.concord.engine.decide;

import dev.concord.engine.decide.signal.Observation;
import dev.concord.engine.slo.SloAlert;
import dev.concord.ingest.model.LogRecord;
import dev.concord.ingest.model.MetricKind;
import dev.concord.ingest.model.MetricSample;
import dev.concord.ingest.model.ProbeResult;
import dev.concord.ingest.model.ResourceIdentity;
import dev.concord.ingest.model.Span;
import dev.concord.ingest.model.SpanKind;
import dev.concord.ingest.model.StatusCode;
import dev.concord.rules.Rules;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.util.Collector;

/**
 * Two clouds' telemetry for the shipped web-api and erp-database policies, as a timeline with faults: the raw
 * inputs of the decision job, deterministic for the same settings.
 */
public final class DecisionScenario {

    public static final Instant START = Instant.parse("2026-01-05T10:00:00Z");
    public static final Instant ONSET = START.plus(Duration.ofMinutes(20));
    public static final long MINUTE = 60_000L;
    public static final String AWS = "aws";
    public static final String GCP = "gcp";
    public static final String AWS_REGION = "us-east-1";
    public static final String GCP_REGION = "us-central1";

    public static final List<PolicySpec> SHIPPED = DecisionRules.from(
            Rules.check(List.of(Path.of("..", "slo-rules", "rules"))).rules());

    public static PolicySpec policy(String name) {
        return SHIPPED.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    /** Minutes after START the telemetry covers. */
    public int minutes = 40;
    /** The primary's web tier (warehouse API) fails from ONSET for this long; zero for never. */
    public Duration webOutage = Duration.ZERO;
    /** The secondary's web tier fails too, over the same interval. */
    boolean targetDown;
    /** The primary's ERP database fails from ONSET for this long. */
    Duration erpOutage = Duration.ZERO;
    /** One outside vantage point fails every other run against the primary, all along. */
    boolean flappingVantagePoint;
    /** The ERP replica's lag, seconds. */
    double lagSeconds = 30;
    /** A lag reading from the primary's side as well (its own view of a replica that is not the target), or NaN. */
    double primarySideLagSeconds = Double.NaN;
    /** The primary's warehouse API runs version 2.0 from two minutes before ONSET, and it is what fails. */
    boolean badRelease;
    /** The SLO pipeline's page for the primary, a minute after ONSET, while the web tier is down. */
    boolean pageAlert = true;

    /**
     * The 1d/2h ticket of the same SLO, from five minutes after ONSET until its short window has forgotten the outage,
     * two hours after it ended: a burn alert that remembers the past long after the primary recovered.
     */
    boolean lingeringTicket;

    public List<SloAlert> alerts() {
        List<SloAlert> alerts = new ArrayList<>();
        if (pageAlert && !webOutage.isZero()) {
            long at = ONSET.toEpochMilli() + MINUTE;
            alerts.add(alert(at, true, "page", 60, 5));
            alerts.add(alert(ONSET.plus(webOutage).toEpochMilli() + MINUTE, false, "page", 60, 5));
        }
        if (lingeringTicket && !webOutage.isZero()) {
            alerts.add(alert(ONSET.toEpochMilli() + 5 * MINUTE, true, "ticket", 1440, 120));
            alerts.add(alert(ONSET.plus(webOutage).toEpochMilli() + 120 * MINUTE, false, "ticket", 1440, 120));
        }
        alerts.sort(Comparator.comparingLong(SloAlert::eventTimeMillis));
        return alerts;
    }

    private static SloAlert alert(long at, boolean firing, String severity, int longMinutes, int shortMinutes) {
        return new SloAlert(
                "order-to-fulfillment-availability",
                "order-to-fulfillment",
                AWS,
                AWS_REGION,
                "*",
                severity,
                longMinutes,
                shortMinutes,
                14.4,
                firing,
                at,
                40,
                60,
                0.5,
                Map.of(),
                Map.of());
    }

    public List<ProbeResult> probes() {
        List<ProbeResult> probes = new ArrayList<>();
        String[][] vantagePoints = {{"vp-virginia", AWS}, {"vp-iowa", GCP}, {"vp-frankfurt", "azure"}};
        int run = 0;
        for (long t = start(); t < end(); t += 10_000, run++) {
            for (String[] vp : vantagePoints) {
                ResourceIdentity prober = new ResourceIdentity("prober", "1.0", vp[1], "", "prod", "");
                boolean flapping = flappingVantagePoint && vp[0].equals("vp-frankfurt") && run % 2 == 0;
                probes.add(probe(prober, vp[0], AWS, AWS_REGION, t, !webDown(AWS, t) && !flapping));
                probes.add(probe(prober, vp[0], GCP, GCP_REGION, t, !webDown(GCP, t)));
            }
        }
        return probes;
    }

    private static ProbeResult probe(
            ResourceIdentity prober, String vp, String cloud, String region, long t, boolean success) {
        return new ProbeResult(
                prober,
                t * 1_000_000L,
                "order-flow",
                vp,
                cloud,
                region,
                "order-to-fulfillment",
                success,
                success ? 300_000_000L : 5_000_000_000L,
                success ? "" : "reserve-stock");
    }

    public List<MetricSample> metrics() {
        List<MetricSample> metrics = new ArrayList<>();
        for (long t = start(); t < end(); t += 5_000) {
            for (String cloud : List.of(AWS, GCP)) {
                metrics.add(new MetricSample(
                        resource("warehouse-api", webVersion(cloud, t), cloud),
                        "warehouse-api-health",
                        "1",
                        MetricKind.GAUGE,
                        t * 1_000_000L,
                        webDown(cloud, t) ? 0 : 1,
                        Map.of()));
                metrics.add(new MetricSample(
                        resource("erp-db", "14.2", cloud),
                        "erp-db-health",
                        "1",
                        MetricKind.GAUGE,
                        t * 1_000_000L,
                        erpDown(cloud, t) ? 0 : 1,
                        Map.of()));
            }
            if ((t - start()) % 30_000 == 0) {
                metrics.add(new MetricSample(
                        resource("erp-db", "14.2", GCP),
                        "db.replication.lag",
                        "s",
                        MetricKind.GAUGE,
                        t * 1_000_000L,
                        lagSeconds,
                        Map.of("db.cluster", "erp")));
                if (!Double.isNaN(primarySideLagSeconds)) {
                    metrics.add(new MetricSample(
                            resource("erp-db", "14.2", AWS),
                            "db.replication.lag",
                            "s",
                            MetricKind.GAUGE,
                            t * 1_000_000L + 1_000_000L,
                            primarySideLagSeconds,
                            Map.of("db.cluster", "erp")));
                }
            }
        }
        return metrics;
    }

    public List<Span> spans() {
        List<Span> spans = new ArrayList<>();
        int n = 0;
        for (long t = start(); t < end(); t += 2_000, n++) {
            for (String cloud : List.of(AWS, GCP)) {
                spans.add(span(
                        resource("inventory", "3.1", cloud),
                        SpanKind.CLIENT,
                        "erp-db-primary",
                        t,
                        erpDown(cloud, t),
                        n));
                spans.add(span(
                        resource("warehouse-api", webVersion(cloud, t), cloud),
                        SpanKind.SERVER,
                        "",
                        t,
                        webDown(cloud, t),
                        n));
            }
        }
        return spans;
    }

    private static Span span(ResourceIdentity resource, SpanKind kind, String peer, long t, boolean failed, int n) {
        return new Span(
                resource,
                String.format("%032x", n * 7L + resource.serviceName().hashCode() & 0xffffffffL),
                String.format("%016x", n),
                "",
                kind == SpanKind.CLIENT ? "SELECT" : "GET /stock",
                kind,
                (t - 20) * 1_000_000L,
                t * 1_000_000L,
                failed ? StatusCode.ERROR : StatusCode.OK,
                "",
                "",
                "",
                "",
                peer.isEmpty() ? Map.of() : Map.of("peer.service", peer),
                1.0);
    }

    public List<LogRecord> logs() {
        return List.of();
    }

    /** Everything above as the shipped policies observe it, in event-time order. */
    public List<Observation> observations() {
        List<Observation> all = new ArrayList<>();
        Collector<Observation> into = new Collector<>() {
            @Override
            public void collect(Observation record) {
                all.add(record);
            }

            @Override
            public void close() {}
        };
        alerts().forEach(a -> Observe.alerts(SHIPPED).flatMap(a, into));
        probes().forEach(p -> Observe.probes(SHIPPED).flatMap(p, into));
        metrics().forEach(m -> Observe.metrics(SHIPPED).flatMap(m, into));
        spans().forEach(s -> Observe.spans(SHIPPED).flatMap(s, into));
        all.sort(Comparator.comparingLong(Observation::timeMillis));
        return all;
    }

    public long start() {
        return START.toEpochMilli();
    }

    public long end() {
        return START.toEpochMilli() + minutes * MINUTE;
    }

    private boolean webDown(String cloud, long t) {
        boolean primaryDown = within(ONSET.toEpochMilli(), webOutage, t);
        return cloud.equals(AWS) ? primaryDown : targetDown && primaryDown;
    }

    private boolean erpDown(String cloud, long t) {
        return cloud.equals(AWS) && within(ONSET.toEpochMilli(), erpOutage, t);
    }

    private String webVersion(String cloud, long t) {
        return badRelease && cloud.equals(AWS) && t >= ONSET.toEpochMilli() - 2 * MINUTE ? "2.0" : "1.9";
    }

    private static boolean within(long from, Duration length, long t) {
        return t >= from && t < from + length.toMillis();
    }

    private static ResourceIdentity resource(String service, String version, String cloud) {
        return new ResourceIdentity(service, version, cloud, cloud.equals(AWS) ? AWS_REGION : GCP_REGION, "prod", "");
    }
}
