package dev.concord.engine.slo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.engine.OutputText;
import dev.concord.engine.correlate.Outcome;
import dev.concord.engine.correlate.TransactionOutcome;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SloTalliesTest {

    private static final long MINUTE = SloEvaluator.MINUTE_MILLIS;
    private static final String ORDERS = "order-to-fulfillment";

    /** Grouped by cloud and region, not by tenant. */
    static final SloSpec AVAILABILITY = slo("availability", ORDERS, 0, true);

    /** Not grouped at all. */
    static final SloSpec LATENCY = slo("latency", ORDERS, 500, false);

    private OneInputStreamOperatorTestHarness<TransactionOutcome, SloEvent> harness;
    private int outcomes;

    static SloSpec slo(String name, String transaction, long latencyThresholdMillis, boolean grouped) {
        return new SloSpec(
                name,
                transaction,
                latencyThresholdMillis,
                0.99,
                24 * 60,
                "",
                List.of(new BurnWindow("page", 60, 5, 14.4)),
                0,
                grouped,
                grouped,
                false,
                Map.of(),
                Map.of());
    }

    private void open(SloSpec... slos) throws Exception {
        harness = new OneInputStreamOperatorTestHarness<>(new SloTallies(List.of(slos)));
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    static TransactionOutcome outcome(
            String transaction, String cloud, long end, long durationMillis, Outcome outcome, double weight) {
        return new TransactionOutcome(
                transaction,
                "t-" + end + "-" + durationMillis,
                "acme",
                cloud,
                cloud + "-east",
                end - durationMillis,
                end,
                durationMillis,
                outcome == Outcome.COMPLETED,
                outcome,
                "",
                "",
                List.of(),
                weight,
                List.of());
    }

    /** An order decided at {@code time}, when it ended. */
    private void order(String cloud, long time, Outcome result, double weight) throws Exception {
        decided(outcome(ORDERS, cloud, time, 100 + outcomes++, result, weight), time);
    }

    private void decided(TransactionOutcome outcome, long time) throws Exception {
        harness.processElement(new StreamRecord<>(outcome, time));
    }

    /**
     * The output so far as text, in order: an event as slo[cloud,region,tenant]@eventTime=good/total@timestamp, a
     * watermark as W, a status.
     */
    private List<String> output() {
        return OutputText.drain(
                harness,
                event -> {
                    SloKey key = event.key();
                    return key.slo() + "[" + key.cloudProvider() + "," + key.cloudRegion() + "," + key.tenant() + "]@"
                            + event.eventTimeMillis() + "=" + event.goodWeight() + "/" + event.weight();
                },
                "@");
    }

    private int held() {
        return ((SloTallies) harness.getOperator()).held();
    }

    @Test
    void sumsEachKeyAndMinuteAndSendsTheSumsOnBeforeTheWatermark() throws Exception {
        open(AVAILABILITY);
        order("aws", 10, Outcome.COMPLETED, 1);
        order("aws", 20, Outcome.FAILED, 2);
        order("gcp", 30, Outcome.COMPLETED, 1);
        order("aws", MINUTE + 5, Outcome.COMPLETED, 1);
        order("aws", 40, Outcome.TIMED_OUT, 1);
        order("aws", 25, Outcome.COMPLETED, 3);
        assertThat(output()).as("nothing leaves before the watermark").isEmpty();
        assertThat(held()).isEqualTo(3);

        harness.processWatermark(new Watermark(9));

        assertThat(output())
                .containsExactly(
                        "availability[aws,aws-east,*]@0=4.0/7.0@40",
                        "availability[gcp,gcp-east,*]@0=1.0/1.0@30",
                        "availability[aws,aws-east,*]@" + MINUTE + "=1.0/1.0@" + (MINUTE + 5),
                        "W9");
        assertThat(held()).isZero();
    }

    @Test
    void countsAnOutcomeInTheMinuteItEndedAndStampsTheSumWithTheLatestDecision() throws Exception {
        open(AVAILABILITY);
        // timed out at its deadline, decided once the watermark had passed it
        decided(outcome(ORDERS, "aws", MINUTE - 1, 300_000, Outcome.TIMED_OUT, 1), MINUTE + 30_000);
        decided(outcome(ORDERS, "aws", 50_000, 100, Outcome.COMPLETED, 1), 50_000);

        harness.processWatermark(new Watermark(40_000));

        assertThat(output()).containsExactly("availability[aws,aws-east,*]@0=1.0/2.0@" + (MINUTE + 30_000), "W40000");
    }

    @Test
    void anOutcomeBehindTheWatermarkSentGoesOnAtOnceAloneWithItsOwnTimes() throws Exception {
        open(AVAILABILITY);
        harness.processWatermark(new Watermark(2 * MINUTE));
        output();

        order("aws", MINUTE + 7, Outcome.FAILED, 2);
        order("aws", MINUTE + 8, Outcome.COMPLETED, 1);

        assertThat(output())
                .containsExactly(
                        "availability[aws,aws-east,*]@" + (MINUTE + 7) + "=0.0/2.0@" + (MINUTE + 7),
                        "availability[aws,aws-east,*]@" + (MINUTE + 8) + "=1.0/1.0@" + (MINUTE + 8));
        assertThat(held()).isZero();
    }

    @Test
    void anOutcomeStampedAtTheWatermarkSentCannotBeLateAndIsSummed() throws Exception {
        open(AVAILABILITY);
        harness.processWatermark(new Watermark(2 * MINUTE));
        output();

        order("aws", 2 * MINUTE, Outcome.COMPLETED, 1);

        assertThat(output()).isEmpty();
        assertThat(held()).isOne();
    }

    @Test
    void sumsLeaveBeforeTheInputTurnsIdle() throws Exception {
        open(AVAILABILITY);
        order("gcp", 5, Outcome.COMPLETED, 1);

        harness.processWatermarkStatus(WatermarkStatus.IDLE);

        assertThat(output()).containsExactly("availability[gcp,gcp-east,*]@0=1.0/1.0@5", "idle");
        assertThat(held()).isZero();
    }

    @Test
    void sumsLeaveBeforeACheckpointBarrierSoNothingIsCheckpointed() throws Exception {
        open(AVAILABILITY);
        order("aws", 5, Outcome.COMPLETED, 1);
        order("aws", 6, Outcome.COMPLETED, 1);

        harness.prepareSnapshotPreBarrier(1);

        assertThat(output()).containsExactly("availability[aws,aws-east,*]@0=2.0/2.0@6");
        assertThat(held()).isZero();
    }

    @Test
    void sumsLeaveAtTheEndOfInput() throws Exception {
        open(AVAILABILITY);
        order("aws", 5, Outcome.COMPLETED, 1);

        harness.getOperator().finish();

        assertThat(output()).containsExactly("availability[aws,aws-east,*]@0=1.0/1.0@5");
        assertThat(held()).isZero();
    }

    @Test
    void aTransactionDecidedAsATelemetryGapIsNoEvent() throws Exception {
        open(AVAILABILITY, LATENCY);
        order("aws", 5, Outcome.TELEMETRY_GAP, 1);
        assertThat(held()).isZero();

        harness.processWatermark(new Watermark(9));

        assertThat(output()).containsExactly("W9");
    }

    @Test
    void onlyTheSlosOfTheOutcomesTransactionCountIt() throws Exception {
        open(AVAILABILITY, slo("payments", "payment", 0, false));
        decided(outcome("payment", "aws", 5, 10, Outcome.COMPLETED, 1), 5);
        decided(outcome("refund", "aws", 6, 10, Outcome.COMPLETED, 1), 6);

        harness.processWatermark(new Watermark(9));

        assertThat(output()).containsExactly("payments[*,*,*]@0=1.0/1.0@5", "W9");
    }

    @Test
    void eachSloSumsByTheDimensionsItIsGroupedBy() throws Exception {
        open(AVAILABILITY, LATENCY);
        order("aws", 5, Outcome.COMPLETED, 1);
        order("gcp", 6, Outcome.COMPLETED, 1);
        order("aws", 7, Outcome.COMPLETED, 1);

        harness.processWatermark(new Watermark(9));

        assertThat(output())
                .containsExactly(
                        "availability[aws,aws-east,*]@0=2.0/2.0@7",
                        "latency[*,*,*]@0=3.0/3.0@7",
                        "availability[gcp,gcp-east,*]@0=1.0/1.0@6",
                        "W9");
    }

    @Test
    void aMinuteWhoseWeightsAddUpToNothingStillSendsItsSum() throws Exception {
        open(AVAILABILITY);
        order("aws", 5, Outcome.COMPLETED, 0);

        harness.processWatermark(new Watermark(9));

        assertThat(output()).containsExactly("availability[aws,aws-east,*]@0=0.0/0.0@5", "W9");
    }

    static Stream<Arguments> latencies() {
        return Stream.of(
                Arguments.of("a transaction that completes in 499 ms is good for a 500 ms latency SLO", true, 499, 1.0),
                Arguments.of("a transaction that completes in 500 ms is bad for a 500 ms latency SLO", true, 500, 0.0),
                Arguments.of("a transaction that fails in 10 ms is bad for a 500 ms latency SLO", false, 10, 0.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("latencies")
    void judgesLatencyByTheSlosThreshold(String sentence, boolean success, long durationMillis, double good)
            throws Exception {
        open(LATENCY);
        decided(outcome(ORDERS, "aws", 5, durationMillis, success ? Outcome.COMPLETED : Outcome.FAILED, 1), 5);

        harness.processWatermark(new Watermark(9));

        assertThat(output()).containsExactly("latency[*,*,*]@0=" + good + "/1.0@5", "W9");
    }

    @Test
    void keepsSummingTheSameKeyAcrossMinutesAndKeysInterleaved() throws Exception {
        open(AVAILABILITY);
        order("aws", 5, Outcome.COMPLETED, 1);
        order("aws", MINUTE + 5, Outcome.COMPLETED, 1);
        order("gcp", 6, Outcome.FAILED, 1);
        order("aws", 7, Outcome.FAILED, 1);
        order("aws", MINUTE + 6, Outcome.FAILED, 1);
        order("aws", 2 * MINUTE + 1, Outcome.COMPLETED, 1);
        order("aws", 8, Outcome.COMPLETED, 1);
        assertThat(held()).isEqualTo(4);

        harness.processWatermark(new Watermark(9));

        assertThat(output())
                .containsExactly(
                        "availability[aws,aws-east,*]@0=2.0/3.0@8",
                        "availability[aws,aws-east,*]@" + MINUTE + "=1.0/2.0@" + (MINUTE + 6),
                        "availability[gcp,gcp-east,*]@0=0.0/1.0@6",
                        "availability[aws,aws-east,*]@" + 2 * MINUTE + "=1.0/1.0@" + (2 * MINUTE + 1),
                        "W9");
        assertThat(held()).isZero();
    }
}
