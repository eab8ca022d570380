package dev.concord.engine.slo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.engine.Engine;
import dev.concord.engine.correlate.TransactionOutcome;
import dev.concord.engine.correlate.TransactionSpec;
import dev.concord.engine.sinks.JsonLines;
import dev.concord.engine.sinks.JsonLinesSink;
import dev.concord.engine.testing.WarehouseOutage;
import dev.concord.ingest.model.Span;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.functions.FromElementsGeneratorFunction;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A run that fails mid-stream and restores from its last checkpoint ends with the output of one that never failed. */
class SloPipelineRestoreITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                    .setConfiguration(Engine.baseConfiguration())
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .build());

    private static final long STOP_AT = WarehouseOutage.STOP_AT_MILLIS;
    private static final TransactionSpec ORDERS = WarehouseOutage.ORDERS;
    private static final SloSpec AVAILABILITY = WarehouseOutage.AVAILABILITY;

    private static List<Span> spans;

    @BeforeAll
    static void simulate() {
        spans = WarehouseOutage.spans(3);
    }

    @Test
    void restoresFromTheLastCheckpointAndEndsWithTheSameResults(@TempDir Path clean, @TempDir Path failing)
            throws Exception {
        run(clean, -1);
        Path marker = failing.resolve("failed-once");
        run(failing, spans.size() / 2, marker);

        assertThat(marker).exists();
        for (var output : List.of(
                new Output<>("transactions", TransactionOutcome.class),
                new Output<>("slo", SloSnapshot.class),
                new Output<>("alerts", SloAlert.class))) {
            List<?> expected = JsonLines.read(clean.resolve(output.dir()), output.type());
            List<?> restored = JsonLines.read(failing.resolve(output.dir()), output.type());
            assertThat(expected).as(output.dir()).isNotEmpty();
            // at-least-once files: what was written after the last checkpoint is written again, identically
            assertThat(new HashSet<>(restored)).as(output.dir()).isEqualTo(new HashSet<>(expected));
        }
    }

    private record Output<T>(String dir, Class<T> type) {}

    private static void run(Path out, int failAt) throws Exception {
        run(out, failAt, out.resolve("unused-marker"));
    }

    private static void run(Path out, int failAt, Path marker) throws Exception {
        Configuration config = new Configuration();
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(2);
        env.enableCheckpointing(200);
        TypeInformation<Span> type = TypeInformation.of(Span.class);
        DataGeneratorSource<Span> source = new DataGeneratorSource<>(
                new FailingOnce(
                        new FromElementsGeneratorFunction<>(type, env.getConfig(), spans), failAt, marker.toString()),
                spans.size(),
                RateLimiterStrategy.perSecond(1500),
                type);
        new SloPipelineJob(
                        source,
                        List.of(ORDERS),
                        List.of(AVAILABILITY),
                        STOP_AT,
                        new SloPipelineJob.Sinks(
                                new JsonLinesSink<>(out.resolve("transactions")),
                                new JsonLinesSink<>(out.resolve("slo")),
                                new JsonLinesSink<>(out.resolve("alerts")),
                                new JsonLinesSink<>(out.resolve("late"))))
                .execute(env);
    }

    /** Fails the job once, at one element, the first time only: the marker file outlives the restart. */
    private static final class FailingOnce implements GeneratorFunction<Long, Span> {
        private final FromElementsGeneratorFunction<Span> elements;
        private final long failAt;
        private final String marker;

        FailingOnce(FromElementsGeneratorFunction<Span> elements, long failAt, String marker) {
            this.elements = elements;
            this.failAt = failAt;
            this.marker = marker;
        }

        @Override
        public void open(SourceReaderContext readerContext) throws Exception {
            elements.open(readerContext);
        }

        @Override
        public Span map(Long index) throws Exception {
            if (index == failAt && !Files.exists(Path.of(marker))) {
                Files.createFile(Path.of(marker));
                throw new IllegalStateException("failing once at element " + index + " to test restore");
            }
            return elements.map(index);
        }
    }
}
