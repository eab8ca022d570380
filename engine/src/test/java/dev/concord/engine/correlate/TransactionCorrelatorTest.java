package dev.concord.engine.correlate;

import static dev.concord.engine.correlate.TransactionFixtures.MAX_DURATION;
import static dev.concord.engine.correlate.TransactionFixtures.ORDER_TO_FULFILLMENT;
import static dev.concord.engine.correlate.TransactionFixtures.at;
import static dev.concord.engine.correlate.TransactionFixtures.failingOn;
import static dev.concord.engine.correlate.TransactionFixtures.millis;
import static dev.concord.engine.correlate.TransactionFixtures.stage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.ingest.model.Span;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TransactionCorrelatorTest extends CorrelatorHarnessTest {

    @Test
    void emitsACompletedOutcomeWhenTheCompletingStageEndsAcrossTraces() throws Exception {
        pushAll(completedOrder("o-1"));

        advanceTo(millis(at(100)));

        assertThat(harness.extractOutputValues()).singleElement().satisfies(outcome -> {
            assertThat(outcome.transaction()).isEqualTo("order-to-fulfillment");
            assertThat(outcome.transactionId()).isEqualTo("o-1");
            assertThat(outcome.outcome()).isEqualTo(Outcome.COMPLETED);
            assertThat(outcome.success()).isTrue();
            assertThat(outcome.cloudProvider()).isEqualTo("aws");
            assertThat(outcome.cloudRegion()).isEqualTo("us-east-1");
            assertThat(outcome.tenant()).isEqualTo("acme");
            assertThat(outcome.startEpochMillis()).isEqualTo(millis(at(0)));
            assertThat(outcome.durationMillis()).isEqualTo(100_000);
            assertThat(outcome.failingStage()).isEmpty();
            assertThat(outcome.stages())
                    .extracting(StageRecord::stage)
                    .containsExactly("order-capture", "inventory-reserve", "pick", "ship", "erp-posting");
        });
    }

    @Test
    void restoredAtAnotherParallelismEachInstanceKeepsTheTombstonesOfItsOwnKeysAndDropsTheirStragglers()
            throws Exception {
        int keyGroups = 128;
        harness.close();
        harness = keyedHarness(keyGroups, 1, 0);
        harness.open();
        List<String> ids = List.of("o-30", "o-31", "o-32", "o-33", "o-34", "o-35");
        for (String id : ids) {
            pushAll(completedOrder(id));
        }
        advanceTo(millis(at(100)));
        assertThat(harness.extractOutputValues()).hasSize(ids.size());
        OperatorSubtaskState snapshot = harness.snapshot(1, 1);

        int kept = 0;
        for (int subtask = 0; subtask < 2; subtask++) {
            try (var half = keyedHarness(keyGroups, 2, subtask)) {
                half.initializeState(
                        AbstractStreamOperatorTestHarness.repartitionOperatorState(snapshot, keyGroups, 1, 2, subtask));
                half.open();
                List<String> own = new ArrayList<>();
                for (String id : ids) {
                    String key = ORDER_TO_FULFILLMENT.name() + "/" + id;
                    if (KeyGroupRangeAssignment.assignKeyToParallelOperator(key, keyGroups, 2) == subtask) {
                        own.add(id);
                    }
                }
                TransactionCorrelator correlator = (TransactionCorrelator) half.getOperator();
                assertThat(own).as("both instances own some of the keys").isNotEmpty();
                assertThat(correlator.tombstones()).isEqualTo(own.size());
                kept += correlator.tombstones();

                for (String id : own) {
                    Span straggler =
                            stage(id, "audit", 100, 130).spanId("late-" + id).build();
                    half.processElement1(straggler, straggler.endEpochMillis());
                }
                AbstractStreamOperator<?> operator = (AbstractStreamOperator<?>) correlator;
                assertThat(((HeapKeyedStateBackend<?>) operator.getKeyedStateBackend()).numKeyValueStateEntries())
                        .as("each straggler found its tombstone instead of opening a transaction")
                        .isZero();
            }
        }
        assertThat(kept).isEqualTo(ids.size());
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, Span, TelemetryPresence, TransactionOutcome>
            keyedHarness(int keyGroups, int instances, int subtask) throws Exception {
        return new KeyedTwoInputStreamOperatorTestHarness<>(
                new TransactionCorrelator(List.of(ORDER_TO_FULFILLMENT)),
                TransactionCorrelator::key,
                null,
                Types.STRING,
                keyGroups,
                instances,
                subtask);
    }

    @Test
    void waitsForTheWatermarkBeforeDeciding() throws Exception {
        pushAll(completedOrder("o-1"));

        advanceTo(millis(at(99)));

        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void aRestoredInstanceDecidesWhatItsCheckpointHeldInFlightAndClearsItsTombstones() throws Exception {
        pushAll(completedOrder("o-20"));
        push(stage("o-21", "order-capture", 0, 1).root().build());
        heardFrom("aws", at(0), at(0).plus(MAX_DURATION));
        advanceTo(millis(at(100)));
        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(o -> assertThat(o.transactionId()).isEqualTo("o-20"));
        OperatorSubtaskState snapshot = harness.snapshot(1, 1);
        harness.close();

        harness = newHarness(snapshot);
        push(stage("o-20", "audit", 100, 130).spanId("late-audit").build());
        assertThat(scheduled())
                .as("o-21's deadline and verdict, o-20's tombstone")
                .isEqualTo(3);
        advanceTo(verdictOf(at(0).plus(MAX_DURATION)));

        assertThat(harness.extractOutputValues())
                .as("the straggler of o-20 found its tombstone; o-21 timed out")
                .singleElement()
                .satisfies(outcome -> {
                    assertThat(outcome.transactionId()).isEqualTo("o-21");
                    assertThat(outcome.outcome()).isEqualTo(Outcome.TIMED_OUT);
                });
        advanceTo(millis(at(200).plus(MAX_DURATION.multipliedBy(2))));
        assertThat(keyedStateEntries()).isZero();
        assertThat(scheduled()).isZero();
    }

    @Test
    void aStaleDeadlineDoesNotDecideALaterTransactionWithTheSameId() throws Exception {
        // the shipment arrives first: its deadline is set, then made stale by the earlier order capture
        push(stage("o-22", "ship", 500, 530).service("shipping").build());
        push(stage("o-22", "order-capture", 0, 1).root().build());
        push(stage("o-22", "erp-posting", 5, 6).trace("t2").root().build());
        advanceTo(millis(at(6)));
        assertThat(harness.extractOutputValues()).hasSize(1);
        advanceTo(millis(at(6).plus(MAX_DURATION)));
        assertThat(keyedStateEntries()).as("the tombstone expired").isZero();
        push(stage("o-22", "order-capture", 960, 961).root().spanId("again").build());
        heardFrom("aws", at(960), at(960).plus(MAX_DURATION));

        advanceTo(millis(at(500).plus(MAX_DURATION)));

        assertThat(harness.extractOutputValues())
                .as("the stale deadline passed")
                .hasSize(1);
        advanceTo(verdictOf(at(960).plus(MAX_DURATION)));
        assertThat(harness.extractOutputValues()).hasSize(2).last().satisfies(outcome -> {
            assertThat(outcome.outcome()).isEqualTo(Outcome.TIMED_OUT);
            assertThat(outcome.startEpochMillis()).isEqualTo(millis(at(960)));
        });
    }

    @Test
    void clearsAllStateAndTimersOneMaximumDurationAfterTheOutcome() throws Exception {
        pushAll(completedOrder("o-1"));
        advanceTo(millis(at(100)));
        assertThat(keyedStateEntries()).as("the tombstone").isEqualTo(1);

        advanceTo(millis(at(100).plus(MAX_DURATION)));

        assertThat(keyedStateEntries()).isZero();
        assertThat(scheduled()).isZero();
    }

    @Test
    void keepsATombstoneTheWatermarkHasNotPassed() throws Exception {
        pushAll(completedOrder("o-18"));
        advanceTo(millis(at(100).plus(MAX_DURATION)) - 1);
        assertThat(keyedStateEntries()).as("the tombstone").isEqualTo(1);

        push(stage("o-18", "audit", 100, 130).spanId("late-audit").build());
        advanceTo(millis(at(0).plus(MAX_DURATION.multipliedBy(3))));

        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(scheduled()).isZero();
    }

    @Test
    void clearsATombstoneWhenTheWatermarkPassesItSoTheIdMayStartAgain() throws Exception {
        pushAll(completedOrder("o-19"));
        advanceTo(millis(at(100).plus(MAX_DURATION)) - 1);
        assertThat(keyedStateEntries()).as("the tombstone").isEqualTo(1);
        advanceTo(millis(at(100).plus(MAX_DURATION)));
        assertThat(keyedStateEntries()).isZero();

        push(stage("o-19", "order-capture", 1000, 1001)
                .spanId("o-19-again")
                .root()
                .build());
        push(stage("o-19", "erp-posting", 1010, 1020).spanId("o-19-again-erp").build());
        advanceTo(millis(at(1020)));

        assertThat(harness.extractOutputValues())
                .extracting(TransactionOutcome::endEpochMillis)
                .as("a new transaction under the same id, as once the tombstone's time has passed")
                .containsExactly(millis(at(100)), millis(at(1020)));
    }

    @Test
    void withOnlyTheRootRuleFailsInTheStageWhereTheFailureStartedWhenTheCarryingRequestFails() throws Exception {
        correlate(failingOn(new TransactionSpec.Failure(false, Duration.ZERO)));
        push(stage("o-2", "inventory-reserve", 1, 2)
                .service("warehouse-api")
                .failed()
                .build());
        push(stage("o-2", "order-capture", 0, 3).root().failed().build());

        advanceTo(millis(at(3)));

        assertThat(harness.extractOutputValues()).singleElement().satisfies(outcome -> {
            assertThat(outcome.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(outcome.success()).isFalse();
            assertThat(outcome.failingStage()).isEqualTo("inventory-reserve");
            assertThat(outcome.failingService()).isEqualTo("warehouse-api");
            assertThat(outcome.endEpochMillis()).isEqualTo(millis(at(3)));
        });
    }

    @Test
    void withOnlyTheRootRuleTimesOutInTheFirstStageThatHadNotSucceeded() throws Exception {
        correlate(failingOn(new TransactionSpec.Failure(false, Duration.ZERO)));
        push(stage("o-4", "order-capture", 0, 1).root().build());
        push(stage("o-4", "inventory-reserve", 1, 2).service("warehouse-api").build());
        push(stage("o-4", "pick", 10, 11).service("warehouse-api").failed().build());
        heardFrom("aws", at(0), at(0).plus(MAX_DURATION));

        advanceTo(millis(at(0).plus(MAX_DURATION)) - 1);
        assertThat(harness.extractOutputValues()).isEmpty();
        advanceTo(verdictOf(at(0).plus(MAX_DURATION)));

        assertThat(harness.extractOutputValues()).singleElement().satisfies(outcome -> {
            assertThat(outcome.outcome()).isEqualTo(Outcome.TIMED_OUT);
            assertThat(outcome.failingStage()).isEqualTo("pick");
            assertThat(outcome.failingService()).isEqualTo("warehouse-api");
            assertThat(outcome.durationMillis()).isEqualTo(MAX_DURATION.toMillis());
        });
    }

    @Test
    void timesOutWaitingForAStageNoServiceStarted() throws Exception {
        push(stage("o-5", "order-capture", 0, 1).root().build());
        heardFrom("aws", at(0), at(0).plus(MAX_DURATION));

        advanceTo(verdictOf(at(0).plus(MAX_DURATION)));

        assertThat(harness.extractOutputValues()).singleElement().satisfies(outcome -> {
            assertThat(outcome.failingStage()).isEqualTo("inventory-reserve");
            assertThat(outcome.failingService()).isEmpty();
        });
    }

    @Test
    void countsASpanDeliveredTwiceOnce() throws Exception {
        List<Span> order = completedOrder("o-6");
        pushAll(order);
        push(order.get(2));
        push(order.get(2));

        advanceTo(millis(at(100)));

        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(outcome -> assertThat(outcome.stages()).hasSize(5));
    }

    @Test
    void dropsStragglersOfADecidedTransactionInsteadOfOpeningAnotherOne() throws Exception {
        pushAll(completedOrder("o-7"));
        advanceTo(millis(at(100)));
        push(stage("o-7", "audit", 100, 130).spanId("late-audit").build());

        advanceTo(millis(at(200).plus(MAX_DURATION.multipliedBy(3))));

        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(keyedStateEntries()).isZero();
    }

    @Test
    void sendsASpanBehindTheWatermarkOfADecidedTransactionToTheLateOutput() throws Exception {
        pushAll(completedOrder("o-8"));
        advanceTo(millis(at(150)));
        Span late = stage("o-8", "audit", 100, 120).spanId("late-audit").build();

        push(late);

        assertThat(harness.getSideOutput(TransactionCorrelator.LATE))
                .extracting(StreamRecord::getValue)
                .containsExactly(late);
        assertThat(harness.extractOutputValues()).hasSize(1);
    }

    @Test
    void sendsALateSpanToTheLateOutputWhenItsTransactionWasDueBeforeAnythingOfItArrived() throws Exception {
        advanceTo(millis(at(0).plus(MAX_DURATION).plusSeconds(1)));
        Span late = stage("o-8b", "order-capture", 0, 1).root().build();

        push(late);
        advanceTo(millis(at(0).plus(MAX_DURATION.multipliedBy(3))));

        assertThat(harness.getSideOutput(TransactionCorrelator.LATE))
                .extracting(StreamRecord::getValue)
                .containsExactly(late);
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(keyedStateEntries()).isZero();
        assertThat(scheduled()).isZero();
    }

    @Test
    void usesASpanBehindTheWatermarkWhileItsTransactionIsStillOpen() throws Exception {
        push(stage("o-12", "order-capture", 0, 1).root().build());
        advanceTo(millis(at(120)));

        push(stage("o-12", "pick", 10, 40).service("warehouse-api").build());
        push(stage("o-12", "erp-posting", 95, 100).trace("t2").root().build());
        advanceTo(millis(at(121)));

        assertThat(harness.getSideOutput(TransactionCorrelator.LATE)).isNullOrEmpty();
        assertThat(harness.extractOutputValues()).singleElement().satisfies(outcome -> {
            assertThat(outcome.outcome()).isEqualTo(Outcome.COMPLETED);
            assertThat(outcome.endEpochMillis()).isEqualTo(millis(at(100)));
            assertThat(outcome.stages()).hasSize(3);
        });
    }

    @Test
    void ignoresSpansOfATransactionNoRuleDescribes() throws Exception {
        push(stage("x-1", "start", 0, 1)
                .transaction("unknown-flow")
                .root()
                .failed()
                .build());

        advanceTo(millis(at(0).plus(MAX_DURATION.multipliedBy(3))));

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(keyedStateEntries()).isZero();
    }

    @Test
    void keepsTheFirstStagesCloudWhenLaterStagesRunElsewhere() throws Exception {
        push(stage("o-9", "order-capture", 0, 1)
                .root()
                .in("gcp", "us-central1")
                .tenant("globex")
                .build());
        push(stage("o-9", "erp-posting", 5, 6).in("aws", "us-east-1").build());

        advanceTo(millis(at(6)));

        assertThat(harness.extractOutputValues()).singleElement().satisfies(outcome -> {
            assertThat(outcome.cloudProvider()).isEqualTo("gcp");
            assertThat(outcome.tenant()).isEqualTo("globex");
            assertThat(outcome.stages()).extracting(StageRecord::cloudProvider).containsExactly("gcp", "aws");
        });
    }

    @Test
    void restoresInFlightTransactionsFromASnapshot() throws Exception {
        List<Span> order = completedOrder("o-10");
        pushAll(order.subList(0, 3));
        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        harness.close();

        harness = newHarness(snapshot);
        pushAll(order.subList(3, 5));
        advanceTo(millis(at(100)));

        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(outcome -> assertThat(outcome.stages()).hasSize(5));
    }

    static Stream<Integer> seeds() {
        return IntStream.range(0, 6).boxed();
    }

    @ParameterizedTest(name = "arrival order {0} gives the same outcomes as time order")
    @MethodSource("seeds")
    void givesTheSameOutcomesWhateverTheArrivalOrder(int seed) throws Exception {
        List<Span> spans = new ArrayList<>();
        spans.addAll(completedOrder("a"));
        spans.add(stage("b", "inventory-reserve", 1, 2).failed().build());
        spans.add(stage("b", "order-capture", 0, 2).root().failed().build());
        spans.add(stage("b", "order-capture", 0, 2).root().failed().build());
        spans.add(stage("c", "order-capture", 0, 1).root().build());
        spans.add(stage("c", "erp-posting", 30, 31).build());
        spans.add(stage("c", "erp-posting", 30, 31)
                .spanId("c-retry")
                .failed()
                .root()
                .build());

        List<TransactionOutcome> inTimeOrder = run(spans);
        List<Span> shuffled = new ArrayList<>(spans);
        Collections.shuffle(shuffled, new Random(seed));

        assertThat(run(shuffled)).containsExactlyInAnyOrderElementsOf(inTimeOrder);
        assertThat(inTimeOrder).hasSize(3);
    }

    private static List<TransactionOutcome> run(List<Span> spans) throws Exception {
        try (var fresh = newHarness()) {
            for (Span span : spans) {
                fresh.processElement1(span, span.endEpochMillis());
            }
            fresh.processWatermark1(new Watermark(millis(at(0).plus(MAX_DURATION.multipliedBy(3)))));
            fresh.processWatermark2(new Watermark(millis(at(0).plus(MAX_DURATION.multipliedBy(3)))));
            return fresh.extractOutputValues();
        }
    }

    @Test
    void carriesTheFirstStagesAdjustedCountSoSampledTransactionsWeighRight() throws Exception {
        push(stage("o-11", "order-capture", 0, 1).root().sampledOneIn(8).build());
        push(stage("o-11", "erp-posting", 5, 6)
                .trace("t2")
                .root()
                .sampledOneIn(2)
                .build());

        advanceTo(millis(at(6)));

        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(outcome -> assertThat(outcome.adjustedCount()).isEqualTo(8.0));
    }

    @Test
    void theCorrelatorsProjectionOfASpanDropsOnlyItsAttributes() {
        Span plain = stage("o-p", "ship", 60, 90).service("shipping").failed().build();
        Span withAttributes = new Span(
                plain.resource(),
                plain.traceId(),
                plain.spanId(),
                plain.parentSpanId(),
                plain.name(),
                plain.kind(),
                plain.startTimeUnixNano(),
                plain.endTimeUnixNano(),
                plain.status(),
                "carrier timeout",
                plain.businessTransaction(),
                plain.businessTransactionId(),
                plain.businessTransactionStage(),
                Map.of("http.response.status_code", "504", "peer.service", "carrier"),
                2.0);

        Span projected = TransactionCorrelator.projected(withAttributes);

        assertThat(projected.attributes()).isEmpty();
        assertThat(projected)
                .usingRecursiveComparison()
                .ignoringFields("attributes")
                .isEqualTo(withAttributes);
        assertThat(StageRecord.of(projected)).isEqualTo(StageRecord.of(withAttributes));
        assertThat(TransactionCorrelator.key(projected)).isEqualTo(TransactionCorrelator.key(withAttributes));
        assertThat(TransactionCorrelator.projected(plain)).isSameAs(plain);
    }
}
