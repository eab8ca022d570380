package dev.concord.outputs.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.concord.engine.Engine;
import dev.concord.engine.decide.Action;
import dev.concord.engine.decide.ControlChannel;
import dev.concord.engine.decide.DecisionRecord;
import dev.concord.engine.decide.DecisionScenario;
import dev.concord.engine.decide.DecisionSettings;
import dev.concord.engine.decide.DecisionWiring;
import dev.concord.engine.decide.OperatorConfirmation;
import dev.concord.engine.sinks.JsonLines;
import dev.concord.engine.sinks.JsonLinesSink;
import dev.concord.engine.slo.SloAlert;
import dev.concord.engine.testing.PrivateAlertmanager;
import dev.concord.ingest.model.MetricSample;
import dev.concord.ingest.model.ProbeResult;
import dev.concord.ingest.model.Span;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.datagen.functions.FromElementsGeneratorFunction;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decision job at parallelism 2 over a primary web-tier outage, its decisions and the SLO page behind them sent
 * to a real Alertmanager running deploy/alertmanager/alertmanager.yml: the failover pages on-call, mutes the SLO page
 * of its failure domain, and resolves once the primary has recovered.
 */
class DecisionAlertmanagerIT {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                    .setConfiguration(Engine.baseConfiguration())
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .build());

    private static final Duration NOTIFICATION_TIMEOUT = Duration.ofSeconds(30);

    private static PrivateAlertmanager alertmanager;

    @TempDir
    Path out;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        alertmanager = PrivateAlertmanager.start(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        if (alertmanager != null) {
            alertmanager.close();
        }
    }

    @Test
    void aFailoverPagesOnCallMutesTheSloPageOfItsDomainAndResolvesWhenThePrimaryRecovers() throws Exception {
        DecisionScenario during = new DecisionScenario();
        during.webOutage = Duration.ofMinutes(10);
        // the telemetry ends five minutes into the outage: the decision and the page stay active
        during.minutes = 25;
        List<DecisionRecord> open = run(during, out.resolve("during"));
        assertThat(open).extracting(DecisionRecord::action).contains(Action.SHIFT_TRAFFIC);

        List<JsonNode> held = settled();
        JsonNode failover = held.stream()
                .filter(a -> a.at("/labels/alertname").asText().equals("FailoverRecommended"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no FailoverRecommended in " + held));
        assertThat(failover.at("/labels/policy").asText()).isEqualTo("web-api");
        assertThat(failover.at("/labels/severity").asText()).isEqualTo("page");
        assertThat(failover.at("/receivers/0/name").asText()).isEqualTo("on-call");
        assertThat(failover.at("/annotations/evidence").asText()).contains("FAILING");
        JsonNode page = held.stream()
                .filter(a -> a.at("/labels/alertname").asText().equals("SloBurnRateHigh"))
                .findFirst()
                .orElseThrow();
        assertThat(page.at("/status/state").asText()).isEqualTo("suppressed");
        assertThat(page.at("/status/inhibitedBy").get(0).asText())
                .isEqualTo(failover.at("/fingerprint").asText());
        JsonNode notified = alertmanager.awaitNotified(
                "/page",
                a -> a.at("/labels/alertname").asText().equals("FailoverRecommended")
                        && a.at("/status").asText().equals("firing"),
                NOTIFICATION_TIMEOUT);
        assertThat(notified.at("/annotations/summary").asText()).startsWith("web-api: SHIFT_TRAFFIC aws");

        DecisionScenario whole = new DecisionScenario();
        whole.webOutage = Duration.ofMinutes(10);
        whole.minutes = 60;
        List<DecisionRecord> records = run(whole, out.resolve("whole"));
        assertThat(records).anyMatch(DecisionAlerts::ends);

        JsonNode resolved = alertmanager.awaitNotified(
                "/page",
                a -> a.at("/labels/alertname").asText().equals("FailoverRecommended")
                        && a.at("/status").asText().equals("resolved"),
                NOTIFICATION_TIMEOUT);
        assertThat(resolved.at("/labels/policy").asText()).isEqualTo("web-api");
    }

    /** Alertmanager marks an alert inhibited when it flushes its group, 100 ms after it arrived here. */
    private static List<JsonNode> settled() throws Exception {
        long deadline = System.nanoTime() + NOTIFICATION_TIMEOUT.toNanos();
        while (true) {
            List<JsonNode> alerts = alertmanager.alerts("alertname=~\".+\"");
            boolean muted = alerts.stream()
                    .filter(a -> a.at("/labels/alertname").asText().equals("SloBurnRateHigh"))
                    .anyMatch(a -> a.at("/status/state").asText().equals("suppressed"));
            if (muted || System.nanoTime() > deadline) {
                return alerts;
            }
            Thread.sleep(200);
        }
    }

    private List<DecisionRecord> run(DecisionScenario scenario, Path dir) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        ExecutionConfig config = env.getConfig();
        Path control = Files.createDirectories(dir.resolve("control"));
        AlertmanagerConfig to =
                AlertmanagerConfig.builder().url(alertmanager.url()).build();
        List<SloAlert> alerts = scenario.alerts().stream()
                .filter(a -> a.eventTimeMillis() < scenario.end())
                .toList();
        DataStream<SloAlert> sloAlerts =
                stream(env, bounded(alerts, SloAlert.class, config), SloAlert.class, SloAlert::eventTimeMillis, "a");
        // the SLO pipeline's page for the primary, reaching Alertmanager beside the decisions it led to
        sloAlerts.sinkTo(AlertmanagerSink.sloAlerts(to)).uid("slo-alertmanager").name("slo-alertmanager");
        SingleOutputStreamOperator<DecisionRecord> decisions = DecisionWiring.wire(
                new DecisionWiring.Inputs(
                        sloAlerts,
                        stream(
                                env,
                                bounded(scenario.probes(), ProbeResult.class, config),
                                ProbeResult.class,
                                p -> p.timeUnixNano() / 1_000_000L,
                                "p"),
                        stream(
                                env,
                                bounded(scenario.metrics(), MetricSample.class, config),
                                MetricSample.class,
                                m -> m.timeUnixNano() / 1_000_000L,
                                "m"),
                        null,
                        stream(
                                env,
                                bounded(scenario.spans(), Span.class, config),
                                Span.class,
                                Span::endEpochMillis,
                                "s"),
                        stream(
                                env,
                                ControlChannel.source(control, null),
                                OperatorConfirmation.class,
                                OperatorConfirmation::atMillis,
                                "c")),
                DecisionScenario.SHIPPED,
                DecisionSettings.defaults());
        decisions.sinkTo(new JsonLinesSink<>(dir.resolve("decisions"))).uid("decision-sink");
        decisions.sinkTo(AlertmanagerSink.decisions(to)).uid("decision-alertmanager");
        env.execute("decision-alertmanager-it");
        return JsonLines.read(dir.resolve("decisions"), DecisionRecord.class);
    }

    private interface EventTime<T> extends Serializable {
        long of(T element);
    }

    private static <T> DataStream<T> stream(
            StreamExecutionEnvironment env, Source<T, ?, ?> source, Class<T> type, EventTime<T> time, String uid) {
        WatermarkStrategy<T> watermarks = WatermarkStrategy.<T>forBoundedOutOfOrderness(
                        DecisionSettings.OUT_OF_ORDERNESS)
                .withTimestampAssigner((element, previous) -> time.of(element))
                .withIdleness(DecisionSettings.IDLENESS);
        return env.fromSource(source, watermarks, uid, TypeInformation.of(type)).uid(uid);
    }

    private static <T> DataGeneratorSource<T> bounded(List<T> elements, Class<T> type, ExecutionConfig config) {
        TypeInformation<T> info = TypeInformation.of(type);
        return new DataGeneratorSource<>(
                new FromElementsGeneratorFunction<>(info, config, elements), elements.size(), info);
    }
}
