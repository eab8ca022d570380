package dev.concord.outputs.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.concord.engine.Engine;
import dev.concord.engine.sinks.JsonLines;
import dev.concord.engine.sinks.JsonLinesSink;
import dev.concord.engine.slo.SloPipelineJob;
import dev.concord.engine.slo.SloSnapshot;
import dev.concord.engine.slo.WindowBurn;
import dev.concord.engine.sources.InMemorySources;
import dev.concord.engine.testing.OutputFixtures;
import dev.concord.outputs.Conventions;
import dev.concord.services.RequiresServices;
import dev.concord.services.Service;
import dev.concord.services.ServiceEndpoints;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SLO pipeline at parallelism 2 with the exporter on the port local-services/prometheus/prometheus.yml scrapes
 * (127.0.0.1:19400): the real Prometheus holds every series exactly once, with the final values. (Every dashboard
 * query is run against the series of a whole replay, decisions included, in ReplayOutputsIT.)
 */
@RequiresServices(Service.PROMETHEUS)
class PrometheusExporterIT {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                    .setConfiguration(Engine.baseConfiguration())
                    .setNumberTaskManagers(2)
                    .setNumberSlotsPerTaskManager(2)
                    .build());

    private static final int SCRAPE_PORT = 19400;
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String SLO = OutputFixtures.availability(RUN).name();

    private static Instant at;
    private static Path out;
    private static PrometheusQueries prometheus;

    @BeforeAll
    static void runThePipeline(ServiceEndpoints endpoints, @TempDir Path dir) throws Exception {
        out = dir;
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        SloPipelineJob job = new SloPipelineJob(
                InMemorySources.of(OutputFixtures.spans(), env.getConfig()),
                List.of(OutputFixtures.ORDER_TO_FULFILLMENT),
                List.of(OutputFixtures.availability(RUN)),
                OutputFixtures.STOP_AT,
                new SloPipelineJob.Sinks(
                        new JsonLinesSink<>(out.resolve("transactions")),
                        new JsonLinesSink<>(out.resolve("slo")),
                        new JsonLinesSink<>(out.resolve("alerts")),
                        new JsonLinesSink<>(out.resolve("late"))));
        PrometheusExporter.attach(
                job.build(env),
                new PrometheusExporterSink(new PrometheusExporterConfig(
                        "127.0.0.1", SCRAPE_PORT, 3, Duration.ofSeconds(60), Duration.ofSeconds(120))));
        env.execute("prometheus-exporter-it");
        // the exporter served until three scrapes after the end of input: just before now, Prometheus holds the
        // final values (after it, the stopped target's series go stale)
        at = Instant.now().minusMillis(500);
        prometheus = new PrometheusQueries(endpoints.prometheusUrl());
    }

    @Test
    void prometheusSeesEverySeriesOnceWithTheFinalValuesAtParallelismTwo() throws Exception {
        Map<String, SloSnapshot> last = JsonLines.read(out.resolve("slo"), SloSnapshot.class).stream()
                .collect(Collectors.toMap(
                        s -> s.cloudProvider() + "/" + s.cloudRegion(),
                        s -> s,
                        (a, b) -> a.minuteEndEpochMillis() >= b.minuteEndEpochMillis() ? a : b));
        Set<String> expectedSeries = new HashSet<>();
        last.forEach((place, snapshot) -> snapshot.windows()
                .forEach(w -> expectedSeries.add(place + "/" + Conventions.windowLabel(w.windowMinutes()))));

        List<JsonNode> burn = prometheus.query(
                "count by (cloud, region, window) (" + Conventions.Metrics.SLO_BURN_RATE + "{slo=\"" + SLO + "\"})",
                at);
        assertThat(burn)
                .extracting(s -> s.at("/metric/cloud").asText() + "/"
                        + s.at("/metric/region").asText() + "/"
                        + s.at("/metric/window").asText())
                .containsExactlyInAnyOrderElementsOf(expectedSeries);
        assertThat(burn).allSatisfy(s -> assertThat(PrometheusQueries.value(s)).isEqualTo(1.0));

        SloSnapshot aws = last.get("aws/us-east-1");
        WindowBurn hour = aws.windows().stream()
                .filter(w -> w.windowMinutes() == 60)
                .findFirst()
                .orElseThrow();
        List<JsonNode> hourBurn = prometheus.query(
                Conventions.Metrics.SLO_BURN_RATE + "{slo=\"" + SLO + "\",cloud=\"aws\",window=\"1h\"}", at);
        assertThat(hourBurn).hasSize(1);
        assertThat(PrometheusQueries.value(hourBurn.get(0))).isCloseTo(hour.burnRate(), within(1e-6));

        List<JsonNode> transactions = prometheus.query(
                "sum(" + Conventions.Metrics.TRANSACTIONS + "_total{transaction=\"order-to-fulfillment\"})", at);
        assertThat(transactions).hasSize(1);
        assertThat(PrometheusQueries.value(transactions.get(0))).isEqualTo((double) OutputFixtures.TRANSACTIONS);

        List<JsonNode> duplicated = prometheus.query(
                "count by (__name__, slo, transaction, cloud, region, tenant, window, severity, outcome, output, reason)"
                        + " ({__name__=~\"concord_.+\", job=\"concord-test-target\"}) > 1",
                at);
        assertThat(duplicated).isEmpty();

        List<JsonNode> firing = prometheus.query(
                Conventions.Metrics.SLO_ALERT_FIRING + "{slo=\"" + SLO + "\",cloud=\"aws\",severity=\"page\"}", at);
        assertThat(firing)
                .as("the fast pair resolved after the recovery; the 6h/30m pair still sees the outage")
                .extracting(s -> s.at("/metric/window").asText() + "=" + PrometheusQueries.value(s))
                .contains("1h/5m=0.0", "6h/30m=1.0");
        assertThat(last.values().stream()
                        .max(Comparator.comparingLong(SloSnapshot::minuteEndEpochMillis))
                        .orElseThrow()
                        .minuteEndEpochMillis())
                .isLessThanOrEqualTo(OutputFixtures.STOP_AT);
    }
}
