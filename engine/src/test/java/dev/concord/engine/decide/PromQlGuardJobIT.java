package dev.concord.engine.decide;

import static dev.concord.engine.decide.DecisionScenario.START;
import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.engine.Engine;
import dev.concord.engine.decide.guards.promql.PromQlGuard;
import dev.concord.engine.decide.guards.promql.PromQlGuards;
import dev.concord.engine.sinks.JsonLines;
import dev.concord.engine.sinks.JsonLinesSink;
import dev.concord.engine.slo.SloAlert;
import dev.concord.engine.testing.PrometheusRemoteWrite;
import dev.concord.ingest.model.MetricSample;
import dev.concord.ingest.model.ProbeResult;
import dev.concord.ingest.model.Span;
import dev.concord.rules.CheckResult;
import dev.concord.rules.Rules;
import dev.concord.rules.model.RuleSet;
import dev.concord.services.RequiresServices;
import dev.concord.services.Service;
import dev.concord.services.ServiceEndpoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.functions.FromElementsGeneratorFunction;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ERP database policy with its replication-lag guard declared as PromQL: the job polls the real Prometheus, and
 * the lag it reads there vetoes the promotion.
 */
@RequiresServices(Service.PROMETHEUS)
class PromQlGuardJobIT {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                    .setConfiguration(Engine.baseConfiguration())
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .build());

    /** One poll a second of wall time at 60 times the wall clock: a poll per minute of event time. */
    private static final long SPEED = 60;

    private static final String EVERY = "1s";
    /** Polls until past the decision, which comes a few minutes after the ERP outage at minute 20. */
    private static final long POLLS = 32;

    private static final String GUARD = "erp-db-replication-lag";

    @TempDir
    Path out;

    private final String run = UUID.randomUUID().toString();

    @Test
    void vetoesPromotionWhenPrometheusReportsTwelveMinutesOfLagAgainstAFiveMinuteRpo(ServiceEndpoints endpoints)
            throws Exception {
        PrometheusRemoteWrite.write(
                endpoints.prometheusUrl(),
                "concord_test_replication_lag_seconds",
                Map.of("run", run, "cloud_provider", "gcp", "cloud_region", "us-central1"),
                720,
                System.currentTimeMillis());
        RuleSet rules = rulesWithPromQlLag(
                endpoints.prometheusUrl(), "max(concord_test_replication_lag_seconds{run=\"" + run + "\"})");
        List<PromQlGuard> guards = PromQlGuards.from(rules).stream()
                .filter(g -> g.name().equals(GUARD))
                .toList();
        assertThat(guards)
                .singleElement()
                .satisfies(g -> assertThat(g.everyMillis()).isEqualTo(1_000));

        DecisionScenario scenario = new DecisionScenario();
        scenario.erpOutage = Duration.ofMinutes(10);
        // the scenario's OTLP lag is what the shipped guard reads: this guard must not see it
        scenario.lagSeconds = 0;

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        ExecutionConfig config = env.getConfig();
        Path decisions = out.resolve("decisions");
        DecisionWiring.wire(
                        env,
                        DecisionWiring.alerts(env, bounded(scenario.alerts(), SloAlert.class, config)),
                        new DecisionWiring.Telemetry(
                                bounded(scenario.probes(), ProbeResult.class, config),
                                bounded(scenario.metrics(), MetricSample.class, config),
                                null,
                                bounded(scenario.spans(), Span.class, config)),
                        ControlChannel.source(Files.createDirectories(out.resolve("control")), null),
                        new DecisionWiring.Polling(guards, new FastClock(START, SPEED), POLLS),
                        DecisionRules.from(rules),
                        DecisionSettings.defaults())
                .sinkTo(new JsonLinesSink<>(decisions))
                .uid("decision-sink");
        env.execute("promql-guard-job-it");

        DecisionRecordSchemaTest.assertValidLines(decisions);
        List<DecisionRecord> records = JsonLines.read(decisions, DecisionRecord.class).stream()
                .filter(r -> r.policy().equals("erp-database"))
                .sorted(Comparator.comparing(DecisionRecord::eventTime))
                .toList();
        assertThat(records).isNotEmpty();
        assertThat(records.get(0).state()).isEqualTo(DecisionState.VETOED);
        assertThat(records.get(0).vetoes().get(0).value()).isEqualTo(720.0);
        assertThat(records.get(0).vetoes().get(0).limit()).isEqualTo(300.0);
    }

    /** The shipped rules, with the ERP replication-lag guard read from Prometheus instead of OTLP. */
    private RuleSet rulesWithPromQlLag(String prometheusUrl, String query) throws IOException {
        Path shipped = Path.of("..", "slo-rules", "rules");
        Path copy = out.resolve("rules");
        try (Stream<Path> files = Files.walk(shipped)) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(shipped.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        Path guards = copy.resolve("failover").resolve("guards.yaml");
        String text = Files.readString(guards);
        String otlp = "  otlpMetric: {name: db.replication.lag, unit: s, attributes: {db.cluster: erp}}";
        assertThat(text).contains(otlp);
        Files.writeString(
                guards,
                text.replace(
                        otlp,
                        "  promql: {endpoint: \"" + prometheusUrl + "\", query: '" + query + "', every: " + EVERY
                                + "}"));
        CheckResult checked = Rules.check(List.of(copy));
        assertThat(checked.valid()).as("%s", checked).isTrue();
        return checked.rules();
    }

    private static <T> DataGeneratorSource<T> bounded(List<T> elements, Class<T> type, ExecutionConfig config) {
        if (elements.isEmpty()) {
            return null;
        }
        TypeInformation<T> info = TypeInformation.of(type);
        return new DataGeneratorSource<>(
                new FromElementsGeneratorFunction<>(info, config, elements), elements.size(), info);
    }
}
