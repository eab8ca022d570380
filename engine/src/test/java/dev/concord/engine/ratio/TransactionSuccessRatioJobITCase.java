package dev.concord.engine.ratio;

import static dev.concord.engine.ratio.Fixtures.AWS;
import static dev.concord.engine.ratio.Fixtures.GCP;
import static dev.concord.engine.ratio.Fixtures.NINE_O_CLOCK;
import static dev.concord.engine.ratio.Fixtures.NINE_O_ONE;
import static dev.concord.engine.ratio.Fixtures.childAt;
import static dev.concord.engine.ratio.Fixtures.failedAt;
import static dev.concord.engine.ratio.Fixtures.millis;
import static dev.concord.engine.ratio.Fixtures.succeededAt;
import static dev.concord.engine.ratio.Fixtures.withoutTransaction;
import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.engine.Engine;
import dev.concord.engine.sinks.JsonLines;
import dev.concord.engine.sinks.JsonLinesSink;
import dev.concord.engine.sources.InMemorySources;
import dev.concord.ingest.model.Span;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource.NumberSequenceSplit;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class TransactionSuccessRatioJobITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                    .setConfiguration(Engine.baseConfiguration())
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .build());

    @TempDir
    Path out;

    @Test
    void computesEachMinutesRatioPerCloudAtParallelismTwo() throws Exception {
        List<Span> spans = new ArrayList<>();
        for (int second = 0; second < 40; second++) {
            spans.add(succeededAt(GCP, NINE_O_CLOCK.plusSeconds(second)));
            spans.add(
                    second % 4 == 0
                            ? failedAt(AWS, NINE_O_CLOCK.plusSeconds(second))
                            : succeededAt(AWS, NINE_O_CLOCK.plusSeconds(second)));
            spans.add(childAt(AWS, NINE_O_CLOCK.plusSeconds(second)));
            spans.add(withoutTransaction(AWS, NINE_O_CLOCK.plusSeconds(second)));
        }
        spans.add(failedAt(AWS, NINE_O_ONE.plusSeconds(1)));

        run(spans);

        assertThat(JsonLines.read(out.resolve("ratios"), MinuteSuccessRatio.class))
                .containsExactlyInAnyOrder(
                        new MinuteSuccessRatio(
                                "order-to-fulfillment", "aws", "us-east-1", millis(NINE_O_CLOCK), 40, 30, 0.75),
                        new MinuteSuccessRatio(
                                "order-to-fulfillment", "gcp", "us-central1", millis(NINE_O_CLOCK), 40, 40, 1.0),
                        new MinuteSuccessRatio(
                                "order-to-fulfillment", "aws", "us-east-1", millis(NINE_O_ONE), 1, 0, 0.0));
        assertThat(JsonLines.read(out.resolve("late"), Span.class)).isEmpty();
    }

    @Test
    void routesASpanBeyondTheOutOfOrdernessBoundToTheLateOutput() throws Exception {
        Span late = failedAt(AWS, NINE_O_CLOCK.plusSeconds(10));
        List<Span> spans = List.of(
                succeededAt(AWS, NINE_O_CLOCK.plusSeconds(5)),
                succeededAt(AWS, NINE_O_ONE.plusSeconds(30)),
                late,
                succeededAt(AWS, NINE_O_ONE.plusSeconds(40)));

        // one reader, slow enough that a periodic watermark passes 09:00 before the late span arrives
        run(spans, 1, RateLimiterStrategy.perSecond(4));

        assertThat(JsonLines.read(out.resolve("ratios"), MinuteSuccessRatio.class))
                .extracting(MinuteSuccessRatio::total)
                .containsExactlyInAnyOrder(1L, 2L);
        assertThat(JsonLines.read(out.resolve("late"), Span.class)).containsExactly(late);
    }

    private void run(List<Span> spans) throws Exception {
        run(spans, 2, RateLimiterStrategy.noOp());
    }

    private void run(List<Span> spans, int parallelism, RateLimiterStrategy<NumberSequenceSplit> pace)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(new Configuration());
        env.setParallelism(parallelism);
        new TransactionSuccessRatioJob(
                        InMemorySources.of(spans, env.getConfig(), pace),
                        new JsonLinesSink<>(out.resolve("ratios")),
                        new JsonLinesSink<>(out.resolve("late")))
                .execute(env);
    }
}
