package dev.concord.engine.decide;

import static dev.concord.engine.decide.DecisionScenario.MINUTE;
import static dev.concord.engine.decide.DecisionScenario.ONSET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.engine.Engine;
import dev.concord.engine.decide.DecisionRecord.DecisionScope;
import dev.concord.engine.sinks.JsonLines;
import dev.concord.engine.sinks.JsonLinesSink;
import dev.concord.engine.slo.SloAlert;
import dev.concord.ingest.model.MetricSample;
import dev.concord.ingest.model.ProbeResult;
import dev.concord.ingest.model.Span;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
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

/** The decision job on a mini cluster at parallelism 2, from raw telemetry of the shipped policies' layers. */
class DecisionWiringITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                    .setConfiguration(Engine.baseConfiguration())
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .build());

    @TempDir
    Path out;

    /** A bounded source of the elements; null (no such telemetry) when there are none. */
    private static <T> DataGeneratorSource<T> bounded(List<T> elements, Class<T> type, ExecutionConfig config) {
        if (elements.isEmpty()) {
            return null;
        }
        TypeInformation<T> info = TypeInformation.of(type);
        return new DataGeneratorSource<>(
                new FromElementsGeneratorFunction<>(info, config, elements), elements.size(), info);
    }

    private List<DecisionRecord> run(DecisionScenario scenario, String policy, Path control) throws Exception {
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
                        ControlChannel.source(control, null),
                        DecisionWiring.Polling.NONE,
                        DecisionScenario.SHIPPED,
                        DecisionSettings.defaults())
                .sinkTo(new JsonLinesSink<>(decisions))
                .uid("decision-sink");
        env.execute("decision-job-it");
        DecisionRecordSchemaTest.assertValidLines(decisions);
        return JsonLines.read(decisions, DecisionRecord.class).stream()
                .filter(r -> r.policy().equals(policy))
                .sorted(Comparator.comparing(DecisionRecord::eventTime))
                .toList();
    }

    private Path emptyControl() throws Exception {
        return Files.createDirectories(out.resolve("control"));
    }

    private static long afterOnset(DecisionRecord record) {
        return Instant.parse(record.eventTime()).toEpochMilli() - ONSET.toEpochMilli();
    }

    @Test
    void shiftsTrafficWithinTwoMinutesOfAPrimaryOutage() throws Exception {
        DecisionScenario scenario = new DecisionScenario();
        scenario.webOutage = Duration.ofMinutes(10);

        List<DecisionRecord> records = run(scenario, "web-api", emptyControl());

        assertThat(records).isNotEmpty();
        assertThat(records.get(0).action()).isEqualTo(Action.SHIFT_TRAFFIC);
        assertThat(records.get(0).state()).isEqualTo(DecisionState.RECOMMENDED);
        assertThat(afterOnset(records.get(0))).isBetween(0L, 2 * MINUTE);
    }

    @Test
    void decidesNothingForOneFlappingVantagePoint() throws Exception {
        DecisionScenario scenario = new DecisionScenario();
        scenario.flappingVantagePoint = true;

        assertThat(run(scenario, "web-api", emptyControl())).isEmpty();
    }

    @Test
    void vetoesPromotionWithTwelveMinutesOfLagAgainstAFiveMinuteRpo() throws Exception {
        DecisionScenario scenario = new DecisionScenario();
        scenario.erpOutage = Duration.ofMinutes(10);
        scenario.lagSeconds = 12 * 60;

        List<DecisionRecord> records = run(scenario, "erp-database", emptyControl());

        assertThat(records).isNotEmpty();
        assertThat(records.get(0).state()).isEqualTo(DecisionState.VETOED);
        assertThat(records.get(0).vetoes().get(0).value()).isEqualTo(720.0);
        assertThat(records.get(0).vetoes().get(0).limit()).isEqualTo(300.0);
    }

    @Test
    void promotesAfterAnOperatorConfirmsThroughTheControlDirectoryWithOneMinuteOfLag() throws Exception {
        DecisionScenario scenario = new DecisionScenario();
        scenario.erpOutage = Duration.ofMinutes(20);
        scenario.lagSeconds = 60;
        String id =
                DecisionIds.of("erp-database", new DecisionScope("aws", null, null), ONSET.toEpochMilli() + 5 * MINUTE);
        Path control = emptyControl();
        ControlChannel.write(
                control, new OperatorConfirmation(id, "alice", "primary lost", ONSET.toEpochMilli() + 7 * MINUTE));

        List<DecisionRecord> records = run(scenario, "erp-database", control);

        assertThat(records)
                .extracting(DecisionRecord::state)
                .startsWith(DecisionState.PENDING_CONFIRMATION, DecisionState.CONFIRMED);
        assertThat(records.get(1).confirmation().by()).isEqualTo("alice");
    }

    @Test
    void holdsWhenTheTargetCloudIsDegradedToo() throws Exception {
        DecisionScenario scenario = new DecisionScenario();
        scenario.webOutage = Duration.ofMinutes(10);
        scenario.targetDown = true;

        List<DecisionRecord> records = run(scenario, "web-api", emptyControl());

        assertThat(records).isNotEmpty();
        assertThat(records.get(0).state()).isEqualTo(DecisionState.HELD);
    }

    @Test
    void recommendsARollbackWhenANewServiceVersionFails() throws Exception {
        DecisionScenario scenario = new DecisionScenario();
        scenario.webOutage = Duration.ofMinutes(10);
        scenario.badRelease = true;

        List<DecisionRecord> records = run(scenario, "web-api", emptyControl());

        assertThat(records).isNotEmpty();
        assertThat(records.get(0).action()).isEqualTo(Action.ROLLBACK_RELEASE);
    }
}
