package dev.concord.engine.sources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.ingest.model.ResourceIdentity;
import dev.concord.ingest.model.Span;
import dev.concord.ingest.model.SpanKind;
import dev.concord.ingest.model.StatusCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CloudWatermarksTest {

    private static final long T0 = 1_767_603_600_000L; // 2026-01-05T09:00:00Z
    private static final Duration OUT_OF_ORDERNESS = Duration.ofSeconds(30);
    private static final Duration IDLENESS = Duration.ofMinutes(1);

    private final Emitted output = new Emitted();
    private CloudWatermarks watermarks;

    @BeforeEach
    void newGenerator() {
        watermarks = new CloudWatermarks(OUT_OF_ORDERNESS, IDLENESS);
    }

    @Test
    void followsTheLatestSpanLessTheOutOfOrdernessWithOneCloud() {
        see("aws", seconds(100));

        assertThat(output.last()).isEqualTo(seconds(70) - 1);
    }

    @Test
    void followsTheCloudFurthestBehindWhileBothSendSpans() {
        see("gcp", seconds(40));
        see("aws", seconds(100));
        see("gcp", seconds(70));
        see("aws", seconds(130));

        assertThat(output.last()).isEqualTo(seconds(40) - 1);
        assertThat(output.values()).as("never backwards").isSorted();
    }

    @Test
    void aCloudSilentWhileTheOthersMoveOnForTheIdlenessStopsHoldingTheWatermarkBack() {
        see("gcp", seconds(100));
        see("aws", seconds(100));
        see("aws", seconds(160));
        assertThat(output.last()).as("gcp silent for exactly the idleness").isEqualTo(seconds(70) - 1);

        see("aws", seconds(161));

        assertThat(output.last()).isEqualTo(seconds(131) - 1);
    }

    @Test
    void aCloudThatSpeaksAgainHoldsTheWatermarkWithoutMovingItBack() {
        see("gcp", seconds(100));
        see("aws", seconds(300));
        long whileGcpWasIdle = output.last();

        see("gcp", seconds(200));
        see("aws", seconds(320));

        assertThat(whileGcpWasIdle).isEqualTo(seconds(270) - 1);
        assertThat(output.last()).isEqualTo(whileGcpWasIdle);
        see("gcp", seconds(310));
        assertThat(output.last()).isEqualTo(seconds(280) - 1);
    }

    @Test
    void movesInWholeSecondsAndOnlyForward() {
        see("aws", seconds(100) + 250);
        see("aws", seconds(100) + 900);
        see("aws", seconds(101) + 100);
        see("aws", seconds(90));

        assertThat(output.values()).containsExactly(seconds(70) - 1, seconds(71) - 1);
    }

    @Test
    void givesTheSameWatermarksForTheSameSpansWhenAskedPeriodically() {
        see("aws", seconds(100));
        watermarks.onPeriodicEmit(output);
        see("gcp", seconds(95));
        watermarks.onPeriodicEmit(output);

        assertThat(output.values()).containsOnly(seconds(70) - 1);
    }

    private void see(String cloud, long endMillis) {
        watermarks.onEvent(span(cloud, endMillis), endMillis, output);
    }

    private static long seconds(int seconds) {
        return T0 + seconds * 1000L;
    }

    private static Span span(String cloud, long endMillis) {
        return new Span(
                new ResourceIdentity("order-api", "1.0.0", cloud, "region", "production", "acme"),
                "trace",
                "span",
                "",
                "order-capture",
                SpanKind.SERVER,
                (endMillis - 10) * 1_000_000L,
                endMillis * 1_000_000L,
                StatusCode.OK,
                "",
                "order-to-fulfillment",
                "o-1",
                "order-capture",
                Map.of(),
                1.0);
    }

    private static final class Emitted implements WatermarkOutput {
        private final List<Long> values = new ArrayList<>();

        @Override
        public void emitWatermark(Watermark watermark) {
            values.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}

        List<Long> values() {
            return values;
        }

        long last() {
            return values.get(values.size() - 1);
        }
    }
}
