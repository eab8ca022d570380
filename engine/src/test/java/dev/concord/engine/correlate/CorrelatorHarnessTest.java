package dev.concord.engine.correlate;

import static dev.concord.engine.correlate.TransactionFixtures.ORDER_TO_FULFILLMENT;
import static dev.concord.engine.correlate.TransactionFixtures.millis;
import static dev.concord.engine.correlate.TransactionFixtures.stage;

import dev.concord.ingest.model.Span;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The correlator in a Flink keyed harness, with the timeline helpers its tests share. */
abstract class CorrelatorHarnessTest {

    KeyedTwoInputStreamOperatorTestHarness<String, Span, TelemetryPresence, TransactionOutcome> harness;

    @BeforeEach
    void openHarness() throws Exception {
        harness = newHarness();
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    static KeyedTwoInputStreamOperatorTestHarness<String, Span, TelemetryPresence, TransactionOutcome> newHarness()
            throws Exception {
        return newHarness(null);
    }

    /** A harness, restored from {@code snapshot} unless it is null. */
    static KeyedTwoInputStreamOperatorTestHarness<String, Span, TelemetryPresence, TransactionOutcome> newHarness(
            OperatorSubtaskState snapshot) throws Exception {
        return newHarness(ORDER_TO_FULFILLMENT, snapshot);
    }

    /** Replaces this test's harness with a fresh one correlating {@code spec}. */
    void correlate(TransactionSpec spec) throws Exception {
        harness.close();
        harness = newHarness(spec, null);
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, Span, TelemetryPresence, TransactionOutcome>
            newHarness(TransactionSpec spec, OperatorSubtaskState snapshot) throws Exception {
        var harness = new KeyedTwoInputStreamOperatorTestHarness<String, Span, TelemetryPresence, TransactionOutcome>(
                new TransactionCorrelator(List.of(spec)), TransactionCorrelator::key, null, Types.STRING);
        if (snapshot != null) {
            harness.initializeState(snapshot);
        }
        harness.open();
        return harness;
    }

    /** A whole order across two traces (the ERP posting runs behind a queue) in the primary cloud. */
    static List<Span> completedOrder(String id) {
        return List.of(
                stage(id, "order-capture", 0, 1).root().build(),
                stage(id, "inventory-reserve", 1, 2).service("warehouse-api").build(),
                stage(id, "pick", 10, 40).service("warehouse-api").build(),
                stage(id, "ship", 60, 90).service("shipping").build(),
                stage(id, "erp-posting", 95, 100)
                        .service("erp-connector")
                        .trace("t2")
                        .root()
                        .build());
    }

    /** The correlator's schedule: what Flink's timers were to a process function. */
    int scheduled() {
        return ((TransactionCorrelator) harness.getOperator()).scheduled();
    }

    /** The transactions in flight in the keyed state, and the tombstones the operator keeps. */
    int keyedStateEntries() {
        AbstractStreamOperator<?> operator = (AbstractStreamOperator<?>) harness.getOperator();
        return ((HeapKeyedStateBackend<?>) operator.getKeyedStateBackend()).numKeyValueStateEntries()
                + ((TransactionCorrelator) operator).tombstones();
    }

    /** Both inputs' watermarks: the operator's is the lesser of the two. */
    void advanceTo(long millis) throws Exception {
        harness.processWatermark1(new Watermark(millis));
        harness.processWatermark2(new Watermark(millis));
    }

    /** The last millisecond of an instant's minute, when a timeout at that instant is judged. */
    static long verdictOf(Instant deadline) {
        return TelemetryPresence.minuteOf(millis(deadline)) + 59_999;
    }

    /** Presence of a cloud's telemetry for every minute from {@code from} to {@code to}, both included. */
    void heardFrom(String cloud, Instant from, Instant to) throws Exception {
        for (long minute = TelemetryPresence.minuteOf(millis(from)); minute <= millis(to); minute += 60_000) {
            harness.processElement2(new TelemetryPresence(cloud, minute, 10), minute + 59_999);
        }
    }

    void pushAll(List<Span> spans) throws Exception {
        for (Span span : spans) {
            push(span);
        }
    }

    void push(Span span) throws Exception {
        harness.processElement1(span, span.endEpochMillis());
    }
}
