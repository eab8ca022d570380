package dev.concord.engine.slo;

/**
 * The counts one SLO key keeps, independent of traffic: a ring of per-minute buckets as long as the longest alert
 * window, and a ring of quarter-hour buckets as long as the SLO period. Quarter hours, because every time zone's
 * offset is a multiple of 15 minutes, so a calendar month starts on a slice boundary anywhere. Each slot remembers
 * which minute or slice it holds, so a slot left over from a previous lap reads as empty. Ratios are always sums of counts over a window, never an
 * average of per-bucket ratios, which would be wrong under uneven traffic.
 *
 * <p>A strict POJO for Flink's serializer: public fields, no-argument constructor.
 */
public final class SloCounts {

    static final long MINUTES_PER_SLICE = 15;

    public long[] minuteOf;
    public double[] minuteGood;
    public double[] minuteTotal;
    public long[] sliceOf;
    public double[] sliceGood;
    public double[] sliceTotal;
    /** For timeslice budgeting: timeslices that ended in each quarter-hour slot, and how many of them were good. */
    public double[] timeslicesGood;

    public double[] timeslices;
    /** Bit i is set while window pair i fires. */
    public long firing;

    public long lastEventMinute;

    public SloCounts() {}

    public static SloCounts forSpec(SloSpec spec) {
        SloCounts counts = new SloCounts();
        // at least a slice: the current slice of the period is read from minutes, see period()
        int minutes = Math.max(spec.longestWindowMinutes(), (int) MINUTES_PER_SLICE);
        // one extra slice: the period ends inside the current, partly filled one
        int slices = (int) ((spec.periodMinutes() + MINUTES_PER_SLICE - 1) / MINUTES_PER_SLICE) + 1;
        counts.minuteOf = filled(minutes);
        counts.minuteGood = new double[minutes];
        counts.minuteTotal = new double[minutes];
        counts.sliceOf = filled(slices);
        counts.sliceGood = new double[slices];
        counts.sliceTotal = new double[slices];
        counts.timeslicesGood = new double[slices];
        counts.timeslices = new double[slices];
        counts.lastEventMinute = Long.MIN_VALUE;
        return counts;
    }

    void add(long epochMinute, double goodWeight, double weight) {
        int m = slot(epochMinute, minuteOf.length);
        if (minuteOf[m] != epochMinute) {
            minuteOf[m] = epochMinute;
            minuteGood[m] = 0;
            minuteTotal[m] = 0;
        }
        minuteTotal[m] += weight;
        long slice = Math.floorDiv(epochMinute, MINUTES_PER_SLICE);
        int q = slot(slice, sliceOf.length);
        claim(slice, q);
        sliceTotal[q] += weight;
        minuteGood[m] += goodWeight;
        sliceGood[q] += goodWeight;
        lastEventMinute = Math.max(lastEventMinute, epochMinute);
    }

    /** Totals over the {@code minutes} minutes before {@code endMinuteExclusive}. */
    Totals window(long endMinuteExclusive, int minutes) {
        double good = 0;
        double total = 0;
        for (long minute = endMinuteExclusive - minutes; minute < endMinuteExclusive; minute++) {
            int m = slot(minute, minuteOf.length);
            if (minuteOf[m] == minute) {
                good += minuteGood[m];
                total += minuteTotal[m];
            }
        }
        return new Totals(good, total);
    }

    /**
     * Totals from {@code startMinute} (a slice boundary; a start inside a slice counts from the next one) to
     * {@code endMinuteExclusive}: the minutes of the current slice, read from the minute ring so that events after the
     * end never count, plus the whole slices before it.
     */
    Totals since(long startMinute, long endMinuteExclusive) {
        long currentSlice = Math.floorDiv(endMinuteExclusive - 1, MINUTES_PER_SLICE);
        long currentSliceStart = currentSlice * MINUTES_PER_SLICE;
        Totals thisSlice =
                window(endMinuteExclusive, (int) (endMinuteExclusive - Math.max(currentSliceStart, startMinute)));
        double good = thisSlice.good();
        double total = thisSlice.total();
        long firstSlice = Math.max(
                Math.floorDiv(startMinute + MINUTES_PER_SLICE - 1, MINUTES_PER_SLICE),
                currentSlice - sliceOf.length + 1);
        for (long slice = firstSlice; slice < currentSlice; slice++) {
            int q = slot(slice, sliceOf.length);
            if (sliceOf[q] == slice) {
                good += sliceGood[q];
                total += sliceTotal[q];
            }
        }
        return new Totals(good, total);
    }

    /**
     * Records the verdict of a timeslice that ended at {@code endMinuteExclusive}: good when its own good ratio reached
     * the target. A slice without events is no slice at all: it neither spends nor earns budget.
     */
    void closeTimeslice(long endMinuteExclusive, int sliceMinutes, double target) {
        Totals slice = window(endMinuteExclusive, sliceMinutes);
        if (slice.total() == 0) {
            return;
        }
        long quarter = Math.floorDiv(endMinuteExclusive - 1, MINUTES_PER_SLICE);
        int q = slot(quarter, sliceOf.length);
        claim(quarter, q);
        timeslices[q] += 1;
        if (slice.sli() >= target) {
            timeslicesGood[q] += 1;
        }
    }

    /** Good timeslices over timeslices among those that ended in [{@code startMinute}, {@code endMinuteExclusive}). */
    Totals timeslicesSince(long startMinute, long endMinuteExclusive) {
        long lastQuarter = Math.floorDiv(endMinuteExclusive - 1, MINUTES_PER_SLICE);
        long firstQuarter = Math.max(
                Math.floorDiv(startMinute + MINUTES_PER_SLICE - 1, MINUTES_PER_SLICE),
                lastQuarter - sliceOf.length + 1);
        double good = 0;
        double total = 0;
        for (long quarter = firstQuarter; quarter <= lastQuarter; quarter++) {
            int q = slot(quarter, sliceOf.length);
            if (sliceOf[q] == quarter) {
                good += timeslicesGood[q];
                total += timeslices[q];
            }
        }
        return new Totals(good, total);
    }

    /** Good timeslices over timeslices in the window, each slice judged from its minutes. */
    Totals timesliceWindow(long endMinuteExclusive, int windowMinutes, int sliceMinutes, double target) {
        double good = 0;
        double total = 0;
        long lastSliceEnd = endMinuteExclusive - Math.floorMod(endMinuteExclusive, (long) sliceMinutes);
        for (long end = lastSliceEnd; end - sliceMinutes >= endMinuteExclusive - windowMinutes; end -= sliceMinutes) {
            Totals slice = window(end, sliceMinutes);
            if (slice.total() > 0) {
                total += 1;
                if (slice.sli() >= target) {
                    good += 1;
                }
            }
        }
        return new Totals(good, total);
    }

    private void claim(long quarter, int q) {
        if (sliceOf[q] != quarter) {
            sliceOf[q] = quarter;
            sliceGood[q] = 0;
            sliceTotal[q] = 0;
            timeslicesGood[q] = 0;
            timeslices[q] = 0;
        }
    }

    boolean firing(int pair) {
        return (firing & (1L << pair)) != 0;
    }

    void setFiring(int pair, boolean on) {
        firing = on ? firing | (1L << pair) : firing & ~(1L << pair);
    }

    private static int slot(long index, int length) {
        return (int) Math.floorMod(index, (long) length);
    }

    private static long[] filled(int length) {
        long[] slots = new long[length];
        java.util.Arrays.fill(slots, Long.MIN_VALUE);
        return slots;
    }
}
