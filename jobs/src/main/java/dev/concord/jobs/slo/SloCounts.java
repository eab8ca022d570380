package dev.concord.jobs.slo;

/**
 * The counts one SLO key keeps, independent of traffic: a ring of per-minute buckets as long as the longest alert
 * window, and a ring of per-hour buckets as long as the SLO period. Each slot remembers which minute or hour it holds,
 * so a slot left over from a previous lap reads as empty. Ratios are always sums of counts over a window, never an
 * average of per-bucket ratios, which would be wrong under uneven traffic.
 *
 * <p>A strict POJO for Flink's serializer: public fields, no-argument constructor.
 */
public final class SloCounts {

    static final long MINUTES_PER_HOUR = 60;

    public long[] minuteOf;
    public double[] minuteGood;
    public double[] minuteTotal;
    public long[] hourOf;
    public double[] hourGood;
    public double[] hourTotal;
    /** Bit i is set while window pair i fires. */
    public long firing;

    public long lastEventMinute;

    public SloCounts() {}

    static SloCounts forSpec(SloSpec spec) {
        SloCounts counts = new SloCounts();
        // at least an hour: the current hour of the period is read from minutes, see period()
        int minutes = Math.max(spec.longestWindowMinutes(), (int) MINUTES_PER_HOUR);
        // one extra hour: the period ends inside the current, partly filled hour
        int hours = (int) ((spec.periodMinutes() + MINUTES_PER_HOUR - 1) / MINUTES_PER_HOUR) + 1;
        counts.minuteOf = filled(minutes);
        counts.minuteGood = new double[minutes];
        counts.minuteTotal = new double[minutes];
        counts.hourOf = filled(hours);
        counts.hourGood = new double[hours];
        counts.hourTotal = new double[hours];
        counts.lastEventMinute = Long.MIN_VALUE;
        return counts;
    }

    void add(long epochMinute, boolean good, double weight) {
        int m = slot(epochMinute, minuteOf.length);
        if (minuteOf[m] != epochMinute) {
            minuteOf[m] = epochMinute;
            minuteGood[m] = 0;
            minuteTotal[m] = 0;
        }
        minuteTotal[m] += weight;
        long hour = Math.floorDiv(epochMinute, MINUTES_PER_HOUR);
        int h = slot(hour, hourOf.length);
        if (hourOf[h] != hour) {
            hourOf[h] = hour;
            hourGood[h] = 0;
            hourTotal[h] = 0;
        }
        hourTotal[h] += weight;
        if (good) {
            minuteGood[m] += weight;
            hourGood[h] += weight;
        }
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
     * Totals over the SLO period before {@code endMinuteExclusive}, to the hour: the minutes of the current hour, read
     * from the minute ring so that events after the end never count, plus the whole hours before it.
     */
    Totals period(long endMinuteExclusive, int periodMinutes) {
        long currentHour = Math.floorDiv(endMinuteExclusive - 1, MINUTES_PER_HOUR);
        Totals thisHour = window(endMinuteExclusive, (int) (endMinuteExclusive - currentHour * MINUTES_PER_HOUR));
        long hours = (periodMinutes + MINUTES_PER_HOUR - 1) / MINUTES_PER_HOUR;
        double good = thisHour.good();
        double total = thisHour.total();
        for (long hour = currentHour - hours + 1; hour < currentHour; hour++) {
            int h = slot(hour, hourOf.length);
            if (hourOf[h] == hour) {
                good += hourGood[h];
                total += hourTotal[h];
            }
        }
        return new Totals(good, total);
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
