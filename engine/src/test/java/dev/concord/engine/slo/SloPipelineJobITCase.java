package dev.concord.engine.slo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.engine.Engine;
import dev.concord.engine.correlate.Outcome;
import dev.concord.engine.correlate.TransactionOutcome;
import dev.concord.engine.correlate.TransactionSpec;
import dev.concord.engine.sinks.JsonLines;
import dev.concord.engine.sinks.JsonLinesSink;
import dev.concord.engine.sources.InMemorySources;
import dev.concord.engine.testing.WarehouseOutage;
import dev.concord.ingest.model.Span;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class SloPipelineJobITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                    .setConfiguration(Engine.baseConfiguration())
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .build());

    private static final Instant OUTAGE = WarehouseOutage.ONSET;
    private static final long STOP_AT = WarehouseOutage.STOP_AT_MILLIS;
    private static final TransactionSpec ORDER_TO_FULFILLMENT = WarehouseOutage.ORDERS;
    private static final SloSpec AVAILABILITY = WarehouseOutage.AVAILABILITY;

    private static List<Span> spans;

    @TempDir
    Path out;

    @BeforeAll
    static void simulate() {
        spans = WarehouseOutage.spans(11);
    }

    @Test
    void pagesForThePrimaryWithinAMinuteOfTheOutageAndNeverForTheSecondary() throws Exception {
        run(2, out);

        List<TransactionOutcome> outcomes = JsonLines.read(out.resolve("transactions"), TransactionOutcome.class);
        assertThat(outcomes).hasSize(2 * 30 * 30);
        assertThat(outcomes)
                .filteredOn(o -> o.outcome() == Outcome.FAILED)
                .allSatisfy(o -> assertThat(o.failingStage()).isIn("warehouse-reservation", "fulfillment"));
        assertThat(outcomes)
                .filteredOn(o -> o.failingStage().equals("warehouse-reservation"))
                .allSatisfy(o -> {
                    assertThat(o.cloudProvider()).isEqualTo("aws");
                    assertThat(o.failingService()).isEqualTo("warehouse-api");
                });

        List<SloAlert> alerts = JsonLines.read(out.resolve("alerts"), SloAlert.class);
        SloAlert page = alerts.stream()
                .filter(a -> a.firing() && a.severity().equals("page"))
                .min(Comparator.comparingLong(SloAlert::eventTimeMillis))
                .orElseThrow();
        assertThat(page.cloudProvider()).isEqualTo("aws");
        assertThat(page.eventTimeMillis() - OUTAGE.toEpochMilli()).isBetween(0L, 2 * 60_000L);
        assertThat(alerts)
                .noneMatch(a -> a.cloudProvider().equals("gcp") && a.severity().equals("page"));

        List<SloSnapshot> snapshots = JsonLines.read(out.resolve("slo"), SloSnapshot.class);
        assertThat(snapshots).extracting(SloSnapshot::cloudProvider).containsOnly("aws", "gcp");
        assertThat(snapshots)
                .allSatisfy(s -> assertThat(s.minuteEndEpochMillis()).isLessThanOrEqualTo(STOP_AT));
    }

    @Test
    void givesTheSameResultsAtParallelismOneAndTwo(@TempDir Path other) throws Exception {
        run(1, out);
        run(2, other);

        assertThat(sorted(JsonLines.read(other.resolve("transactions"), TransactionOutcome.class)))
                .isEqualTo(sorted(JsonLines.read(out.resolve("transactions"), TransactionOutcome.class)));
        assertThat(JsonLines.read(other.resolve("slo"), SloSnapshot.class))
                .containsExactlyInAnyOrderElementsOf(JsonLines.read(out.resolve("slo"), SloSnapshot.class));
        assertThat(JsonLines.read(other.resolve("alerts"), SloAlert.class))
                .containsExactlyInAnyOrderElementsOf(JsonLines.read(out.resolve("alerts"), SloAlert.class));
    }

    private static List<TransactionOutcome> sorted(List<TransactionOutcome> outcomes) {
        return outcomes.stream()
                .sorted(Comparator.comparing(TransactionOutcome::transactionId))
                .toList();
    }

    private static void run(int parallelism, Path dir) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        new SloPipelineJob(
                        InMemorySources.of(spans, env.getConfig()),
                        List.of(ORDER_TO_FULFILLMENT),
                        List.of(AVAILABILITY),
                        STOP_AT,
                        new SloPipelineJob.Sinks(
                                new JsonLinesSink<>(dir.resolve("transactions")),
                                new JsonLinesSink<>(dir.resolve("slo")),
                                new JsonLinesSink<>(dir.resolve("alerts")),
                                new JsonLinesSink<>(dir.resolve("late"))))
                .execute(env);
    }
}
