package dev.concord.outputs.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.engine.correlate.Outcome;
import dev.concord.engine.correlate.TransactionOutcome;
import dev.concord.engine.decide.Action;
import dev.concord.engine.decide.DecisionState;
import dev.concord.engine.decide.PolicyVerdict;
import dev.concord.engine.decide.signal.Verdict;
import dev.concord.engine.slo.SloAlert;
import dev.concord.engine.slo.SloSnapshot;
import dev.concord.engine.slo.WindowBurn;
import dev.concord.outputs.alertmanager.DecisionFixtures;
import dev.concord.services.GoldenFiles;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConcordMetricsTest {

    private static final long MINUTE_END = Instant.parse("2026-01-05T09:15:00Z").toEpochMilli();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-05T09:16:30Z"), ZoneOffset.UTC);

    private static final Path GOLDEN = GoldenFiles.resource("golden/prometheus-exposition.txt");

    @Test
    void exposesSnapshotsAlertsTransactionsAndEngineHealthExactlyAsTheGoldenFile() throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        ConcordMetrics metrics = new ConcordMetrics(registry, CLOCK);

        metrics.apply(MetricUpdate.of(snapshot(MINUTE_END - 60_000, 0.5)));
        metrics.apply(MetricUpdate.of(snapshot(MINUTE_END, 0.25)));
        metrics.apply(MetricUpdate.of(alert(true)));
        metrics.apply(MetricUpdate.of(outcome(Outcome.COMPLETED)));
        metrics.apply(MetricUpdate.of(outcome(Outcome.COMPLETED)));
        metrics.apply(MetricUpdate.of(outcome(Outcome.FAILED)));

        String text = exposition(registry);
        GoldenFiles.assertMatches(GOLDEN, text);
    }

    @Test
    void aResolvedAlertKeepsItsSeriesAtZeroSoTheDashboardShowsItEnded() throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        ConcordMetrics metrics = new ConcordMetrics(registry, CLOCK);
        metrics.apply(MetricUpdate.of(alert(true)));
        metrics.apply(MetricUpdate.of(alert(false)));

        assertThat(exposition(registry))
                .contains(
                        "concord_slo_alert_firing{cloud=\"aws\",region=\"us-east-1\",severity=\"page\","
                                + "slo=\"availability\",tenant=\"*\",transaction=\"order-to-fulfillment\",window=\"1h/5m\"} 0.0");
    }

    @Test
    void aPolicysLatestDecisionAtAScopeIsTheOneSeriesAtOneAndEveryTransitionCounts() throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        ConcordMetrics metrics = new ConcordMetrics(registry, CLOCK);

        metrics.apply(MetricUpdate.of(
                DecisionFixtures.decision(Action.SHIFT_TRAFFIC, DecisionState.RECOMMENDED, "2026-01-05T09:12:00Z")));
        metrics.apply(MetricUpdate.of(
                DecisionFixtures.decision(Action.SHIFT_TRAFFIC, DecisionState.CONFIRMED, "2026-01-05T09:14:00Z")));
        metrics.apply(MetricUpdate.of(
                DecisionFixtures.decision(Action.FAILBACK, DecisionState.RECOMMENDED, "2026-01-05T09:40:00Z")));

        String text = exposition(registry);
        String labels = "domain=\"web-api\",policy=\"web-api\",scope=\"aws/us-east-1\"";
        assertThat(text)
                .contains("concord_failover_decision_state{action=\"shift_traffic\"," + labels
                        + ",state=\"recommended\"} 0.0")
                .contains("concord_failover_decision_state{action=\"shift_traffic\"," + labels
                        + ",state=\"confirmed\"} 0.0")
                .contains(
                        "concord_failover_decision_state{action=\"failback\"," + labels + ",state=\"recommended\"} 1.0")
                .contains("concord_failover_decisions_total{action=\"shift_traffic\",domain=\"web-api\","
                        + "policy=\"web-api\",state=\"recommended\"} 1.0")
                .contains("concord_engine_records_out_total{output=\"decisions\"} 3.0")
                .contains("concord_engine_event_time_seconds "
                        + (double) Instant.parse("2026-01-05T09:40:00Z").getEpochSecond());
    }

    @Test
    void aSignalVerdictIsOneInExactlyOneOfTheFourVerdicts() throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        ConcordMetrics metrics = new ConcordMetrics(registry, CLOCK);

        metrics.apply(MetricUpdate.of(new PolicyVerdict("web-api", "web-api", "aws", "probes", Verdict.FAILING, 1)));
        metrics.apply(MetricUpdate.of(new PolicyVerdict("web-api", "web-api", "aws", "probes", Verdict.HEALTHY, 2)));

        String text = exposition(registry);
        String cell = "concord_signal_verdict{cloud=\"aws\",family=\"probes\",policy=\"web-api\",verdict=";
        assertThat(text)
                .contains(cell + "\"healthy\"} 1.0")
                .contains(cell + "\"failing\"} 0.0")
                .contains(cell + "\"degraded\"} 0.0")
                .contains(cell + "\"no_data\"} 0.0");
    }

    private static String exposition(PrometheusRegistry registry) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, registry.scrape(), EscapingScheme.ALLOW_UTF8);
        // the scrape counter counts this very scrape: it is the one line that depends on who scraped before
        return out.toString(StandardCharsets.UTF_8);
    }

    private static SloSnapshot snapshot(long minuteEnd, double budget) {
        return new SloSnapshot(
                "availability",
                "order-to-fulfillment",
                "aws",
                "us-east-1",
                "*",
                minuteEnd,
                0.999,
                false,
                1800,
                0.99,
                budget,
                List.of(new WindowBurn(60, 100, 90, 0.9, 100), new WindowBurn(5, 10, 0, 0, 1000)),
                List.of("page:1h/5m"));
    }

    private static SloAlert alert(boolean firing) {
        return new SloAlert(
                "availability",
                "order-to-fulfillment",
                "aws",
                "us-east-1",
                "*",
                "page",
                60,
                5,
                14.4,
                firing,
                MINUTE_END,
                100,
                1000,
                0.25,
                Map.of(),
                Map.of());
    }

    private static TransactionOutcome outcome(Outcome outcome) {
        return new TransactionOutcome(
                "order-to-fulfillment",
                "t-" + outcome,
                "acme",
                "aws",
                "us-east-1",
                MINUTE_END - 2000,
                MINUTE_END - 1000,
                1000,
                outcome == Outcome.COMPLETED,
                outcome,
                "",
                "",
                List.of(),
                1,
                List.of());
    }
}
