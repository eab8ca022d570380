package dev.concord.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProbeTest {

    private static final long MILLI = 1_000_000L;

    @Test
    void measuresFromTheSpanThatMovedTheSlowestReaderPastTheResultsTime() {
        Probe.reset(2);
        Probe.LongPairs fast = Probe.reader(0);
        Probe.LongPairs slow = Probe.reader(1);
        fast.add(10_000, 100 * MILLI);
        fast.add(50_000, 110 * MILLI);
        slow.add(20_000, 105 * MILLI);
        slow.add(40_000, 130 * MILLI);
        slow.add(60_000, 150 * MILLI);
        // a timer at 9 000 with a lag of 30 001 needs event time 39 001: the fast reader at 110 ms, the slow at 130 ms
        Probe.output(Probe.Kind.OUTCOME).add(9_000, 142 * MILLI);

        assertThat(Probe.latenciesMillis(Probe.Kind.OUTCOME, 30_001)).containsExactly(12.0);
    }

    @Test
    void resultsReleasedOnlyByTheEndOfInputCountFromEachReadersLastSpan() {
        Probe.reset(1);
        Probe.LongPairs reader = Probe.reader(0);
        reader.add(10_000, 100 * MILLI);
        reader.add(20_000, 120 * MILLI);
        Probe.output(Probe.Kind.SNAPSHOT).add(59_999, 125 * MILLI);

        assertThat(Probe.latenciesMillis(Probe.Kind.SNAPSHOT, 30_001)).containsExactly(5.0);
    }

    @Test
    void quantilesAreNearestRankOverSortedValues() {
        double[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

        assertThat(Probe.quantile(sorted, 0.5)).isEqualTo(5);
        assertThat(Probe.quantile(sorted, 0.95)).isEqualTo(10);
        assertThat(Probe.quantile(new double[0], 0.5)).isNaN();
    }
}
