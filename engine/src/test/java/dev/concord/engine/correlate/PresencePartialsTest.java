package dev.concord.engine.correlate;

import static dev.concord.engine.correlate.TransactionFixtures.stage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.engine.OutputText;
import dev.concord.ingest.model.Span;
import java.util.List;
import java.util.Random;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PresencePartialsTest {

    private static final long MINUTE = TelemetryPresence.MINUTE_MILLIS;

    private OneInputStreamOperatorTestHarness<Span, TelemetryPresence> harness;
    private int spans;

    @BeforeEach
    void open() throws Exception {
        harness = new OneInputStreamOperatorTestHarness<>(new PresencePartials());
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void span(String cloud, long time) throws Exception {
        Span span = stage("o-" + spans++, "order-capture", 0, 1)
                .in(cloud, cloud + "-1")
                .build();
        harness.processElement(new StreamRecord<>(span, time));
    }

    /** The output so far as text, in order: a count as cloud@minute=spans/timestamp, a watermark as W, a status. */
    private List<String> output() {
        return OutputText.drain(
                harness,
                count -> count.cloudProvider() + "@" + count.minuteStartEpochMillis() + "=" + count.spans(),
                "/");
    }

    private int counting() {
        return ((PresencePartials) harness.getOperator()).counting();
    }

    @Test
    void countsSpansPerCloudAndMinuteAndSendsEachMinutesCountsOnBeforeTheWatermarkThatPassesIt() throws Exception {
        span("aws", 10);
        span("aws", 20);
        span("gcp", 30);
        span("aws", MINUTE + 5);
        span("aws", 40);
        harness.processWatermark(new Watermark(MINUTE - 2));
        assertThat(output()).as("nothing leaves before its minute is passed").containsExactly("W" + (MINUTE - 2));
        assertThat(counting()).isEqualTo(3);

        harness.processWatermark(new Watermark(MINUTE - 1));

        assertThat(output()).containsExactly("aws@0=3/" + (MINUTE - 1), "gcp@0=1/" + (MINUTE - 1), "W" + (MINUTE - 1));
        assertThat(counting()).isEqualTo(1);

        span("aws", MINUTE + 6);
        harness.processWatermark(new Watermark(3 * MINUTE));

        assertThat(output()).containsExactly("aws@" + MINUTE + "=2/" + (2 * MINUTE - 1), "W" + 3 * MINUTE);
        assertThat(counting()).isZero();
    }

    @Test
    void aSpanWhoseMinuteTheWatermarkHasPassedGoesOnAtOnceWithItsOwnTime() throws Exception {
        harness.processWatermark(new Watermark(2 * MINUTE));
        output();

        span("aws", MINUTE + 7);

        assertThat(output()).containsExactly("aws@" + MINUTE + "=1/" + (MINUTE + 7));
        assertThat(counting()).isZero();
    }

    @Test
    void countsLeaveBeforeTheInputTurnsIdle() throws Exception {
        span("gcp", 5);

        harness.processWatermarkStatus(WatermarkStatus.IDLE);

        assertThat(output()).containsExactly("gcp@0=1/" + (MINUTE - 1), "idle");
        assertThat(counting()).isZero();
    }

    @Test
    void countsLeaveBeforeACheckpointBarrierSoNothingIsCheckpointed() throws Exception {
        span("aws", 5);
        span("aws", 6);

        harness.prepareSnapshotPreBarrier(1);

        assertThat(output()).containsExactly("aws@0=2/" + (MINUTE - 1));
        assertThat(counting()).isZero();
    }

    @Test
    void countsLeaveAtTheEndOfInput() throws Exception {
        span("aws", 5);

        harness.getOperator().finish();

        assertThat(output()).containsExactly("aws@0=1/" + (MINUTE - 1));
        assertThat(counting()).isZero();
    }

    @Test
    void theCountsAddUpToEverySpanOfEachCloudAndMinute() throws Exception {
        Random random = new Random(5);
        long[][] expected = new long[2][10];
        String[] clouds = {"aws", "gcp"};
        long watermark = Long.MIN_VALUE;
        for (int i = 0; i < 5_000; i++) {
            int cloud = random.nextInt(2);
            long time = random.nextInt(10 * (int) MINUTE);
            span(clouds[cloud], time);
            expected[cloud][(int) (time / MINUTE)]++;
            if (random.nextInt(50) == 0) {
                watermark = Math.max(watermark, time - MINUTE);
                harness.processWatermark(new Watermark(watermark));
            }
        }
        harness.getOperator().finish();

        long[][] counted = new long[2][10];
        for (Object element : harness.getOutput()) {
            if (element instanceof StreamRecord<?> record) {
                TelemetryPresence count = (TelemetryPresence) record.getValue();
                int cloud = count.cloudProvider().equals("aws") ? 0 : 1;
                assertThat(TelemetryPresence.minuteOf(record.getTimestamp()))
                        .as("stamped inside its own minute")
                        .isEqualTo(count.minuteStartEpochMillis());
                counted[cloud][(int) (count.minuteStartEpochMillis() / MINUTE)] += count.spans();
            }
        }
        assertThat(counted).isDeepEqualTo(expected);
    }
}
