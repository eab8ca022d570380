package dev.concord.engine.slo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.engine.correlate.Outcome;
import dev.concord.engine.correlate.TransactionOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The evaluator fed sums from {@link SloTallies} against the evaluator fed one event per outcome and SLO, as the
 * pipeline sent them before: three hours of outcomes decided a second at a time as the correlator decides them, with
 * an outage, outcomes decided after the minute they ended in, outcomes behind the watermark and checkpoints between
 * watermarks.
 */
class SloTalliesEvaluationTest {

    private static final long MINUTE = SloEvaluator.MINUTE_MILLIS;
    private static final long START = Instant.parse("2026-01-05T12:00:00Z").toEpochMilli();
    private static final long STOP_AT = START + 200 * MINUTE;
    private static final String[] CLOUDS = {"aws", "gcp"};

    private static final List<SloSpec> SLOS = List.of(
            new SloSpec(
                    "availability",
                    "order-to-fulfillment",
                    0,
                    0.99,
                    24 * 60,
                    "",
                    List.of(new BurnWindow("page", 60, 5, 14.4), new BurnWindow("ticket", 120, 10, 3)),
                    20,
                    true,
                    true,
                    false,
                    Map.of(),
                    Map.of()),
            SloTalliesTest.slo("latency", "order-to-fulfillment", 800, false));

    private KeyedOneInputStreamOperatorTestHarness<SloKey, SloEvent, SloSnapshot> alone;
    private KeyedOneInputStreamOperatorTestHarness<SloKey, SloEvent, SloSnapshot> summed;
    private OneInputStreamOperatorTestHarness<TransactionOutcome, SloEvent> tallies;

    @BeforeEach
    void open() throws Exception {
        alone = evaluator();
        summed = evaluator();
        tallies = new OneInputStreamOperatorTestHarness<>(new SloTallies(SLOS));
        tallies.open();
    }

    private static KeyedOneInputStreamOperatorTestHarness<SloKey, SloEvent, SloSnapshot> evaluator() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new SloEvaluator(SLOS, STOP_AT), SloEvent::key, TypeInformation.of(SloKey.class));
    }

    @AfterEach
    void close() throws Exception {
        alone.close();
        summed.close();
        tallies.close();
    }

    /** What the pipeline sent before the sums: one event per outcome and SLO of its transaction. */
    private static List<SloEvent> eventsAlone(TransactionOutcome outcome) {
        List<SloEvent> events = new ArrayList<>();
        if (outcome.outcome() == Outcome.TELEMETRY_GAP) {
            return events;
        }
        for (SloSpec slo : SLOS) {
            if (slo.transaction().equals(outcome.transaction())) {
                events.add(SloEvent.single(
                        SloTallies.key(slo, outcome),
                        outcome.endEpochMillis(),
                        SloTallies.good(slo, outcome),
                        outcome.adjustedCount()));
            }
        }
        return events;
    }

    static Stream<Arguments> weights() {
        return Stream.of(
                Arguments.of("whole adjusted counts", new double[] {1, 1, 1, 2, 10}),
                Arguments.of("adjusted counts of halves, ones and twos", new double[] {0.5, 1, 2, 1.5}));
    }

    @ParameterizedTest(name = "with {0} the evaluator sends the same snapshots and alerts from sums as from events")
    @MethodSource("weights")
    void sendsTheSameSnapshotsAndAlertsFromSumsAsFromEventsAlone(String name, double[] weights) throws Exception {
        Random random = new Random(17);
        int sent = 0;
        int sums = 0;
        long watermark = START - 1;
        for (long second = 1; second <= 180 * 60; second++) {
            long next = START + second * 1000 - 1;
            boolean outage = second >= 60 * 60 && second < 75 * 60;
            for (int i = random.nextInt(30); i > 0; i--) {
                TransactionOutcome outcome = outcome(random, watermark, next, outage, weights);
                long time = decidedAt(random, outcome, watermark);
                for (SloEvent event : eventsAlone(outcome)) {
                    alone.processElement(event, time);
                    sent++;
                }
                tallies.processElement(new StreamRecord<>(outcome, time));
                if (random.nextInt(500) == 0) {
                    tallies.prepareSnapshotPreBarrier(second);
                }
            }
            tallies.processWatermark(new Watermark(next));
            alone.processWatermark(new Watermark(next));
            sums += forward(tallies.getOutput());
            watermark = next;
        }
        alone.processWatermark(Long.MAX_VALUE);
        tallies.processWatermark(new Watermark(Long.MAX_VALUE));
        forward(tallies.getOutput());

        assertThat(summed.extractOutputStreamRecords()).isEqualTo(alone.extractOutputStreamRecords());
        assertThat(records(summed.getSideOutput(SloEvaluator.ALERTS)))
                .isEqualTo(records(alone.getSideOutput(SloEvaluator.ALERTS)))
                .anyMatch(alert -> alert.getValue().firing());
        assertThat(records(summed.getSideOutput(SloEvaluator.LATE)))
                .isEqualTo(records(alone.getSideOutput(SloEvaluator.LATE)))
                .isNotEmpty();
        assertThat(alone.extractOutputValues()).hasSizeGreaterThan(180 * 2);
        assertThat(sums).as("the events the evaluator takes").isLessThan(sent / 2);
    }

    /** Something in the minutes around the watermark, with a few ended long before it. */
    private static TransactionOutcome outcome(
            Random random, long watermark, long next, boolean outage, double[] weights) {
        long end = random.nextInt(30) == 0 ? watermark - random.nextInt(180_000) : next - random.nextInt(1000);
        Outcome result;
        if (random.nextInt(200) == 0) {
            result = Outcome.TELEMETRY_GAP;
        } else if (random.nextInt(outage ? 2 : 400) == 0) {
            result = random.nextBoolean() ? Outcome.FAILED : Outcome.TIMED_OUT;
        } else {
            result = Outcome.COMPLETED;
        }
        long duration = 200 + random.nextInt(outage ? 2000 : 700);
        String cloud = CLOUDS[random.nextInt(CLOUDS.length)];
        return new TransactionOutcome(
                "order-to-fulfillment",
                "t-" + end,
                "acme",
                cloud,
                cloud + "-east",
                end - duration,
                end,
                duration,
                result == Outcome.COMPLETED,
                result,
                "",
                "",
                List.of(),
                weights[random.nextInt(weights.length)],
                List.of());
    }

    /**
     * Mostly when it ended, as a completing span decides it once the watermark passes; an outcome that ended before
     * the last watermark is decided either at it (its deadline's turn came) or behind it (its last span came late).
     */
    private static long decidedAt(Random random, TransactionOutcome outcome, long watermark) {
        if (outcome.endEpochMillis() > watermark) {
            return outcome.endEpochMillis();
        }
        return random.nextBoolean() ? watermark : outcome.endEpochMillis();
    }

    /** Hands what the tallies sent on to their evaluator, in order; how many sums there were. */
    private int forward(ConcurrentLinkedQueue<Object> output) throws Exception {
        int events = 0;
        for (Object element : output) {
            if (element instanceof StreamRecord<?> record) {
                summed.processElement((SloEvent) record.getValue(), record.getTimestamp());
                events++;
            } else if (element instanceof Watermark mark) {
                summed.processWatermark(mark);
            }
        }
        output.clear();
        return events;
    }

    private static <T> List<StreamRecord<T>> records(ConcurrentLinkedQueue<StreamRecord<T>> output) {
        return output == null ? List.of() : List.copyOf(output);
    }
}
