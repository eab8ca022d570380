package dev.concord.cli.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where the bench's source and sinks note wall-clock times during a run. The embedded engine runs its tasks in this
 * JVM, so they reach the same static state; one run at a time.
 *
 * <p>The source notes, per reader, each new highest event time it emitted and when; a sink notes, per result, the
 * event time of the timer that produced it and when it arrived. Since a timer at {@code t} fires once the watermark
 * reaches {@code t}, and the watermark is the lowest reader's highest event time minus the out-of-orderness and 1 ms,
 * these two logs give for each result the moment the span that released it entered the source.
 */
final class Probe {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** Per source reader: (highest event time so far, nanoTime) pairs, in emission order. */
    private static LongPairs[] readers = new LongPairs[0];

    private static final List<LongPairs> OUTCOMES = new ArrayList<>();
    private static final List<LongPairs> SNAPSHOTS = new ArrayList<>();
    private static final List<LongPairs> ALERTS = new ArrayList<>();

    private static long startNanos;
    private static long startCpuNanos;
    private static long endNanos;
    private static long endCpuNanos;

    private Probe() {}

    static synchronized void reset(int parallelism) {
        readers = new LongPairs[parallelism];
        for (int i = 0; i < parallelism; i++) {
            readers[i] = new LongPairs();
        }
        OUTCOMES.clear();
        SNAPSHOTS.clear();
        ALERTS.clear();
        startNanos = 0;
        startCpuNanos = 0;
        endNanos = 0;
        endCpuNanos = 0;
    }

    static synchronized LongPairs reader(int subtask) {
        if (startNanos == 0) {
            // what the previous run and the job's submission left behind is not this run's garbage
            System.gc();
            startNanos = System.nanoTime();
            startCpuNanos = OS.getProcessCpuTime();
        }
        return readers[subtask];
    }

    static synchronized LongPairs output(Kind kind) {
        LongPairs pairs = new LongPairs();
        switch (kind) {
            case OUTCOME -> OUTCOMES.add(pairs);
            case SNAPSHOT -> SNAPSHOTS.add(pairs);
            case ALERT -> ALERTS.add(pairs);
            case NONE -> {}
        }
        return pairs;
    }

    /** A sink saw its end of input: the run ends when the last one has. */
    static synchronized void ended() {
        endNanos = Math.max(endNanos, System.nanoTime());
        endCpuNanos = Math.max(endCpuNanos, OS.getProcessCpuTime());
    }

    static synchronized double wallSeconds() {
        return (endNanos - startNanos) / 1e9;
    }

    static synchronized double cpuSeconds() {
        return (endCpuNanos - startCpuNanos) / 1e9;
    }

    /**
     * Milliseconds from the entry of the span that released each result of the kind to the result reaching its sink.
     *
     * @param releaseLagMillis how far past a timer's time the highest event time must be to fire it: the bounded
     *     out-of-orderness plus 1 ms
     */
    static synchronized double[] latenciesMillis(Kind kind, long releaseLagMillis) {
        List<LongPairs> outputs = switch (kind) {
            case OUTCOME -> OUTCOMES;
            case SNAPSHOT -> SNAPSHOTS;
            case ALERT -> ALERTS;
            case NONE -> List.of();
        };
        int count = 0;
        for (LongPairs pairs : outputs) {
            count += pairs.size;
        }
        double[] millis = new double[count];
        int n = 0;
        for (LongPairs pairs : outputs) {
            for (int i = 0; i < pairs.size; i++) {
                long released = releasedAt(pairs.first[i] + releaseLagMillis);
                millis[n++] = (pairs.second[i] - released) / 1e6;
            }
        }
        Arrays.sort(millis);
        return millis;
    }

    /** When the slowest reader first emitted an event time of at least {@code eventTime}, or its last span. */
    private static long releasedAt(long eventTime) {
        long released = Long.MIN_VALUE;
        for (LongPairs reader : readers) {
            if (reader.size == 0) {
                continue;
            }
            int i = Arrays.binarySearch(reader.first, 0, reader.size, eventTime);
            int at = i >= 0 ? i : Math.min(-i - 1, reader.size - 1);
            released = Math.max(released, reader.second[at]);
        }
        return released;
    }

    /** The value at quantile q of sorted values; NaN when there are none. */
    static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** Which output a sink notes. */
    enum Kind {
        OUTCOME,
        SNAPSHOT,
        ALERT,
        NONE
    }

    /** Growable parallel arrays of longs, written by one task thread. */
    static final class LongPairs {
        long[] first = new long[1024];
        long[] second = new long[1024];
        int size;

        void add(long a, long b) {
            if (size == first.length) {
                first = Arrays.copyOf(first, size * 2);
                second = Arrays.copyOf(second, size * 2);
            }
            first[size] = a;
            second[size] = b;
            size++;
        }

        long lastFirst() {
            return size == 0 ? Long.MIN_VALUE : first[size - 1];
        }
    }
}
