package dev.concord.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Two clouds' telemetry written straight as OTLP/JSON lines, one export request a line, as a Collector's file
 * exporter writes it: a generator of its own, sharing nothing with Concord's simulator or the OpenTelemetry SDK, so
 * that detection and decisions are tested on shapes Concord did not make. It follows only the conventions of the
 * README: {@code business.transaction*} span attributes, {@code cloud.*} and {@code tenant.id} resource attributes,
 * synthetic probe spans, a health gauge.
 *
 * <p>An order is five chained stage spans in one trace, each the child of the previous, the first the root; a failed
 * stage ends it (no later stage follows). Orders start evenly spread over each minute, so the share that fails in a
 * scenario is exact, not sampled.
 */
final class ForeignTelemetry {

    static final String[] STAGES = {"order-capture", "inventory-reserve", "pick", "ship", "erp-posting"};
    static final String[] CLOUDS = {"aws", "gcp"};
    private static final String[][] VANTAGE_POINTS = {
        {"vp-ashburn", "aws"}, {"vp-council-bluffs", "gcp"}, {"vp-paris", "ovh"}, {"vp-osaka", "sakura"}
    };
    private static final long SECOND_NANOS = 1_000_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What to write: every time is epoch seconds.
     *
     * @param sampleOneIn keep one order in this many, its spans marked with the OpenTelemetry tracestate threshold
     *     that says so ({@code ot=th:...}); 1 keeps all
     * @param stagesAsRoots each stage its own trace, a root span with no parent (as behind queues), instead of a chain
     * @param flappingVantagePoint one vantage point fails every other run against aws, all along
     */
    record Shape(
            long startSecond,
            int minutes,
            int ordersPerMinutePerCloud,
            List<String> tenants,
            int regionsPerCloud,
            long probeEverySeconds,
            List<Fault> faults,
            int sampleOneIn,
            boolean stagesAsRoots,
            boolean flappingVantagePoint) {

        /** One tenant at 20 orders a minute per cloud, one region each, probes once a minute, nothing sampled. */
        static Shape plain(long startSecond, int minutes, List<Fault> faults) {
            return new Shape(startSecond, minutes, 20, List.of("acme"), 1, 60, faults, 1, false, false);
        }

        Shape probingEvery(long seconds) {
            return new Shape(
                    startSecond,
                    minutes,
                    ordersPerMinutePerCloud,
                    tenants,
                    regionsPerCloud,
                    seconds,
                    faults,
                    sampleOneIn,
                    stagesAsRoots,
                    flappingVantagePoint);
        }

        Shape withRegions(int regions) {
            return new Shape(
                    startSecond,
                    minutes,
                    ordersPerMinutePerCloud,
                    tenants,
                    regions,
                    probeEverySeconds,
                    faults,
                    sampleOneIn,
                    stagesAsRoots,
                    flappingVantagePoint);
        }

        Shape withTenants(List<String> names) {
            return new Shape(
                    startSecond,
                    minutes,
                    ordersPerMinutePerCloud,
                    names,
                    regionsPerCloud,
                    probeEverySeconds,
                    faults,
                    sampleOneIn,
                    stagesAsRoots,
                    flappingVantagePoint);
        }

        Shape sampledOneIn(int n) {
            return new Shape(
                    startSecond,
                    minutes,
                    ordersPerMinutePerCloud,
                    tenants,
                    regionsPerCloud,
                    probeEverySeconds,
                    faults,
                    n,
                    stagesAsRoots,
                    flappingVantagePoint);
        }

        Shape withStagesAsRoots() {
            return new Shape(
                    startSecond,
                    minutes,
                    ordersPerMinutePerCloud,
                    tenants,
                    regionsPerCloud,
                    probeEverySeconds,
                    faults,
                    sampleOneIn,
                    true,
                    flappingVantagePoint);
        }

        Shape withFlappingVantagePoint() {
            return new Shape(
                    startSecond,
                    minutes,
                    ordersPerMinutePerCloud,
                    tenants,
                    regionsPerCloud,
                    probeEverySeconds,
                    faults,
                    sampleOneIn,
                    stagesAsRoots,
                    true);
        }
    }

    /**
     * From {@code fromSecond} to {@code toSecond}, {@code perTenThousand} of every 10 000 orders of {@code cloud} fail
     * in the pick stage (spread evenly), and for an outage its probes and health checks fail too; a release fault moves
     * the warehouse API to version 7.1.0 two minutes before and fails only its orders.
     */
    record Fault(
            String cloud,
            String region,
            long fromSecond,
            long toSecond,
            int perTenThousand,
            boolean outage,
            boolean release) {

        /** A fault of the whole cloud, every region. */
        Fault(String cloud, long fromSecond, long toSecond, int perTenThousand, boolean outage, boolean release) {
            this(cloud, null, fromSecond, toSecond, perTenThousand, outage, release);
        }

        boolean covers(String cloudOf, String regionOf) {
            return cloud.equals(cloudOf) && (region == null || region.equals(regionOf));
        }

        boolean fails(String cloudOf, String regionOf, long second, long order) {
            // Bresenham's spread: exactly perTenThousand of any 10 000 consecutive orders, never bunched
            return covers(cloudOf, regionOf)
                    && second >= fromSecond
                    && second < toSecond
                    && (order + 1) * perTenThousand / 10_000 != order * perTenThousand / 10_000;
        }

        boolean down(String cloudOf, String regionOf, long second) {
            return outage && covers(cloudOf, regionOf) && second >= fromSecond && second < toSecond;
        }
    }

    private final Shape shape;
    private long ids;

    ForeignTelemetry(Shape shape) {
        this.shape = shape;
    }

    /** Writes the recording to one file, the export requests in the order of their minute. */
    void writeTo(Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (int minute = 0; minute < shape.minutes(); minute++) {
                long minuteStart = shape.startSecond() + minute * 60L;
                for (String cloud : CLOUDS) {
                    out.write(JSON.writeValueAsString(orders(cloud, minuteStart)));
                    out.newLine();
                    out.write(JSON.writeValueAsString(health(cloud, minuteStart)));
                    out.newLine();
                }
                ObjectNode probes = probes(minuteStart);
                if (probes.withArray("resourceSpans").size() > 0) {
                    out.write(JSON.writeValueAsString(probes));
                    out.newLine();
                }
            }
        }
    }

    private ObjectNode orders(String cloud, long minuteStart) {
        ObjectNode request = JSON.createObjectNode();
        ArrayNode resources = request.putArray("resourceSpans");
        int n = shape.ordersPerMinutePerCloud();
        for (int i = 0; i < n; i++) {
            long order = (minuteStart - shape.startSecond()) / 60 * n + i;
            if (order % shape.sampleOneIn() != 0) {
                continue;
            }
            long startNanos = minuteStart * SECOND_NANOS + i * 60 * SECOND_NANOS / n;
            long second = startNanos / SECOND_NANOS;
            String tenant = shape.tenants().get((int) (order % shape.tenants().size()));
            String region = region(cloud, (int) (order / shape.tenants().size() % shape.regionsPerCloud()));
            boolean released = shape.faults().stream()
                    .anyMatch(f -> f.release() && f.covers(cloud, region) && second >= f.fromSecond() - 120);
            boolean failed = shape.faults().stream().anyMatch(f -> f.fails(cloud, region, second, order));
            String trace = hex(++ids, 32);
            String parent = "";
            long at = startNanos;
            for (String stage : STAGES) {
                boolean failsHere = failed && stage.equals("pick");
                String service = stage.equals("pick") || stage.equals("inventory-reserve") ? "warehouse-api" : "orders";
                String version = service.equals("warehouse-api") && released ? "7.1.0" : "7.0.1";
                String span = hex(++ids, 16);
                long end = at + 150_000_000L;
                ObjectNode resource = resources.addObject();
                resource.putObject("resource")
                        .set(
                                "attributes",
                                attributes(
                                        "service.name", service,
                                        "service.version", version,
                                        "cloud.provider", cloud,
                                        "cloud.region", region,
                                        "tenant.id", tenant));
                ObjectNode s = resource.putArray("scopeSpans")
                        .addObject()
                        .putArray("spans")
                        .addObject();
                s.put("traceId", trace).put("spanId", span).put("parentSpanId", parent);
                s.put("name", stage).put("kind", parent.isEmpty() ? 2 : 1);
                if (shape.sampleOneIn() > 1) {
                    s.put("traceState", "ot=th:" + threshold(shape.sampleOneIn()));
                }
                s.put("startTimeUnixNano", Long.toString(at)).put("endTimeUnixNano", Long.toString(end));
                s.set(
                        "attributes",
                        attributes(
                                "business.transaction",
                                "order-to-fulfillment",
                                "business.transaction.id",
                                "fo-" + cloud + "-" + order,
                                "business.transaction.stage",
                                stage));
                s.putObject("status").put("code", failsHere ? 2 : 1);
                if (failsHere) {
                    break;
                }
                if (shape.stagesAsRoots()) {
                    trace = hex(++ids, 32);
                } else {
                    parent = span;
                }
                at = end + 10_000_000L;
            }
        }
        return request;
    }

    /**
     * The rejection threshold of one-in-{@code n} sampling as the OpenTelemetry tracestate writes it: (1 - 1/n) x
     * 2^56 in hexadecimal, trailing zeros dropped.
     */
    static String threshold(int n) {
        long value = (1L << 56) - (1L << 56) / n;
        String hex = hex(value, 14);
        return hex.replaceAll("0+$", "");
    }

    private ObjectNode health(String cloud, long minuteStart) {
        ObjectNode request = JSON.createObjectNode();
        ArrayNode resources = request.putArray("resourceMetrics");
        for (int r = 0; r < shape.regionsPerCloud(); r++) {
            ObjectNode resource = resources.addObject();
            resource.putObject("resource")
                    .set(
                            "attributes",
                            attributes(
                                    "service.name",
                                    "warehouse-api",
                                    "service.version",
                                    "7.0.1",
                                    "cloud.provider",
                                    cloud,
                                    "cloud.region",
                                    region(cloud, r)));
            ObjectNode metric = resource.putArray("scopeMetrics")
                    .addObject()
                    .putArray("metrics")
                    .addObject();
            metric.put("name", "warehouse-api-health").put("unit", "1");
            ArrayNode points = metric.putObject("gauge").putArray("dataPoints");
            for (long second = minuteStart; second < minuteStart + 60; second += 30) {
                long at = second;
                String region = region(cloud, r);
                boolean down = shape.faults().stream().anyMatch(f -> f.down(cloud, region, at));
                points.addObject()
                        .put("timeUnixNano", Long.toString(second * SECOND_NANOS))
                        .put("asDouble", down ? 0 : 1);
            }
        }
        return request;
    }

    private ObjectNode probes(long minuteStart) {
        ObjectNode request = JSON.createObjectNode();
        ArrayNode resources = request.putArray("resourceSpans");
        long every = shape.probeEverySeconds();
        for (int v = 0; v < VANTAGE_POINTS.length; v++) {
            long offset = v * every / VANTAGE_POINTS.length;
            for (long second = minuteStart; second < minuteStart + 60; second++) {
                if ((second - shape.startSecond() - offset) % every != 0) {
                    continue;
                }
                ObjectNode resource = resources.addObject();
                resource.putObject("resource")
                        .set(
                                "attributes",
                                attributes("service.name", "synthetics", "cloud.provider", VANTAGE_POINTS[v][1]));
                ArrayNode spans = resource.putArray("scopeSpans").addObject().putArray("spans");
                for (String target : CLOUDS) {
                    for (int r = 0; r < shape.regionsPerCloud(); r++) {
                        long at = second;
                        String targetRegion = region(target, r);
                        boolean flaps = shape.flappingVantagePoint()
                                && v == VANTAGE_POINTS.length - 1
                                && target.equals("aws")
                                && (second - shape.startSecond()) / every % 2 == 0;
                        boolean down = flaps || shape.faults().stream().anyMatch(f -> f.down(target, targetRegion, at));
                        ObjectNode s = spans.addObject();
                        s.put("traceId", hex(++ids, 32)).put("spanId", hex(++ids, 16));
                        s.put("name", "order-flow").put("kind", 3);
                        s.put("startTimeUnixNano", Long.toString(second * SECOND_NANOS));
                        s.put("endTimeUnixNano", Long.toString(second * SECOND_NANOS + 400_000_000L));
                        List<String> pairs = new ArrayList<>(List.of(
                                "user_agent.synthetic.type",
                                "test",
                                "synthetic.probe.name",
                                "order-flow",
                                "synthetic.vantage_point",
                                VANTAGE_POINTS[v][0],
                                "synthetic.target.cloud.provider",
                                target,
                                "synthetic.target.cloud.region",
                                region(target, r),
                                "business.transaction",
                                "order-to-fulfillment"));
                        if (down) {
                            pairs.addAll(List.of("synthetic.probe.failed_step", "checkout"));
                        }
                        s.set("attributes", attributes(pairs.toArray(String[]::new)));
                        s.putObject("status").put("code", down ? 2 : 1);
                    }
                }
            }
        }
        return request;
    }

    static String region(String cloud, int index) {
        return (cloud.equals("aws")
                        ? new String[] {"eu-west-1", "eu-central-1"}
                        : new String[] {"europe-west1", "europe-west3"})
                [index];
    }

    private static ArrayNode attributes(String... pairs) {
        ArrayNode list = JSON.createArrayNode();
        for (int i = 0; i < pairs.length; i += 2) {
            ObjectNode attribute = list.addObject().put("key", pairs[i]);
            attribute.putObject("value").put("stringValue", pairs[i + 1]);
        }
        return list;
    }

    private static String hex(long value, int digits) {
        String hex = Long.toHexString(value);
        return "0".repeat(digits - hex.length()) + hex;
    }
}
