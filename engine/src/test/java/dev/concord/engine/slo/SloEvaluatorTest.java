package dev.concord.engine.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.concord.engine.testing.WarehouseOutage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Detection timing against the SRE workbook's figures for a 99.9% SLO over 30 days with google-30d windows. */
class SloEvaluatorTest {

    private static final long MINUTE = 60_000L;
    private static final long ONSET = Instant.parse("2026-01-05T12:00:00Z").toEpochMilli();
    private static final int PER_MINUTE = 100;

    static final List<BurnWindow> GOOGLE_30D = WarehouseOutage.GOOGLE_30D;

    private static final SloKey KEY = new SloKey("o2f-availability", "aws", "us-east-1", SloSpec.ALL);

    private KeyedOneInputStreamOperatorTestHarness<SloKey, SloEvent, SloSnapshot> harness;

    private static SloSpec spec(long minEvents) {
        return new SloSpec(
                "o2f-availability",
                "order-to-fulfillment",
                0,
                0.999,
                30 * 24 * 60,
                "",
                GOOGLE_30D,
                minEvents,
                true,
                true,
                false,
                Map.of("team", "fulfillment"),
                Map.of("runbook_url", "https://runbooks.example.com/o2f"));
    }

    private void open(SloSpec spec, long stopAt) throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new SloEvaluator(List.of(spec), stopAt), SloEvent::key, TypeInformation.of(SloKey.class));
    }

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    /** {@code perMinute} events in each minute of [fromMinute, toMinute) relative to the onset, a share of them bad. */
    private void traffic(int fromMinute, int toMinute, int perMinute, double badShare) throws Exception {
        for (int minute = fromMinute; minute < toMinute; minute++) {
            int bad = (int) Math.round(perMinute * badShare);
            for (int i = 0; i < perMinute; i++) {
                long time = ONSET + minute * MINUTE + (i * MINUTE) / perMinute;
                harness.processElement(SloEvent.single(KEY, time, i >= bad, 1.0), time);
            }
            harness.processWatermark(ONSET + (minute + 1) * MINUTE - 1);
        }
    }

    private List<SloAlert> alerts() {
        var output = harness.getSideOutput(SloEvaluator.ALERTS);
        return output == null
                ? List.of()
                : output.stream().map(StreamRecord::getValue).toList();
    }

    private static double minutesAfterOnset(SloAlert alert) {
        return (alert.eventTimeMillis() - ONSET) / (double) MINUTE;
    }

    @Test
    void pagesOnTheFastWindowAboutFiftyTwoSecondsIntoATotalOutage() throws Exception {
        open(spec(50), Long.MAX_VALUE);
        traffic(-120, 0, PER_MINUTE, 0);
        traffic(0, 10, PER_MINUTE, 1.0);

        SloAlert page = alerts().stream()
                .filter(a -> a.firing() && a.longWindowMinutes() == 60)
                .findFirst()
                .orElseThrow();

        double expected = 14.4 * 0.001 * 60; // 0.864 min ≈ 52 s
        assertThat(minutesAfterOnset(page)).isCloseTo(expected, within(1.0));
        assertThat(page.severity()).isEqualTo("page");
        assertThat(page.factor()).isEqualTo(14.4);
        assertThat(page.longBurnRate()).isGreaterThanOrEqualTo(14.4);
        assertThat(page.labels()).containsEntry("team", "fulfillment");
        assertThat(page.cloudProvider()).isEqualTo("aws");
    }

    @Test
    void pagesAboutSixMinutesIntoFifteenPercentErrors() throws Exception {
        open(spec(50), Long.MAX_VALUE);
        traffic(-120, 0, PER_MINUTE, 0);
        traffic(0, 20, PER_MINUTE, 0.15);

        SloAlert page = alerts().stream()
                .filter(a -> a.firing() && a.longWindowMinutes() == 60)
                .findFirst()
                .orElseThrow();

        double expected = 14.4 * 0.001 / 0.15 * 60; // 5.76 min
        assertThat(minutesAfterOnset(page)).isCloseTo(expected, within(1.0));
    }

    @Test
    void resolvesThePageAboutFiveMinutesAfterErrorsStop() throws Exception {
        open(spec(50), Long.MAX_VALUE);
        traffic(-120, 0, PER_MINUTE, 0);
        traffic(0, 10, PER_MINUTE, 1.0);
        traffic(10, 30, PER_MINUTE, 0);

        SloAlert resolved = alerts().stream()
                .filter(a -> !a.firing() && a.longWindowMinutes() == 60)
                .findFirst()
                .orElseThrow();

        assertThat(minutesAfterOnset(resolved) - 10).isCloseTo(5.0, within(1.0));
        assertThat(resolved.shortBurnRate()).isLessThan(14.4);
    }

    @Test
    void neverPagesWhenTheLongWindowSawFewerEventsThanTheMinimum() throws Exception {
        open(spec(50), Long.MAX_VALUE);
        for (int minute = 0; minute < 120; minute += 3) {
            traffic(minute, minute + 1, 1, 1.0);
            harness.processWatermark(ONSET + (minute + 3) * MINUTE - 1);
        }

        assertThat(alerts()).noneMatch(a -> a.severity().equals("page"));
        assertThat(alerts()).anyMatch(a -> a.severity().equals("ticket") && a.firing());
    }

    @Test
    void snapshotsEveryMinuteWithTheBudgetComputedFromCounts() throws Exception {
        open(spec(0), Long.MAX_VALUE);
        // uneven traffic: an average of per-minute ratios would say 50%; the count-based SLI is 99.9%
        traffic(0, 1, 999, 0);
        traffic(1, 2, 1, 1.0);

        List<SloSnapshot> snapshots = harness.extractOutputValues();

        assertThat(snapshots).hasSize(2);
        SloSnapshot second = snapshots.get(1);
        assertThat(second.minuteEndEpochMillis()).isEqualTo(ONSET + 2 * MINUTE);
        assertThat(second.periodEvents()).isEqualTo(1000);
        assertThat(second.periodSli()).isCloseTo(0.999, within(1e-12));
        assertThat(second.budgetRemaining()).isCloseTo(0.0, within(1e-9));
        assertThat(second.noData()).isFalse();
        assertThat(second.windows())
                .extracting(WindowBurn::windowMinutes)
                .containsExactly(5, 30, 60, 120, 360, 1440, 4320);
        assertThat(second.windows().get(0).events()).isEqualTo(1000);
    }

    @Test
    void stopsAtTheGivenEndAndKeepsNoTimerBeyondIt() throws Exception {
        long stopAt = ONSET + 10 * MINUTE;
        open(spec(0), stopAt);
        traffic(0, 5, 10, 0);

        harness.processWatermark(Long.MAX_VALUE);

        assertThat(harness.extractOutputValues()).hasSize(10);
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void clearsItsCountsOnceTheSloPeriodHasPassedSinceTheLastEvent() throws Exception {
        SloSpec spec = new SloSpec(
                "short",
                "order-to-fulfillment",
                0,
                0.99,
                24 * 60,
                "",
                List.of(new BurnWindow("page", 60, 5, 14.4)),
                0,
                true,
                false,
                false,
                Map.of(),
                Map.of());
        open(spec, Long.MAX_VALUE);
        harness.processElement(SloEvent.single(KEY_FOR("short"), ONSET, false, 1), ONSET);

        harness.processWatermark(ONSET + Duration.ofHours(23).toMillis());
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        harness.processWatermark(ONSET + Duration.ofHours(25).toMillis());

        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.extractOutputValues()).hasSize(60);
        assertThat(alerts()).extracting(SloAlert::firing).containsExactly(true, false);
    }

    @Test
    void sendsAnEventForAMinuteAlreadyEvaluatedToTheLateOutput() throws Exception {
        open(spec(0), Long.MAX_VALUE);
        traffic(0, 2, 10, 0);
        SloEvent late = SloEvent.single(KEY, ONSET + 30_000, false, 1);

        harness.processElement(late, late.eventTimeMillis());

        assertThat(harness.getSideOutput(SloEvaluator.LATE))
                .extracting(StreamRecord::getValue)
                .containsExactly(late);
    }

    @Test
    void weighsSampledEventsByTheirAdjustedCount() throws Exception {
        open(spec(0), Long.MAX_VALUE);
        harness.processElement(SloEvent.single(KEY, ONSET, true, 9), ONSET);
        harness.processElement(SloEvent.single(KEY, ONSET + 1, false, 1), ONSET + 1);
        harness.processWatermark(ONSET + MINUTE - 1);

        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(snapshot -> assertThat(snapshot.periodSli()).isCloseTo(0.9, within(1e-12)));
    }

    private static SloKey KEY_FOR(String slo) {
        return new SloKey(slo, "aws", "us-east-1", SloSpec.ALL);
    }

    @Test
    void startsACalendarMonthsBudgetAfreshOnTheFirstOfTheMonthInItsTimeZone() throws Exception {
        SloSpec monthly = new SloSpec(
                "monthly",
                "order-to-fulfillment",
                0,
                0.99,
                SloSpec.CALENDAR_MONTH_MINUTES,
                "Asia/Kolkata",
                List.of(new BurnWindow("ticket", 60, 5, 1000)),
                0,
                true,
                false,
                false,
                Map.of(),
                Map.of());
        open(monthly, Long.MAX_VALUE);
        // 1 February 00:00 in Kolkata (UTC+05:30) is 31 January 18:30 UTC
        long monthStart = Instant.parse("2026-01-31T18:30:00Z").toEpochMilli();
        SloKey key = new SloKey("monthly", "aws", SloSpec.ALL, SloSpec.ALL);
        for (long t = monthStart - 10 * MINUTE; t < monthStart + 10 * MINUTE; t += MINUTE) {
            boolean january = t < monthStart;
            harness.processElement(SloEvent.single(key, t, !january, 1), t);
        }
        harness.processWatermark(monthStart + 10 * MINUTE - 1);

        List<SloSnapshot> snapshots = harness.extractOutputValues();
        SloSnapshot lastOfJanuary = snapshots.stream()
                .filter(s -> s.minuteEndEpochMillis() == monthStart)
                .findFirst()
                .orElseThrow();
        SloSnapshot february = snapshots.get(snapshots.size() - 1);
        assertThat(lastOfJanuary.periodEvents()).isEqualTo(10);
        assertThat(lastOfJanuary.periodSli()).isZero();
        assertThat(february.periodEvents()).isEqualTo(10);
        assertThat(february.periodSli()).isEqualTo(1.0);
        assertThat(february.budgetRemaining()).isEqualTo(1.0);
    }

    @Test
    void countsGoodAndBadOneMinuteSlicesForTimesliceBudgeting() throws Exception {
        SloSpec slices = new SloSpec(
                "o2f-availability",
                "order-to-fulfillment",
                0,
                0.9,
                24 * 60,
                "",
                List.of(new BurnWindow("ticket", 10, 5, 1)),
                0,
                true,
                false,
                false,
                Map.of(),
                Map.of(),
                1,
                0.95);
        open(slices, Long.MAX_VALUE);
        // nine minutes at 100% good, one minute at 90%: the busy bad minute is one bad slice of ten
        traffic(0, 9, 10, 0);
        traffic(9, 10, 1000, 0.1);

        SloSnapshot last = harness.extractOutputValues().get(9);

        assertThat(last.periodSli()).isCloseTo(0.9, within(1e-12));
        assertThat(last.budgetRemaining()).isCloseTo(0.0, within(1e-9));
        assertThat(last.windows())
                .filteredOn(w -> w.windowMinutes() == 10)
                .singleElement()
                .satisfies(w -> {
                    assertThat(w.events()).isEqualTo(10);
                    assertThat(w.goodEvents()).isEqualTo(9);
                });
    }
}
