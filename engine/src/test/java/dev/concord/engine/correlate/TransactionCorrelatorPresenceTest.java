package dev.concord.engine.correlate;

import static dev.concord.engine.correlate.TransactionFixtures.MAX_DURATION;
import static dev.concord.engine.correlate.TransactionFixtures.at;
import static dev.concord.engine.correlate.TransactionFixtures.millis;
import static dev.concord.engine.correlate.TransactionFixtures.stage;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Timeouts judged by the presence of their cloud's telemetry: outcome, telemetry gap, or late presence counts. */
class TransactionCorrelatorPresenceTest extends CorrelatorHarnessTest {

    @Test
    void judgesATimeoutOnlyOnceThePresenceOfTheDeadlinesMinuteIsKnown() throws Exception {
        push(stage("o-13", "order-capture", 0, 1).root().build());
        heardFrom("aws", at(0), at(0).plus(MAX_DURATION).minusSeconds(60));

        advanceTo(millis(at(0).plus(MAX_DURATION)));
        assertThat(harness.extractOutputValues())
                .as("the deadline's minute is still open")
                .isEmpty();
        heardFrom("aws", at(0).plus(MAX_DURATION), at(0).plus(MAX_DURATION));
        advanceTo(verdictOf(at(0).plus(MAX_DURATION)));

        assertThat(harness.extractOutputValues()).singleElement().satisfies(outcome -> {
            assertThat(outcome.outcome()).isEqualTo(Outcome.TIMED_OUT);
            assertThat(outcome.endEpochMillis()).isEqualTo(millis(at(0).plus(MAX_DURATION)));
        });
    }

    @Test
    void reportsATimeoutAsATelemetryGapWhenItsCloudSentNothingForAMinuteBeforeTheDeadline() throws Exception {
        push(stage("o-14", "order-capture", 0, 1)
                .root()
                .in("gcp", "us-central1")
                .build());
        push(stage("o-14", "inventory-reserve", 1, 2)
                .service("warehouse-api")
                .in("gcp", "us-central1")
                .build());
        heardFrom("gcp", at(0), at(4 * 60));
        heardFrom("gcp", at(6 * 60), at(0).plus(MAX_DURATION));
        heardFrom("aws", at(0), at(0).plus(MAX_DURATION));

        advanceTo(verdictOf(at(0).plus(MAX_DURATION)));

        assertThat(harness.extractOutputValues()).singleElement().satisfies(outcome -> {
            assertThat(outcome.outcome()).isEqualTo(Outcome.TELEMETRY_GAP);
            assertThat(outcome.success()).isFalse();
            assertThat(outcome.failingStage()).isEqualTo("pick");
            assertThat(outcome.cloudProvider()).isEqualTo("gcp");
            assertThat(outcome.endEpochMillis()).isEqualTo(millis(at(0).plus(MAX_DURATION)));
        });
    }

    @ParameterizedTest(name = "a minute's count that arrives {0} the presence watermark passes the minute counts: {1}")
    @CsvSource({"before, true", "after, false"})
    void aCountArrivingAfterThePresenceWatermarkPassedItsMinuteIsDroppedAsLate(String when, boolean counts)
            throws Exception {
        push(stage("o-16", "order-capture", 0, 1)
                .root()
                .in("gcp", "us-central1")
                .build());
        heardFrom("gcp", at(0), at(4 * 60));
        heardFrom("gcp", at(6 * 60), at(0).plus(MAX_DURATION));
        long silentMinute = TelemetryPresence.minuteOf(millis(at(5 * 60)));
        TelemetryPresence late = new TelemetryPresence("gcp", silentMinute, 3);
        if (counts) {
            harness.processElement2(late, silentMinute + 59_999);
        }
        harness.processWatermark2(new Watermark(silentMinute + 59_999));
        if (!counts) {
            harness.processElement2(late, silentMinute + 59_999);
        }

        advanceTo(verdictOf(at(0).plus(MAX_DURATION)));

        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(outcome ->
                        assertThat(outcome.outcome()).isEqualTo(counts ? Outcome.TIMED_OUT : Outcome.TELEMETRY_GAP));
    }

    @Test
    void aSilentMinuteBeforeTheLastSpanIsNoGap() throws Exception {
        push(stage("o-15", "order-capture", 0, 1).root().build());
        push(stage("o-15", "pick", 300, 310).service("warehouse-api").build());
        heardFrom("aws", at(0), at(60));
        heardFrom("aws", at(300), at(0).plus(MAX_DURATION));

        advanceTo(verdictOf(at(0).plus(MAX_DURATION)));

        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(outcome -> assertThat(outcome.outcome()).isEqualTo(Outcome.TIMED_OUT));
    }

    @Test
    void clearsAllStateAndTimersOneMaximumDurationAfterATelemetryGap() throws Exception {
        push(stage("o-16", "order-capture", 0, 1).root().build());
        push(stage("o-16", "pick", 10, 11).service("warehouse-api").build());
        advanceTo(verdictOf(at(0).plus(MAX_DURATION)));
        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(outcome -> assertThat(outcome.outcome()).isEqualTo(Outcome.TELEMETRY_GAP));
        assertThat(keyedStateEntries()).as("the tombstone").isEqualTo(1);

        advanceTo(verdictOf(at(0).plus(MAX_DURATION)) + MAX_DURATION.toMillis());

        assertThat(keyedStateEntries()).isZero();
        assertThat(scheduled()).isZero();
    }

    @Test
    void clearsAllStateAndTimersAfterAnOutcomeDecidedWhileWaitingForTheVerdict() throws Exception {
        push(stage("o-17", "order-capture", 0, 1).root().build());
        advanceTo(millis(at(0).plus(MAX_DURATION)));
        assertThat(scheduled()).as("the verdict's timer").isEqualTo(1);
        push(stage("o-17", "erp-posting", 800, 810).trace("t2").root().build());

        advanceTo(verdictOf(at(0).plus(MAX_DURATION)) + MAX_DURATION.toMillis());

        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(outcome -> assertThat(outcome.outcome()).isEqualTo(Outcome.COMPLETED));
        assertThat(keyedStateEntries()).isZero();
        assertThat(scheduled()).isZero();
    }

    @Test
    void forgetsPresenceOlderThanAnyVerdictCanRead() throws Exception {
        heardFrom("aws", at(0), at(0));
        Instant muchLater = at(0).plus(MAX_DURATION.multipliedBy(4)).plusSeconds(600);
        heardFrom("aws", muchLater, muchLater);

        List<String> kept = new ArrayList<>();
        ((TransactionCorrelator) harness.getOperator())
                .getOperatorStateBackend()
                .getBroadcastState(TelemetryPresence.STATE)
                .entries()
                .forEach(e -> kept.add(e.getKey()));
        assertThat(kept).containsExactly(TelemetryPresence.key("aws", TelemetryPresence.minuteOf(millis(muchLater))));
    }
}
