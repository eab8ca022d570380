package dev.concord.engine.ratio;

import static dev.concord.engine.ratio.Fixtures.AWS;
import static dev.concord.engine.ratio.Fixtures.GCP;
import static dev.concord.engine.ratio.Fixtures.NINE_O_CLOCK;
import static dev.concord.engine.ratio.Fixtures.NINE_O_ONE;
import static dev.concord.engine.ratio.Fixtures.NINE_O_TWO;
import static dev.concord.engine.ratio.Fixtures.failedAt;
import static dev.concord.engine.ratio.Fixtures.millis;
import static dev.concord.engine.ratio.Fixtures.succeededAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.concord.ingest.model.Span;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MinuteSuccessRatioFunctionTest {

    private KeyedOneInputStreamOperatorTestHarness<TransactionCloud, Span, MinuteSuccessRatio> harness;

    @BeforeEach
    void openHarness() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new MinuteSuccessRatioFunction(), TransactionCloud::of, TypeInformation.of(TransactionCloud.class));
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    @Test
    void emitsTheShareOfSuccessesOnceTheWatermarkPassesTheMinute() throws Exception {
        push(succeededAt(AWS, NINE_O_CLOCK.plusSeconds(5)));
        push(succeededAt(AWS, NINE_O_CLOCK.plusSeconds(20)));
        push(succeededAt(AWS, NINE_O_CLOCK.plusSeconds(30)));
        push(failedAt(AWS, NINE_O_CLOCK.plusSeconds(59)));

        assertThat(harness.extractOutputValues()).isEmpty();

        harness.processWatermark(millis(NINE_O_ONE) - 1);

        assertThat(harness.extractOutputValues())
                .containsExactly(new MinuteSuccessRatio(
                        "order-to-fulfillment", "aws", "us-east-1", millis(NINE_O_CLOCK), 4, 3, 0.75));
    }

    @Test
    void clearsStateAndTimersOnceEveryMinuteIsEmitted() throws Exception {
        push(succeededAt(AWS, NINE_O_CLOCK.plusSeconds(5)));
        push(failedAt(AWS, NINE_O_ONE.plusSeconds(5)));
        push(succeededAt(GCP, NINE_O_ONE.plusSeconds(10)));

        assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
        assertThat(harness.numEventTimeTimers()).isEqualTo(3);

        harness.processWatermark(millis(NINE_O_TWO));

        assertThat(harness.extractOutputValues()).hasSize(3);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void keepsEachTransactionAndCloudApart() throws Exception {
        push(failedAt(AWS, NINE_O_CLOCK.plusSeconds(5)));
        push(succeededAt(GCP, NINE_O_CLOCK.plusSeconds(6)));

        harness.processWatermark(millis(NINE_O_ONE));

        assertThat(harness.extractOutputValues())
                .extracting(MinuteSuccessRatio::cloudProvider, MinuteSuccessRatio::successRatio)
                .containsExactlyInAnyOrder(tuple("aws", 0.0), tuple("gcp", 1.0));
    }

    @Test
    void sendsASpanForAMinuteAlreadyEmittedToTheLateOutputWithoutChangingTheFigure() throws Exception {
        push(succeededAt(AWS, NINE_O_CLOCK.plusSeconds(5)));
        harness.processWatermark(millis(NINE_O_ONE));
        Span late = failedAt(AWS, NINE_O_CLOCK.plusSeconds(30));

        push(late);
        harness.processWatermark(millis(NINE_O_TWO));

        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(ratio -> assertThat(ratio.total()).isEqualTo(1));
        assertThat(harness.getSideOutput(MinuteSuccessRatioFunction.LATE))
                .extracting(StreamRecord::getValue)
                .containsExactly(late);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void acceptsASpanOutOfOrderWhileItsMinuteIsStillOpen() throws Exception {
        push(succeededAt(AWS, NINE_O_CLOCK.plusSeconds(50)));
        harness.processWatermark(millis(NINE_O_CLOCK.plusSeconds(40)));
        push(failedAt(AWS, NINE_O_CLOCK.plusSeconds(10)));

        harness.processWatermark(millis(NINE_O_ONE));

        assertThat(harness.extractOutputValues())
                .extracting(MinuteSuccessRatio::total)
                .containsExactly(2L);
        assertThat(harness.getSideOutput(MinuteSuccessRatioFunction.LATE)).isNullOrEmpty();
    }

    @Test
    void restoresOpenMinutesFromASnapshot() throws Exception {
        push(succeededAt(AWS, NINE_O_CLOCK.plusSeconds(5)));
        push(failedAt(AWS, NINE_O_CLOCK.plusSeconds(6)));
        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        harness.close();

        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new MinuteSuccessRatioFunction()),
                TransactionCloud::of,
                TypeInformation.of(TransactionCloud.class));
        harness.setup();
        harness.initializeState(snapshot);
        harness.open();
        harness.processWatermark(millis(NINE_O_ONE));

        assertThat(harness.extractOutputValues())
                .extracting(MinuteSuccessRatio::successRatio)
                .containsExactly(0.5);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void startsEachMinuteOnTheMinute() {
        assertThat(MinuteSuccessRatioFunction.minuteStart(millis(Instant.parse("2026-01-05T09:07:59.999Z"))))
                .isEqualTo(millis(Instant.parse("2026-01-05T09:07:00Z")));
        assertThat(MinuteSuccessRatioFunction.minuteStart(millis(Instant.parse("2026-01-05T09:08:00Z"))))
                .isEqualTo(millis(Instant.parse("2026-01-05T09:08:00Z")));
    }

    private void push(Span span) throws Exception {
        harness.processElement(span, span.endEpochMillis());
    }
}
